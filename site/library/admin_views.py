"""Reports for the library's editors in the Wagtail admin: how useful readers find each
article, what they wrote, and where citizens' contributions stand."""

import datetime

from django.db.models import F, FloatField, Q
from django.db.models.functions import Cast, NullIf
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from library.models import ArticleStats, Contribution, Feedback


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else f"{round(value * 100)}%"


class FeedbackReportView(ReportView):
    """One row per article readers have rated: yes, no, the share of yes, comments, reads."""

    page_title = _("Library feedback")
    header_icon = "help"
    index_url_name = "library_admin:feedback"
    index_results_url_name = "library_admin:feedback_results"
    permission_policy = ModelPermissionPolicy(Feedback)
    permission_required = "view"
    default_ordering = "-useful_yes"
    list_export = ["page.title", "useful_yes", "useful_no", "score", "comment_count", "read_count"]
    export_headings = {
        "page.title": _("Article"),
        "useful_yes": _("Useful"),
        "useful_no": _("Not useful"),
        "score": _("Share useful"),
        "comment_count": _("Comments"),
        "read_count": _("Reads"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "page",
                label=_("Article"),
                accessor="page.title",
                get_url=lambda stats: reverse("library_admin:comments") + f"?page={stats.page_id}",
            ),
            Column("kind", label=_("Type"), accessor="page.kind_label"),
            NumberColumn("useful_yes", label=_("Useful"), sort_key="useful_yes"),
            NumberColumn("useful_no", label=_("Not useful"), sort_key="useful_no"),
            PercentColumn("score", label=_("Share useful"), sort_key="score"),
            NumberColumn("comment_count", label=_("Comments"), sort_key="comment_count"),
            NumberColumn("read_count", label=_("Reads"), sort_key="read_count"),
        ]

    def get_base_queryset(self):
        votes = F("useful_yes") + F("useful_no")
        return (
            ArticleStats.objects.filter(Q(useful_yes__gt=0) | Q(useful_no__gt=0))
            .select_related("page")
            .annotate(score=Cast("useful_yes", FloatField()) / Cast(NullIf(votes, 0), FloatField()))
        )

    def get_filename(self):
        return f"library-feedback-{datetime.date.today():%Y-%m-%d}"


class CommentFilterSet(WagtailFilterSet):
    page = django_filters.NumberFilter(field_name="page_id", label=_("Article id"))
    useful = django_filters.BooleanFilter(label=_("Useful"))

    class Meta:
        model = Feedback
        fields = ["page", "useful"]


class FeedbackCommentsView(ReportView):
    """What readers wrote, newest first; filtered to one article from the feedback report."""

    page_title = _("Reader comments")
    header_icon = "comment"
    index_url_name = "library_admin:comments"
    index_results_url_name = "library_admin:comments_results"
    permission_policy = ModelPermissionPolicy(Feedback)
    permission_required = "view"
    filterset_class = CommentFilterSet
    list_export = ["page.title", "useful", "comment", "created_at"]

    @cached_property
    def columns(self):
        return [
            Column("page", label=_("Article"), accessor="page.title"),
            Column(
                "useful", label=_("Useful"), accessor=lambda f: _("Yes") if f.useful else _("No")
            ),
            Column("comment", label=_("Comment")),
            DateColumn("created_at", label=_("Given at"), sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return Feedback.objects.exclude(comment="").select_related("page").order_by("-created_at")


class ContributionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(choices=Contribution.State.choices, label=_("State"))
    kind = django_filters.ChoiceFilter(choices=Contribution.Kind.choices, label=_("Kind"))

    class Meta:
        model = Contribution
        fields = ["state", "kind"]


class ContributionsReportView(ReportView):
    """Citizens' proposals and where each stands; the title opens the page in the editor."""

    page_title = _("Library contributions")
    header_icon = "tasks"
    index_url_name = "library_admin:contributions"
    index_results_url_name = "library_admin:contributions_results"
    permission_policy = ModelPermissionPolicy(Contribution)
    permission_required = "view"
    filterset_class = ContributionFilterSet
    list_export = ["page.draft_title", "contributor", "kind", "state", "updated_at"]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                accessor="page.draft_title",
                get_url=lambda c: reverse("wagtailadmin_pages:edit", args=[c.page_id]),
            ),
            Column("contributor", label=_("Contributor"), accessor="contributor"),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("state", label=_("State"), accessor="get_state_display"),
            Column("editor_comment", label=_("Latest comment")),
            DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
        ]

    def get_base_queryset(self):
        return Contribution.objects.select_related("page", "contributor__profile").order_by(
            "-updated_at"
        )
