"""A person's control over their data: notifications, export, deletion, and the record of staff
looking at it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.storage import private_storage


class NotificationSetting(models.Model):
    """One person's explicit choice for one kind of email. Kinds and their defaults are
    registered in `profiles.notifications.NOTIFICATION_KINDS`; no row means the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    kind = models.CharField(_("kind"), max_length=60)
    wanted = models.BooleanField(_("send me these emails"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_unique")
        ]

    def __str__(self):
        return f"{self.kind}: {self.wanted}"


class DataExport(models.Model):
    """A "download my data" archive: built in the background, downloadable by its owner
    only, deleted after `LIFETIME_DAYS`."""

    LIFETIME_DAYS = 7

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    TRANSITIONS = {
        State.PENDING: {State.READY, State.FAILED},
        State.READY: {State.EXPIRED},
        State.FAILED: set(),
        State.EXPIRED: set(),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return f"{self.user_id} · {self.requested_at:%Y-%m-%d}"


class AccountDeletion(models.Model):
    """A request to delete an account. It waits `GRACE_DAYS`; signing in or pressing
    "cancel" in that time cancels it. Then `privacy_housekeeping` erases the account."""

    GRACE_DAYS = 14

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    TRANSITIONS = {
        State.SCHEDULED: {State.CANCELLED, State.COMPLETED},
        State.CANCELLED: set(),
        State.COMPLETED: set(),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_deletions"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    requested_at = models.DateTimeField(auto_now_add=True)
    scheduled_for = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state="scheduled"),
                name="account_deletion_one_scheduled",
            )
        ]

    def __str__(self):
        return f"{self.user_id} · {self.get_state_display()}"


class PersonalDataAccess(models.Model):
    """Staff opened a page of the admin showing a person's data. Written by the admin views
    themselves (see `profiles.wagtail_hooks`); the person sees these in their data export."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="data_accesses",
    )
    what = models.CharField(_("what was opened"), max_length=120)
    path = models.CharField(_("address"), max_length=300)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self):
        return f"{self.staff} → {self.subject}: {self.what}"
