"""A person's page: what they choose to show, and to whom."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager

from profiles.storage import private_storage
from profiles.text import person_slug, sort_key


class Visibility(models.TextChoices):
    """Who may see one field of a profile. Checked in exactly one place:
    `profiles.visibility.visible_profile`."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in users")
    PRIVATE = "private", _("Only me")


class Status(models.TextChoices):
    """A participant's role in the city. Everyone is a citizen; the other four are granted by
    staff on a request with evidence, and can be revoked."""

    CITIZEN = "citizen", _("Citizen")
    ORGANIZATION_REPRESENTATIVE = "public_organization", _("Public organization representative")
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal government official")
    DEPUTY = "deputy", _("Deputy")
    RESPONSIBLE_BUSINESS = "responsible_business", _("Socially responsible business")


VERIFIED_STATUSES = [choice for choice in Status if choice != Status.CITIZEN]


def visibility_field(default: str, label: str) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Visibility.choices, default=default)


class Profile(models.Model):
    """A person's calling card, one per account, created with the account.

    Each shown field has its own visibility. `district` and `building` are private by default
    and only target polls and petitions; the building is never shown to anyone but its owner.
    The status badge and the display name are always public: they are how a person's public
    actions are credited.
    """

    Status = Status
    Visibility = Visibility

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    sort_name = models.CharField(max_length=160, blank=True, editable=False, db_index=True)
    photo = models.ImageField(
        _("photo"), storage=private_storage, upload_to="profiles/photos/", blank=True
    )
    about = models.TextField(_("about"), blank=True)
    activity = models.TextField(_("social and professional activity"), blank=True)
    skills = TaggableManager(
        verbose_name=_("skills"), blank=True, help_text=_("What you know and can help with.")
    )
    links = models.JSONField(_("links"), default=list, blank=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    building = models.CharField(
        _("building"),
        max_length=120,
        blank=True,
        help_text=_("Street and house number. Never shown to anyone."),
    )
    is_listed = models.BooleanField(
        _("show me in the people directory"),
        default=True,
        help_text=_("Your page stays reachable from what you did on the platform either way."),
    )

    photo_visibility = visibility_field(Visibility.MEMBERS, _("who sees the photo"))
    about_visibility = visibility_field(Visibility.PUBLIC, _("who sees 'about'"))
    activity_visibility = visibility_field(Visibility.PUBLIC, _("who sees the activity"))
    skills_visibility = visibility_field(Visibility.PUBLIC, _("who sees the skills"))
    links_visibility = visibility_field(Visibility.PUBLIC, _("who sees the links"))
    district_visibility = visibility_field(Visibility.PRIVATE, _("who sees the district"))

    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.CITIZEN
    )
    status_organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("represents"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_since = models.DateTimeField(_("status since"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    VISIBILITY_FIELDS = ["photo", "about", "activity", "skills", "links", "district"]

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name or str(self.user.display_name)

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.display_name)  # the directory's alphabetical order
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("profiles:person", args=[person_slug(self.display_name, self.user_id)])

    @property
    def is_verified(self) -> bool:
        return self.status != Status.CITIZEN
