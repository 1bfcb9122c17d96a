"""A problem report, its photos, its timeline of updates, and the people who said "me too"."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.states import FINISHED_STATES, OPEN_STATES, PUBLIC_STATES, State

DESCRIPTION_MAX = 4000
UPDATE_MAX = 2000


class ReportQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: confirmed, not hidden by a moderator."""
        return self.filter(state__in=PUBLIC_STATES, hidden_at__isnull=True)

    def still_open(self):
        return self.filter(state__in=OPEN_STATES)


class Report(models.Model):
    """One report: a problem at a place, or a complaint about a provider. Its number is its
    Open311 `service_request_id`. What the reporter gave about themselves (email, name) is
    never public; the name is shown only when they chose so (`show_name`)."""

    State = State

    class Source(models.TextChoices):
        WEB = "web", _("This site")
        OPEN311 = "open311", _("An app, through Open311")

    category = models.ForeignKey(
        "reports.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    # The body responsible when the report was routed; changed only by a staff re-route.
    body = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        related_name="received_reports",
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    # A place: a point (which sets the district) or an address, or both.
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
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    # A complaint about a provider names it instead of a place.
    provider = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("provider complained about"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    # Answers to the category's questions: {attribute code: value or [values]}.
    attributes = models.JSONField(_("answers"), default=dict, blank=True)
    # A link an app sent (Open311 `media_url`): shown as a link, never fetched by the server.
    media_url = models.URLField(_("media link"), max_length=500, blank=True)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    # Without an account: where confirmation and the body's updates go. Cleared at erasure and
    # after the retention period.
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=100, blank=True)
    show_name = models.BooleanField(_("name shown publicly"), default=False)

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    app_key = models.ForeignKey(
        "reports.Open311Key",
        verbose_name=_("sent by the app"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    # Open311's `token`: what an app gets back before the report has a public number.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.UNCONFIRMED, db_index=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    # Kept exact under concurrency: raised only by the "me too" service inside a transaction
    # that holds this row.
    supporter_count = models.PositiveIntegerField(_("people who said “me too”"), default=0)

    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Changed by every update; Open311's `updated_datetime`.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # The body's first official update, for the time to first response.
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("fixed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Open311's `expected_datetime`: when the body plans to act.
    expected_at = models.DateTimeField(_("action expected"), null=True, blank=True)
    # Sent to the body by email (with its signed link).
    sent_at = models.DateTimeField(_("sent to the body"), null=True, blank=True)

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        permissions = [
            ("moderate_report", "Can hide reports and updates and re-route reports"),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="reports_report_list"),
            models.Index(fields=["category", "-created_at"], name="reports_report_category"),
            models.Index(fields=["body", "state"], name="reports_report_body"),
            models.Index(fields=["updated_at"], name="reports_report_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="reports_report_point_whole",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.DUPLICATE) | Q(duplicate_of__isnull=False),
                name="reports_report_duplicate_has_original",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and self.hidden_at is None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def has_place(self) -> bool:
        return self.latitude is not None

    @property
    def public_reporter_name(self) -> str:
        """The name on public pages: only when the reporter chose to show it."""
        if not self.show_name:
            return ""
        if self.reporter_id and not self.reporter_name:
            return self.reporter.get_full_name() if self.reporter else ""
        return self.reporter_name


def photo_path(photo, filename: str) -> str:
    return f"reports/{photo.report_id}/{uuid.uuid4().hex}.jpg"


class ReportPhoto(models.Model):
    """A photo of the problem, re-encoded on upload (no EXIF, no location, bounded pixels)."""

    MAX_PER_REPORT = 3

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("photo"), upload_to=photo_path)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "sort_order", "pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self):
        return self.file.name


class ReportUpdate(models.Model):
    """One step of a report's public timeline: the body's official update (usually with a
    state change), a reporter's or another person's word (still broken, fixed), or a note of
    what the site did (confirmed, sent, re-routed, marked duplicate). Written only by the
    services; never edited, only hidden by a moderator."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official update")
        REPORTER = "reporter", _("Update from the reporter")
        PUBLIC = "public", _("Update from a resident")
        SITE = "site", _("Site note")

    class Source(models.TextChoices):
        WEB = "web", _("This site")
        BODY_LINK = "body_link", _("The body's emailed link")
        OPEN311 = "open311", _("The body's own system, through Open311")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    text = models.TextField(_("update"), max_length=UPDATE_MAX, blank=True)
    state_before = models.CharField(max_length=20, choices=State.choices, blank=True)
    state_after = models.CharField(max_length=20, choices=State.choices, blank=True)
    # Staff and body members see who acted; the public sees the body's name for an official
    # update and the author's name only when they chose to show it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_email = models.EmailField(blank=True)
    author_name = models.CharField(_("name shown"), max_length=100, blank=True)
    body = models.ForeignKey(
        "profiles.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # An update made without an account waits for its email to be confirmed.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        indexes = [models.Index(fields=["created_at"], name="reports_update_created")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    @property
    def is_public(self) -> bool:
        return self.confirmed_at is not None and self.hidden_at is None

    @property
    def changes_state(self) -> bool:
        return bool(self.state_after) and self.state_after != self.state_before


class ReportSupporter(models.Model):
    """Someone who has the same problem and said so ("me too") instead of a duplicate report.
    One per person (account or email); counted once confirmed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "created_at"]
        verbose_name = _("“me too”")
        verbose_name_plural = _("“me too”s")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "user"],
                condition=Q(user__isnull=False),
                name="reports_supporter_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["report", "email"],
                condition=~Q(email=""),
                name="reports_supporter_one_per_email",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""),
                name="reports_supporter_someone",
            ),
        ]

    def __str__(self):
        return f"{self.report_id}: {self.user_id or self.email}"
