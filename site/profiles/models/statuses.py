"""Verified statuses: requested with evidence, decided by staff, every change on record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.models.people import Status
from profiles.storage import private_storage


class StatusRequest(models.Model):
    """A participant asks for one of the four verified statuses and shows why: a text and,
    optionally, a document (kept in private storage, opened only by staff, who are logged)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        State.PENDING: {State.APPROVED, State.DECLINED, State.WITHDRAWN},
        State.APPROVED: set(),
        State.DECLINED: set(),
        State.WITHDRAWN: set(),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="status_requests",
    )
    status = models.CharField(_("requested status"), max_length=32, choices=Status.choices)
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("organization represented"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.TextField(_("evidence"))
    evidence_file = models.FileField(
        _("evidence document"), storage=private_storage, upload_to="status-evidence/", blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("status request")
        verbose_name_plural = _("status requests")
        permissions = [("decide_statusrequest", _("Can grant and revoke verified statuses"))]

    def __str__(self):
        return f"{self.user} · {self.get_status_display()}"


class StatusChange(models.Model):
    """The record of every grant and revocation: who, when, why. Never edited or deleted."""

    class Action(models.TextChoices):
        GRANT = "grant", _("Granted")
        REVOKE = "revoke", _("Revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    status_before = models.CharField(_("before"), max_length=32, choices=Status.choices)
    status_after = models.CharField(_("after"), max_length=32, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    request = models.ForeignKey(
        StatusRequest,
        verbose_name=_("request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.user} · {self.get_action_display()} · {self.get_status_after_display()}"
