"""The experts app in the Wagtail admin: the competency vocabulary editors curate, the queue
of applications staff verify, the ratings, questions and answers people flagged for
moderators, and the moderation log.

The queues are read-only listings; their decisions are buttons that POST to views below,
which call the services (so the same rules and side effects apply as everywhere else)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.panels import FieldPanel

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.admin_forms import RefusedFormsMixin, inspect_again
from experts import services
from experts.errors import ExpertsError
from experts.forms import ReviewForm
from experts.models import (
    Answer,
    Competency,
    CompetencyClaim,
    ModerationAction,
    Question,
    Rating,
    RatingFlag,
)
from experts.services.experts import REVIEW_PERMISSION
from experts.services.moderation import MODERATE_CONSULTATIONS_PERMISSION
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


class ClaimInspectView(RefusedFormsMixin, InspectView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(review_form=self.form("review_form", ReviewForm), **kwargs)


class CompetencyClaimAdmin(ModelAdmin):
    """Applications waiting for verification come first."""

    model = CompetencyClaim
    menu_label = gettext_lazy("Applications to verify")
    menu_icon = "form"
    permission_helper_class = QueuePermissionHelper
    inspect_view_enabled = True
    inspect_view_class = ClaimInspectView
    list_display = ("content_object", "tag", "status", "submitted_at")
    list_filter = ("status", "tag")
    search_fields = ("content_object__user__email", "tag__name")

    # "pending" sorts before "rejected" and "verified": the waiting applications come first.
    ordering = ("status", "submitted_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tag", "content_object__user__profile")


class FlaggedFirstAdmin(ModelAdmin):
    """A moderation queue: items with open flags first (most flagged on top), then the rest,
    newest first. Decisions are buttons on the inspect page."""

    permission_helper_class = QueuePermissionHelper
    inspect_view_enabled = True
    ordering = ("-open_flag_count", "-created_at")
    related = ()

    def get_queryset(self, request):
        # Annotate before ordering: the default queryset is already ordered by `ordering`.
        open_flag = Q(flags__resolution=RatingFlag.Resolution.OPEN)
        return (
            self.model._default_manager.annotate(open_flag_count=Count("flags", filter=open_flag))
            .select_related(*self.related)
            .order_by(*self.get_ordering(request))
        )

    def open_flags(self, obj):
        return obj.open_flag_count

    open_flags.short_description = gettext_lazy("open flags")
    open_flags.admin_order_field = "open_flag_count"


class FlaggedRatingAdmin(FlaggedFirstAdmin):
    """Ratings somebody reported, and ratings moderators have hidden."""

    model = Rating
    menu_label = gettext_lazy("Flagged ratings")
    menu_icon = "warning"
    list_display = ("expert", "project", "scores", "open_flags", "is_hidden")
    list_filter = ("is_hidden",)
    related = ("project", "expert__profile")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(Q(open_flag_count__gt=0) | Q(is_hidden=True))

    def scores(self, obj):
        return " / ".join(str(value) for value in obj.values().values())

    scores.short_description = gettext_lazy("competence / usefulness / timeliness / communication")


class QuestionModerationAdmin(FlaggedFirstAdmin):
    """Every question, the reported ones first."""

    model = Question
    menu_label = gettext_lazy("Questions")
    menu_icon = "help"
    list_display = ("title", "competency", "asker", "open_flags", "is_hidden", "created_at")
    list_filter = ("is_hidden", "competency")
    search_fields = ("title", "search_text")
    related = ("competency", "asker__profile")


class AnswerModerationAdmin(FlaggedFirstAdmin):
    """Every answer, the reported ones first."""

    model = Answer
    menu_label = gettext_lazy("Answers")
    menu_icon = "comment"
    list_display = ("excerpt", "question", "expert", "open_flags", "is_hidden", "created_at")
    list_filter = ("is_hidden",)
    search_fields = ("body",)
    related = ("question", "expert__user__profile")

    def excerpt(self, obj):
        return Truncator(obj.body).words(12)

    excerpt.short_description = gettext_lazy("answer")


class ModerationLogAdmin(ModelAdmin):
    """Who hid, restored or kept what, when and why: read-only."""

    model = ModerationAction
    menu_label = gettext_lazy("Moderation log")
    menu_icon = "history"
    permission_helper_class = QueuePermissionHelper
    list_display = ("created_at", "moderator", "action", "target", "reason")
    list_filter = ("action",)
    search_fields = ("target", "reason")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator__profile")


class ExpertsAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Experts")
    menu_icon = "user"
    menu_order = 300
    items = (
        CompetencyAdmin,
        CompetencyClaimAdmin,
        FlaggedRatingAdmin,
        QuestionModerationAdmin,
        AnswerModerationAdmin,
        ModerationLogAdmin,
    )


modeladmin_register(ExpertsAdminGroup)


@require_POST
def claim_review(request, pk: int):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    claim = get_object_or_404(CompetencyClaim, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        # No decision with the note silently dropped: the applicant would be told nothing.
        return inspect_again(
            request, "experts_competencyclaim_modeladmin_inspect", claim.pk, review_form=form
        )
    verify = form.cleaned_data["decision"] == "verify"
    note = form.cleaned_data["note"]
    try:
        services.competency_claim_review(claim=claim, by=request.user, verify=verify, note=note)
    except ExpertsError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Verified.") if verify else _("Rejected."))
    return redirect("experts_competencyclaim_modeladmin_index")


def _moderate(request, *, hide, restore, dismiss, queue: str):
    """Carry out a moderator's decision from an inspect page: hide (a reason is required),
    restore or keep (dismiss the flags); the service checks the permission again."""
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    try:
        if action == "hide":
            hide(by=request.user, reason=reason)
        elif action == "restore":
            restore(by=request.user, reason=reason)
        else:
            dismiss(by=request.user, reason=reason)
    except ExpertsError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect(queue)


@require_POST
def rating_moderate(request, pk: int):
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    rating = get_object_or_404(Rating, pk=pk)
    return _moderate(
        request,
        hide=partial(services.rating_hide, rating=rating),
        restore=partial(services.rating_restore, rating=rating),
        dismiss=partial(services.ratings_flags_dismiss, rating=rating),
        queue="experts_rating_modeladmin_index",
    )


@require_POST
def question_moderate(request, pk: int):
    if not request.user.has_perm(MODERATE_CONSULTATIONS_PERMISSION):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=pk)
    return _moderate(
        request,
        hide=partial(services.question_hide, question=question),
        restore=partial(services.question_restore, question=question),
        dismiss=partial(services.consultation_flags_dismiss, question=question),
        queue="experts_question_modeladmin_index",
    )


@require_POST
def answer_moderate(request, pk: int):
    if not request.user.has_perm(MODERATE_CONSULTATIONS_PERMISSION):
        raise PermissionDenied
    answer = get_object_or_404(Answer, pk=pk)
    return _moderate(
        request,
        hide=partial(services.answer_hide, answer=answer),
        restore=partial(services.answer_restore, answer=answer),
        dismiss=partial(services.consultation_flags_dismiss, answer=answer),
        queue="experts_answer_modeladmin_index",
    )


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("experts/review/<id:pk>/", claim_review, name="experts_claim_review"),
        path("experts/moderate/<id:pk>/", rating_moderate, name="experts_rating_moderate"),
        path(
            "experts/moderate/question/<id:pk>/",
            question_moderate,
            name="experts_question_moderate",
        ),
        path("experts/moderate/answer/<id:pk>/", answer_moderate, name="experts_answer_moderate"),
    ]
