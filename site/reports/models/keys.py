"""API keys for Open311: issued by staff to a registered application, or to a body's own
system that posts its updates (`servicerequestupdates`). Only a hash is stored; the key is
shown once, when it is issued."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Open311KeyQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)


class Open311Key(models.Model):
    application = models.CharField(_("application"), max_length=100)
    contact_email = models.EmailField(_("developer's contact email"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("developer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="open311_keys",
    )
    # A body's own system: may post official updates to the body's reports.
    body = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("for the body's own system"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="open311_keys",
        limit_choices_to={"kind": "municipal_body"},
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False, db_index=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = Open311KeyQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self):
        return f"{self.application} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
