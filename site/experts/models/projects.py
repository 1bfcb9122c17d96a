"""Civic projects published on the platform, and who took part in them.

A project's people and ratings belong to the page in the default language (its `canonical`
page); translations only translate the words. The lifecycle fields (`status`, dates,
milestones' closing) change through services, never through an editor's revision, so they are
kept when an older revision is published (see `with_content_json`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class ProjectIndexPage(Page):
    """The list of civic projects, filterable by status and district."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["config.HomePage"]
    subpage_types = ["experts.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")

    def get_context(self, request, *args, **kwargs):
        from experts.views.projects import project_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_index_context(request=request, index=self))
        return context

    @shared_page
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)


class ProjectPage(RoutablePageMixin, Page):
    """A civic project: its goal, where, its state, milestones, outcome and the people and
    organizations who took part. Participants rate the experts once it is completed or a
    milestone is closed.

    States: planned → active → completed (see TRANSITIONS; `experts.services.projects`)."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("project status", "Planned")
        ACTIVE = "active", pgettext_lazy("project status", "Active")
        COMPLETED = "completed", pgettext_lazy("project status", "Completed")

    TRANSITIONS = {
        Status.PLANNED: {Status.ACTIVE},
        Status.ACTIVE: {Status.COMPLETED},
        Status.COMPLETED: set(),
    }
    LIFECYCLE_FIELDS = ("status", "started_on", "completed_on")

    goal = models.TextField(_("goal"), max_length=600)
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_projects",
        help_text=_("The project owner: invites participants and moves the project along."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    outcome = RichTextField(_("outcome"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("goal"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("coordinator"),
                FieldPanel("status", read_only=True),
                FieldPanel("started_on", read_only=True),
                FieldPanel("completed_on", read_only=True),
            ],
            heading=_("Where and who"),
        ),
        InlinePanel("milestones", label=_("Milestones")),
        FieldPanel("outcome"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("goal"),
        index.SearchField("body"),
        index.SearchField("outcome"),
        index.FilterField("status"),
    ]
    parent_page_types = ["experts.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @property
    def canonical(self) -> "ProjectPage":
        """The page in the default language: where participants, ratings and state live."""
        default = Locale.get_default()
        if self.locale_id == default.id:
            return self
        return self.get_translation_or_none(default) or self

    @property
    def is_open_for_rating(self) -> bool:
        """Ratings open when the work is done: the project completed or a milestone closed."""
        if self.status == self.Status.COMPLETED:
            return True
        return self.milestones.filter(closed_on__isnull=False).exists()

    def with_content_json(self, content):
        """Publishing an older revision must not undo the project's lifecycle."""
        obj = super().with_content_json(content)
        for name in self.LIFECYCLE_FIELDS:
            setattr(obj, name, getattr(self, name))
        closed = dict(self.milestones.values_list("pk", "closed_on"))
        for milestone in obj.milestones.all():
            milestone.closed_on = closed.get(milestone.pk)
        return obj

    @path("")
    @shared_page
    def detail(self, request):
        from experts.views.projects import project_detail

        return project_detail(request, page=self)

    @path("participants/")
    def add_participant(self, request):
        from experts.views.projects import participant_add

        return participant_add(request, page=self)

    @path("participants/<id:participant_id>/respond/")
    def respond(self, request, participant_id):
        from experts.views.projects import participant_respond

        return participant_respond(request, page=self, participant_id=participant_id)

    @path("participants/<id:participant_id>/remove/")
    def remove_participant(self, request, participant_id):
        from experts.views.projects import participant_remove

        return participant_remove(request, page=self, participant_id=participant_id)

    @path("status/")
    def transition(self, request):
        from experts.views.projects import project_transition

        return project_transition(request, page=self)

    @path("milestones/<id:milestone_id>/close/")
    def close_milestone(self, request, milestone_id):
        from experts.views.projects import milestone_close

        return milestone_close(request, page=self, milestone_id=milestone_id)

    @path("rate/<id:expert_id>/")
    def rate(self, request, expert_id):
        from experts.views.ratings import rating_form

        return rating_form(request, page=self, expert_id=expert_id)

    @path("ratings/<id:rating_id>/flag/")
    def flag(self, request, rating_id):
        from experts.views.ratings import rating_flag

        return rating_flag(request, page=self, rating_id=rating_id)


class ProjectMilestone(Orderable):
    """A step of a project. Closing one (by the coordinator) opens ratings for the work so far."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)

    panels = [FieldPanel("title"), FieldPanel("due_on"), FieldPanel("closed_on", read_only=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class ProjectParticipant(models.Model):
    """A person or an organization listed on a project, with their role (the coordinator is
    the project's own field). People are invited and listed only once they accept;
    organizations are listed directly.

    States: invited → accepted | declined; declined → invited (asked again)."""

    class Role(models.TextChoices):
        EXPERT = "expert", _("Expert")
        PARTICIPANT = "participant", _("Participant")
        PARTNER = "partner", _("Partner organization")

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    TRANSITIONS = {
        State.INVITED: {State.ACCEPTED, State.DECLINED},
        State.DECLINED: {State.INVITED},
        State.ACCEPTED: set(),
    }

    project = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="project_participations",
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="project_participations",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    title = models.CharField(
        _("what they do"), max_length=120, blank=True, help_text=_("e.g. technical supervision")
    )
    competency = models.ForeignKey(
        "experts.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "created_at", "pk"]
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, organization__isnull=True)
                | Q(user__isnull=True, organization__isnull=False),
                name="participant_person_or_organization",
            ),
            models.CheckConstraint(
                condition=~Q(role="expert") | Q(competency__isnull=False, user__isnull=False),
                name="participant_expert_has_competency",
            ),
            models.CheckConstraint(
                condition=Q(role="partner", organization__isnull=False)
                | (~Q(role="partner") & Q(organization__isnull=True)),
                name="participant_partner_is_organization",
            ),
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(user__isnull=False),
                name="participant_person_once",
            ),
            models.UniqueConstraint(
                fields=["project", "organization"],
                condition=Q(organization__isnull=False),
                name="participant_organization_once",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.get_role_display()}"

    @property
    def name(self) -> str:
        return self.organization.name if self.organization_id else self.user.display_name

    @property
    def is_accepted(self) -> bool:
        return self.state == self.State.ACCEPTED
