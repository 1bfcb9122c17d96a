"""An idea, its pictures and documents, and its public history (see `ideas.states`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from ideas.states import PUBLIC_STATES, State


class IdeaTopic(TaggedItemBase):
    """An idea's topics, in the site's one tag vocabulary (the library's and the profiles')."""

    content_object = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("idea topic")
        verbose_name_plural = _("idea topics")


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: published and later, not hidden by a moderator."""
        return self.filter(state__in=PUBLIC_STATES, hidden_at__isnull=True)


class Idea(models.Model):
    State = State

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("address"), max_length=80, unique=True, allow_unicode=True)
    summary = models.CharField(
        _("in one sentence"), max_length=300, help_text=_("Shown in lists and search results.")
    )
    description = models.TextField(
        _("description"),
        max_length=10_000,
        help_text=_("What should be built or changed, where, for whom and why."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("Empty once the author erased their data: the idea stays, anonymous."),
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("An organization the author proposes for (as its member)."),
    )
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("Empty: an idea for the whole city."),
    )
    topics = TaggableManager(verbose_name=_("topics"), through=IdeaTopic, blank=True)
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    estimated_cost = models.DecimalField(
        _("estimated cost, UAH"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # Frozen at publication from the settings, so a later change of policy never moves the
    # goal of an idea already gathering support.
    threshold = models.PositiveIntegerField(_("supporters needed"), null=True, blank=True)
    # Kept exact under concurrency: changed only by the support services, inside a
    # transaction that holds this row (select_for_update), as petitions count signatures.
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    support_ends_at = models.DateTimeField(_("support gathered until"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)

    # The authority's public, dated answer.
    answer = models.TextField(_("answer"), max_length=10_000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answering_body = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("answered for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_ideas",
        help_text=_("The municipal body or deputy's office that answers."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    project = models.OneToOneField(
        "experts.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
    )
    poll = models.OneToOneField(
        "polls.Poll",
        verbose_name=_("poll"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    # Moderation of unlawful content: the idea leaves every public list and page; its state
    # and supporters stay as they were.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        permissions = [
            ("answer_idea", "Can answer ideas and move accepted ones along"),
            ("moderate_idea", "Can hide ideas and comments and merge duplicates"),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="ideas_idea_list"),
            models.Index(fields=["state", "support_ends_at"], name="ideas_idea_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="ideas_idea_point_whole",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.DUPLICATE) | Q(merged_into__isnull=False),
                name="ideas_idea_duplicate_has_target",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and self.hidden_at is None

    @property
    def has_place(self) -> bool:
        return self.latitude is not None

    @property
    def is_gathering(self) -> bool:
        return self.state == State.PUBLISHED


def attachment_path(attachment, filename: str) -> str:
    return f"ideas/{attachment.idea_id}/{filename}"


class IdeaAttachment(models.Model):
    class Kind(models.TextChoices):
        PICTURE = "picture", _("Picture")
        DOCUMENT = "document", _("Document")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    title = models.CharField(
        _("description"), max_length=200, help_text=_("For a picture: what it shows.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "sort_order", "pk"]
        verbose_name = _("idea attachment")
        verbose_name_plural = _("idea attachments")

    def __str__(self):
        return self.title


class IdeaEvent(models.Model):
    """One dated step of an idea's public history: its timeline. Written only by the services,
    with every state change and with each step of its project."""

    class Kind(models.TextChoices):
        STATE = "state", _("State changed")
        MERGED_IN = "merged_in", _("A duplicate was merged in")
        PROJECT = "project", _("Project created")
        POLL = "poll", _("Put to a poll")
        MILESTONE = "milestone", _("Milestone closed")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, blank=True)
    note = models.TextField(blank=True)
    # Who acted is kept for staff and shown only when it is an authority's public act.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "at", "pk"]
        verbose_name = _("idea event")
        verbose_name_plural = _("idea events")

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
