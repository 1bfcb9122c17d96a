"""Petitions as pages of the site: the index that lists them and the petitions themselves.

Citizens create petitions from a public form (`new/` on the index), never in the Wagtail
editor; moderators act on them in the admin's moderation queue. A petition's page is live
only while it is public (see `states.PUBLIC_STATES`); before that, its creator reaches it at
`drafts/<id>/` and supporters through the share link at `support/<token>/`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page
from petitions.states import (
    PUBLIC_STATES,
    REJECTION_EXPLANATIONS,
    TEXT_WITHHELD_REASONS,
    RejectionReason,
    Scope,
    State,
)


class PetitionIndexPage(RoutablePageMixin, Page):
    """The petitions section: lists, open data, the creation form, overdue responses.

    Petitions live under the index in the default language. A translated index (English at
    `/en/petitions/`) has no children of its own: it hands every sub-path to the source index,
    so the same petitions are served with the reader's language.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["config.HomePage"]
    subpage_types = ["petitions.PetitionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("petition index page")

    def source_index(self) -> "PetitionIndexPage":
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def route(self, request, path_components):
        source = self.source_index()
        if path_components and source.pk != self.pk:
            return source.route(request, path_components)
        return super().route(request, path_components)

    @path("")
    @shared_page
    def listing(self, request):
        from petitions import page_views

        return page_views.index_listing(request, index=self)

    @path("new/")
    def create(self, request):
        from petitions import page_views

        return page_views.petition_create(request, index=self)

    @path("drafts/<id:petition_id>/")
    def draft(self, request, petition_id):
        from petitions import page_views

        return page_views.petition_draft(request, index=self, petition_id=petition_id)

    @path("drafts/<id:petition_id>/edit/")
    def draft_edit(self, request, petition_id):
        from petitions import page_views

        return page_views.petition_draft_edit(request, index=self, petition_id=petition_id)

    @path("support/<str:token>/")
    def support(self, request, token):
        from petitions import page_views

        return page_views.petition_support(request, index=self, token=token)

    @path("overdue/")
    @shared_page
    def overdue(self, request):
        from petitions import page_views

        return page_views.overdue_responses(request, index=self)


class PetitionPage(RoutablePageMixin, Page):
    """One petition: what it asks, of whom, its signatures and the official response.

    State changes go through `petitions.services` only; the fields below that record them are
    not editable in the admin. The page title is the petition's request, in the creator's words.
    """

    background = models.TextField(
        _("background"), max_length=1000, help_text=_("Why the city should act.")
    )
    additional_details = models.TextField(_("additional details"), max_length=3000, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district addressed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    authority = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("responsible authority"),
        on_delete=models.PROTECT,
        related_name="petitions",
        limit_choices_to={"kind__in": ["municipal_body", "deputy_office"]},
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_petitions",
    )
    state = models.CharField(
        _("state"), max_length=24, choices=State.choices, default=State.DRAFT, db_index=True
    )
    supporters_required = models.PositiveSmallIntegerField(default=5)
    response_threshold = models.PositiveIntegerField(null=True, blank=True)
    hearing_threshold = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    moderation_requested_at = models.DateTimeField(null=True, blank=True)
    moderation_deadline = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When signing ends: first the support period, then the signing period."),
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When signing stopped, for whatever reason.")
    )
    response_threshold_reached_at = models.DateTimeField(null=True, blank=True)
    response_deadline = models.DateTimeField(null=True, blank=True)
    hearing_threshold_reached_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_details = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_petitions",
    )

    content_panels = Page.content_panels + [
        FieldPanel("background"),
        FieldPanel("additional_details"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("background"),
        index.SearchField("additional_details"),
        index.FilterField("state"),
        index.FilterField("scope"),
    ]
    parent_page_types = ["petitions.PetitionIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False  # citizens create petitions from the public form

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        permissions = [("moderate_petition", "Can moderate petitions")]

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def text_withheld(self) -> bool:
        """Rejected for offensive, defamatory or personal content: show only the reason."""
        return self.state == State.REJECTED and self.rejection_reason in TEXT_WITHHELD_REASONS

    @property
    def public_title(self) -> str:
        if self.text_withheld:
            return _("Petition %(number)s") % {"number": self.pk}
        return self.title

    @property
    def rejection_explanation(self) -> str:
        if not self.rejection_reason:
            return ""
        return REJECTION_EXPLANATIONS[RejectionReason(self.rejection_reason)]

    def get_context(self, request, *args, **kwargs):
        from petitions.selectors import petition_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(petition_page_context(petition=self, request=request))
        return context

    @path("")
    @shared_page
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("respond/")
    def respond(self, request):
        from petitions import page_views

        return page_views.petition_respond(request, petition=self)
