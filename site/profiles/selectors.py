"""Reads about people and organizations for the personal cabinet, public pages and other apps.

For other apps:
- `authorities_addressable()`: organizations a petition can be addressed to (municipal bodies
  and deputy's offices granted and verified by staff); `user_can_answer_for(user=,
  organization=)` says whether a person may answer on such an organization's behalf.
- `organizations_of(user)`, `memberships_of(user)`: the teams a person is on.
- `targeting_of(user)`: a person's district and building, for targeting polls only; never
  show them.
- person links: `{% load profiles_tags %}{% person user %}` renders the name, badge and link.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress

from config.home import HomeSection
from profiles.models import (
    AccountDeletion,
    BlogPost,
    DataExport,
    Invitation,
    JoinRequest,
    Membership,
    Organization,
    Profile,
    StatusRequest,
    User,
)
from profiles.notifications import notification_choices

CABINET_PREVIEW = 5


@dataclass(frozen=True)
class CabinetSection:
    """One block of the personal cabinet (`/account/`), contributed by the app that owns it."""

    title: str
    template: str
    context: dict = field(default_factory=dict)


# Each entry is a callable `(*, user) -> CabinetSection | None`; apps add theirs as they grow.
# A section shows the first few items of each list and links to the app's full, paginated list.
CABINET_SECTIONS: list[str] = [
    "profiles.selectors.profile_section",
    "profiles.selectors.organizations_section",
    "library.selectors.cabinet_section",
    "petitions.selectors.cabinet_section",
    "experts.selectors.cabinet_section",
    "meetings.cabinet.cabinet_section",
    "ideas.cabinet.cabinet_section",
    "reports.cabinet.cabinet_section",
    "profiles.selectors.blog_section",
    "profiles.selectors.notifications_section",
    "profiles.selectors.data_section",
    "profiles.selectors.account_section",
]


def cabinet_sections(*, user) -> list[CabinetSection]:
    sections = (import_string(path)(user=user) for path in CABINET_SECTIONS)
    return [section for section in sections if section is not None]


def profile_of(user: User) -> Profile:
    return Profile.objects.select_related("district", "status_organization").get(user=user)


def profile_section(*, user) -> CabinetSection:
    profile = profile_of(user)
    return CabinetSection(
        title=_("My profile"),
        template="profiles/includes/cabinet_profile.html",
        context={
            "profile": profile,
            "pending_status": StatusRequest.objects.filter(
                user=user, state=StatusRequest.State.PENDING
            ).first(),
        },
    )


def organizations_section(*, user) -> CabinetSection:
    memberships = memberships_of(user)
    invitations = invitations_pending_for(user)
    return CabinetSection(
        title=_("My organizations and invitations"),
        template="profiles/includes/cabinet_organizations.html",
        context={
            "memberships": memberships[:CABINET_PREVIEW],
            "membership_count": memberships.count(),
            "invitations": invitations[:CABINET_PREVIEW],
            "invitation_count": invitations.count(),
        },
    )


def blog_section(*, user) -> CabinetSection:
    posts = posts_written_by(user)
    return CabinetSection(
        title=_("My blog"),
        template="profiles/includes/cabinet_blog.html",
        context={"posts": posts[:CABINET_PREVIEW], "post_count": posts.count()},
    )


def notifications_section(*, user) -> CabinetSection:
    choices = notification_choices(user)
    return CabinetSection(
        title=_("Notification settings"),
        template="profiles/includes/cabinet_notifications.html",
        context={"choices": choices, "wanted": sum(1 for _kind, on in choices if on)},
    )


def data_section(*, user) -> CabinetSection:
    return CabinetSection(
        title=_("My data"),
        template="profiles/includes/cabinet_data.html",
        context={
            "export": DataExport.objects.filter(user=user).first(),
            "deletion": deletion_scheduled_for(user),
        },
    )


def account_section(*, user) -> CabinetSection:
    return CabinetSection(
        title=_("Sign-in and security"),
        template="profiles/includes/cabinet_account.html",
        context={"email": user.email, "joined": user.date_joined},
    )


def deletion_scheduled_for(user: User) -> AccountDeletion | None:
    return AccountDeletion.objects.filter(user=user, state=AccountDeletion.State.SCHEDULED).first()


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


def organizations_of(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(memberships__user=user).order_by("name")


def verified_emails_of(user: User) -> list[str]:
    """The addresses this person has proved are theirs, lower-cased. Anything matched by email
    (invitations, signatures made without signing in, their export and erasure) goes by these
    only: anyone can add someone else's address to an account, unconfirmed, and the account's
    login email counts only once confirmed."""
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def invitations_pending_for(user: User) -> QuerySet[Invitation]:
    """Unanswered, unexpired invitations to any of the person's confirmed addresses."""
    from django.utils import timezone

    return Invitation.objects.filter(
        email__in=verified_emails_of(user),
        state=Invitation.State.PENDING,
        expires_at__gt=timezone.now(),
    ).select_related("organization", "invited_by__profile")


def posts_written_by(user: User) -> QuerySet[BlogPost]:
    """The person's own blog posts in every state, for their cabinet."""
    return BlogPost.objects.filter(author=user, organization__isnull=True).order_by(
        "-created_at", "-pk"
    )


def posts_published(*, author: User | None = None, organization: Organization | None = None):
    posts = BlogPost.objects.filter(state=BlogPost.State.PUBLISHED)
    if organization is not None:
        posts = posts.filter(organization=organization)
    else:
        posts = posts.filter(author=author, organization__isnull=True)
    return posts.select_related("author__profile", "organization").order_by("-published_at", "-pk")


def post_visible_to(post: BlogPost, viewer) -> bool:
    """Published posts are public; drafts and hidden posts only to whoever may edit them."""
    if post.state == BlogPost.State.PUBLISHED:
        return True
    if viewer is None or not viewer.is_authenticated:
        return False
    if post.organization_id:
        from profiles.services.organizations import organization_can

        return organization_can(user=viewer, organization=post.organization, action="post")
    return post.author_id == viewer.pk


def team_of(organization: Organization) -> QuerySet[Membership]:
    """The public team: owners first, then admins, then members, each by when they joined.
    Erased, deactivated or about-to-be-deleted accounts are not shown (they have no page)."""
    from django.db.models import Case, IntegerField, Value, When

    order = Case(
        When(role=Membership.Role.OWNER, then=Value(0)),
        When(role=Membership.Role.ADMIN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Membership.objects.filter(organization=organization, user__is_active=True)
        .exclude(user__account_deletions__state="scheduled")
        .select_related("user__profile__district", "user__profile__status_organization")
        .prefetch_related("user__profile__skills")
        .annotate(rank=order)
        .order_by("rank", "joined_at", "pk")
    )


def join_requests_pending(organization: Organization) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(
        organization=organization, state=JoinRequest.State.PENDING
    ).select_related("user__profile")


def invitations_pending_of(organization: Organization) -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.filter(
        organization=organization, state=Invitation.State.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by__profile")


def organizations_matching(*, query: str = "", kind: str = "") -> QuerySet[Organization]:
    organizations = Organization.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__user__is_active=True))
    )
    if kind:
        organizations = organizations.filter(kind=kind)
    for word in query.split()[:8]:
        organizations = organizations.filter(
            Q(name__icontains=word)
            | Q(about__icontains=word)
            | Q(activity__icontains=word)
            | Q(areas__name__iexact=word)
        )
    return organizations.distinct().order_by("name", "pk")


def authorities_addressable() -> QuerySet[Organization]:
    """Who a petition can be addressed to: municipal bodies and deputy's offices whose kind
    staff granted and whose registration data they verified (`is_recognised_authority`)."""
    return Organization.objects.filter(
        kind__in=Organization.AUTHORITY_KINDS,
        authority_granted_at__isnull=False,
        is_verified=True,
    ).order_by("name")


def user_can_answer_for(*, user: User, organization: Organization) -> bool:
    """Who answers petitions on a recognised authority's behalf: its owners and
    administrators, and its named responders, members whose staff-granted official's or
    deputy's status names it. Other members (and a page no staff recognised) never do."""
    from profiles.services.organizations import ROLE_PERMISSIONS

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not organization.is_recognised_authority:
        return False
    role = (
        Membership.objects.filter(organization=organization, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        return False
    return role in ROLE_PERMISSIONS["answer_petitions"] or (
        Profile.objects.filter(
            user=user,
            status__in=[Profile.Status.MUNICIPAL_OFFICIAL, Profile.Status.DEPUTY],
            status_organization=organization,
        ).exists()
    )


@dataclass(frozen=True)
class Targeting:
    district_id: int | None
    building: str


def targeting_of(user: User) -> Targeting:
    """Where a person lives, for targeting polls and petitions. Private: never display it."""
    profile = Profile.objects.filter(user=user).values("district_id", "building").first() or {}
    return Targeting(profile.get("district_id"), profile.get("building", ""))


def home_section(*, request) -> HomeSection | None:
    """People and organizations acting together: newest posts and organizations."""
    organizations = list(Organization.objects.order_by("-created_at", "-pk")[:8])
    posts = list(
        BlogPost.objects.filter(state=BlogPost.State.PUBLISHED)
        .select_related("author__profile", "organization")
        .order_by("-published_at", "-pk")[:4]
    )
    if not organizations and not posts:
        return None
    return HomeSection(
        template="profiles/includes/home_section.html",
        context={"organizations": organizations, "posts": posts},
    )
