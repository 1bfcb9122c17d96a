"""Who acts on the platform.

The account (`User`) holds only what login needs: an email address. What a person chooses to
show others lives in their `Profile`, under their control. Organizations, registered or not,
act through their members.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager):
    """Users are identified by email; there is no username to collect or leak."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name others see: the profile's, never the email address."""
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        return self.get_full_name() or _("Resident #%(id)s") % {"id": self.pk}


class Profile(models.Model):
    """A person's calling card. `district` is private: it only targets polls and petitions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=80)
    about = models.TextField(_("about"), blank=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name


class Organization(models.Model):
    """A public organization, municipal body, deputy's office, business, condominium
    association, school, self-organization body or informal group. Registered ones carry
    registration data; informal groups need none and say so."""

    class Kind(models.TextChoices):
        PUBLIC_ORGANIZATION = "public_organization", _("Public organization")
        MUNICIPAL_BODY = "municipal_body", _("Municipal government body")
        DEPUTY_OFFICE = "deputy_office", _("Deputy's office")
        RESPONSIBLE_BUSINESS = "responsible_business", _("Socially responsible business")
        CONDOMINIUM = "condominium", _("Condominium association")
        SCHOOL = "school", _("School")
        SELF_ORGANIZATION = "self_organization", _("Self-organization body")
        INFORMAL_GROUP = "informal_group", _("Informal group")

    AUTHORITY_KINDS = (Kind.MUNICIPAL_BODY, Kind.DEPUTY_OFFICE)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    about = models.TextField(_("about"), blank=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
    )
    registry_code = models.CharField(_("registry code"), max_length=20, blank=True)
    address = models.CharField(_("registered address"), max_length=255, blank=True)
    is_verified = models.BooleanField(
        _("verified by staff"), default=False, help_text=_("Registration data checked by staff.")
    )
    email = models.EmailField(_("public contact email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organizations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    @property
    def is_registered(self) -> bool:
        return self.kind != self.Kind.INFORMAL_GROUP

    @property
    def is_authority(self) -> bool:
        """Municipal bodies and deputies are who petitions are addressed to and who answer."""
        return self.kind in self.AUTHORITY_KINDS


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(_("position"), max_length=120, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} ({self.get_role_display()})"
