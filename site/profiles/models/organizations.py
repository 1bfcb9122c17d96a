"""Organizations, registered or not, and how people join them."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Organization(models.Model):
    """A public organization, municipal body, deputy's office, business, condominium
    association, school, self-organization body or informal group. Registered ones carry
    registration data, which staff verify; informal groups need none and say so.

    Municipal bodies and deputy's offices (`AUTHORITY_KINDS`) are who petitions are addressed
    to, and they answer them officially. Nobody can give an organization such a kind on their
    own: staff grant it when they approve its representative's status request with evidence
    (`authority_granted_at`); `profiles.selectors.user_can_answer_for` says who answers. A
    registry code belongs to one organization of a kind. An organization's page has all a
    profile page has (logo, about, activity, areas, links, blog, activity) plus its team.
    """

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
    # A deputy's office is often not a legal entity of its own, so it may lack a registry code.
    CODE_OPTIONAL_KINDS = (Kind.DEPUTY_OFFICE,)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    about = models.TextField(_("about"), blank=True)
    activity = models.TextField(_("activity"), blank=True)
    areas = TaggableManager(
        verbose_name=_("areas of work"), blank=True, help_text=_("What the organization does.")
    )
    links = models.JSONField(_("links"), default=list, blank=True)
    photo = models.ImageField(_("logo"), upload_to="organizations/logos/", blank=True)
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
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    authority_granted_at = models.DateTimeField(
        _("recognised as an authority at"),
        null=True,
        blank=True,
        help_text=_("When staff granted the kind municipal body or deputy's office."),
    )
    authority_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recognised as an authority by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("public contact email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organizations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [("verify_organization", _("Can verify organizations' registration data"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "registry_code"],
                condition=~Q(registry_code=""),
                name="organization_registry_code_unique_per_kind",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("profiles:organization", args=[self.slug])

    @property
    def is_registered(self) -> bool:
        return self.kind != self.Kind.INFORMAL_GROUP

    @property
    def is_authority(self) -> bool:
        """Municipal bodies and deputies are who petitions are addressed to and who answer."""
        return self.kind in self.AUTHORITY_KINDS

    @property
    def is_recognised_authority(self) -> bool:
        """An authority whose kind staff granted and whose registration data they verified:
        only such an organization is addressed by petitions and answers them."""
        return self.is_authority and self.authority_granted_at is not None and self.is_verified


class Membership(models.Model):
    """A person on an organization's team. Teams are public: the organization's page lists its
    members by display name. What each role may do is in `profiles.services.organizations`."""

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


class Invitation(models.Model):
    """An invitation to join a team, sent to an email address (the person may not have an
    account yet). The emailed link carries a signed token; only someone signed in with that
    address, confirmed, can accept it. It lapses after `LIFETIME_DAYS`."""

    LIFETIME_DAYS = 14

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    TRANSITIONS = {
        State.PENDING: {State.ACCEPTED, State.DECLINED, State.REVOKED, State.EXPIRED},
        State.ACCEPTED: set(),
        State.DECLINED: set(),
        State.REVOKED: set(),
        State.EXPIRED: set(),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(state="pending"),
                name="invitation_one_pending_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    TOKEN_SALT = "profiles.invitation.link"  # noqa: S105  (a signing namespace, not a secret)
    # Links emailed before tokens were stable carried `signing.dumps(id)` under this salt.
    LEGACY_TOKEN_SALT = "profiles.invitation"  # noqa: S105

    @property
    def token(self) -> str:
        """What the emailed link carries: `<id>-<signature>`, signed with SECRET_KEY over the
        id and the creation time, so a token names this invitation only (not a later one that
        might get its id). It is the same on every read: the link in the email, in the cabinet
        and on the page are one link. How long it works comes from `expires_at`."""
        created = (self.created_at - EPOCH) // timedelta(microseconds=1)
        signature = signing.Signer(salt=self.TOKEN_SALT).signature(f"{self.pk}:{created}")
        return f"{self.pk}-{signature}"


class JoinRequest(models.Model):
    """A person asks to join a team; an owner or administrator approves or declines."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        State.PENDING: {State.APPROVED, State.DECLINED, State.WITHDRAWN},
        State.APPROVED: set(),
        State.DECLINED: set(),
        State.WITHDRAWN: set(),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=Q(state="pending"),
                name="join_request_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.organization}"
