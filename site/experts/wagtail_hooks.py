"""The experts app in the Wagtail admin: the competency vocabulary editors curate, the queue
of applications staff verify, and the ratings people flagged for moderators.

The two queues are read-only listings; their decisions are buttons that POST to views below,
which call the services (so the same rules and side effects apply as everywhere else)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.panels import FieldPanel

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from experts import services
from experts.errors import ExpertsError
from experts.forms import ReviewForm
from experts.models import Competency, CompetencyClaim, Rating, RatingFlag
from experts.services.experts import REVIEW_PERMISSION
from experts.services.ratings import MODERATE_PERMISSION


class QueuePermissionHelper(PermissionHelper):
    """A queue is looked at and decided on, never created, edited or deleted by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CompetencyAdmin(ModelAdmin):
    model = Competency
    menu_label = gettext_lazy("Competencies")
    menu_icon = "tag"
    list_display = ("name", "name_en", "slug", "sort_order")
    search_fields = ("name", "name_en")
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]


class CompetencyClaimAdmin(ModelAdmin):
    """Applications waiting for verification come first."""

    model = CompetencyClaim
    menu_label = gettext_lazy("Applications to verify")
    menu_icon = "form"
    permission_helper_class = QueuePermissionHelper
    inspect_view_enabled = True
    list_display = ("content_object", "tag", "status", "submitted_at")
    list_filter = ("status", "tag")
    search_fields = ("content_object__user__email", "tag__name")

    # "pending" sorts before "rejected" and "verified": the waiting applications come first.
    ordering = ("status", "submitted_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tag", "content_object__user__profile")


class FlaggedRatingAdmin(ModelAdmin):
    """Ratings somebody reported, and ratings moderators have hidden."""

    model = Rating
    menu_label = gettext_lazy("Flagged ratings")
    menu_icon = "warning"
    permission_helper_class = QueuePermissionHelper
    inspect_view_enabled = True
    list_display = ("expert", "project", "scores", "open_flags", "is_hidden")
    list_filter = ("is_hidden",)

    def get_queryset(self, request):
        open_flag = Q(flags__resolution=RatingFlag.Resolution.OPEN)
        return (
            super()
            .get_queryset(request)
            .annotate(open_flag_count=Count("flags", filter=open_flag))
            .filter(Q(open_flag_count__gt=0) | Q(is_hidden=True))
            .select_related("project", "expert__profile")
            .order_by("-open_flag_count", "-created_at")
        )

    def open_flags(self, obj):
        return obj.open_flag_count

    def scores(self, obj):
        return " / ".join(str(value) for value in obj.values().values())

    open_flags.short_description = gettext_lazy("open flags")
    scores.short_description = gettext_lazy("competence / usefulness / timeliness / communication")


class ExpertsAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Experts")
    menu_icon = "user"
    menu_order = 300
    items = (CompetencyAdmin, CompetencyClaimAdmin, FlaggedRatingAdmin)


modeladmin_register(ExpertsAdminGroup)


@require_POST
def claim_review(request, pk: int):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    claim = get_object_or_404(CompetencyClaim, pk=pk)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    verify = request.POST.get("decision") == "verify"
    try:
        services.competency_claim_review(claim=claim, by=request.user, verify=verify, note=note)
    except ExpertsError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Verified.") if verify else _("Rejected."))
    return redirect("experts_competencyclaim_modeladmin_index")


@require_POST
def rating_moderate(request, pk: int):
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    rating = get_object_or_404(Rating, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "hide":
            reason = request.POST.get("reason", "")
            services.rating_hide(rating=rating, by=request.user, reason=reason)
        elif action == "restore":
            services.rating_restore(rating=rating, by=request.user)
        else:
            services.ratings_flags_dismiss(rating=rating, by=request.user)
    except ExpertsError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("experts_rating_modeladmin_index")


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("experts/review/<int:pk>/", claim_review, name="experts_claim_review"),
        path("experts/moderate/<int:pk>/", rating_moderate, name="experts_rating_moderate"),
    ]
