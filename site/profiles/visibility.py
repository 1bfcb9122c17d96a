"""What one viewer may see of one person: the single place per-field visibility is decided.

Every page, JSON document, feed and search index that shows a person goes through
`visible_profile(profile, viewer=...)`; templates and serializers receive a `VisibleProfile`,
which simply does not contain what the viewer may not see. Searching people goes through
`people_matching`, which matches only the fields the viewer could see. Staff get no special
view here: staff look at personal data in the admin, where each look is logged.
"""

from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.db.models import Q, QuerySet
from django.urls import reverse

from profiles.models import Profile, Status, Visibility
from profiles.text import person_slug


def can_see(level: str, *, viewer, owner_id: int) -> bool:
    """May `viewer` see a field set to `level` on the profile of user `owner_id`?"""
    is_owner = bool(viewer is not None and viewer.is_authenticated and viewer.pk == owner_id)
    if is_owner:
        return True
    if level == Visibility.PUBLIC:
        return True
    if level == Visibility.MEMBERS:
        return bool(viewer is not None and viewer.is_authenticated and viewer.is_active)
    return False


def levels_visible_to(viewer) -> list[str]:
    """The visibility levels a viewer sees on other people's profiles."""
    if viewer is not None and viewer.is_authenticated and viewer.is_active:
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class VisibleProfile:
    """A profile as one viewer may see it. Fields the viewer may not see are empty."""

    user_id: int
    display_name: str
    slug: str
    url: str
    status: str
    status_label: str
    is_verified: bool
    represents: dict | None
    photo_url: str = ""
    about: str = ""
    activity: str = ""
    skills: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    district: str = ""
    building: str = ""
    is_owner: bool = False
    field_visibility: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The public JSON document; the owner's own building and settings never go in it."""
        data = asdict(self)
        for private in ("building", "is_owner", "field_visibility"):
            data.pop(private)
        return data


def profile_is_shown(profile: Profile) -> bool:
    """Erased, deactivated or about-to-be-deleted accounts have no public page."""
    user = profile.user
    if not user.is_active or user.erased_at is not None:
        return False
    return not user.account_deletions.filter(state="scheduled").exists()


def link_label(url: str) -> str:
    """`example.org/blog` for `https://www.example.org/blog/`: short, and says where it goes."""
    parts = urlsplit(url)
    label = parts.netloc.removeprefix("www.") + parts.path.rstrip("/")
    return (label[:47] + "…" if len(label) > 48 else label) or url


def visible_profile(profile: Profile, *, viewer) -> VisibleProfile:
    """The one selector that decides what `viewer` (a user, AnonymousUser or None) sees."""
    owner_id = profile.user_id
    is_owner = bool(viewer is not None and viewer.is_authenticated and viewer.pk == owner_id)

    def shows(name: str) -> bool:
        return can_see(getattr(profile, f"{name}_visibility"), viewer=viewer, owner_id=owner_id)

    slug = person_slug(profile.display_name, owner_id)
    represents = None
    if profile.status != Status.CITIZEN and profile.status_organization_id:
        organization = profile.status_organization
        represents = {"name": organization.name, "url": organization.get_absolute_url()}
    return VisibleProfile(
        user_id=owner_id,
        display_name=str(profile.user.display_name),
        slug=slug,
        url=reverse("profiles:person", args=[slug]),
        status=profile.status,
        status_label=str(profile.get_status_display()),
        is_verified=profile.status != Status.CITIZEN,
        represents=represents,
        photo_url=reverse("profiles:person_photo", args=[slug])
        if profile.photo and shows("photo")
        else "",
        about=profile.about if shows("about") else "",
        activity=profile.activity if shows("activity") else "",
        skills=sorted(tag.name for tag in profile.skills.all()) if shows("skills") else [],
        links=[Link(url=url, label=link_label(url)) for url in profile.links]
        if shows("links")
        else [],
        district=profile.district.name if profile.district_id and shows("district") else "",
        building=profile.building if is_owner else "",
        is_owner=is_owner,
        field_visibility={
            name: getattr(profile, f"{name}_visibility") for name in Profile.VISIBILITY_FIELDS
        }
        if is_owner
        else {},
    )


class SignedInVisitor:
    """Stands for "any signed-in person other than the owner", to let owners preview their
    page as such a person sees it."""

    pk = None
    is_authenticated = True
    is_active = True


def public_profile_document(profile: Profile) -> dict:
    """What a search index or any anonymous reader may hold about a person: exactly what an
    anonymous visitor sees. Search adapters index this, never the model's fields."""
    return visible_profile(profile, viewer=None).as_json()


def listed_profiles() -> QuerySet[Profile]:
    """Profiles that appear in the directory: active, named, not erased, not awaiting deletion,
    and whose owners chose to be listed."""
    return (
        Profile.objects.filter(is_listed=True, user__is_active=True, user__erased_at__isnull=True)
        .exclude(display_name="")
        .exclude(user__account_deletions__state="scheduled")
        .select_related("user", "status_organization", "district")
    )


def people_matching(*, query: str, viewer, status: str = "") -> QuerySet[Profile]:
    """Directory search: a word matches a person only through fields the viewer could see on
    their page (the name always; about, activity and skills per their visibility)."""
    profiles = listed_profiles()
    if status:
        profiles = profiles.filter(status=status)
    levels = levels_visible_to(viewer)
    for word in query.split()[:8]:
        profiles = profiles.filter(
            Q(display_name__icontains=word)
            | Q(about__icontains=word, about_visibility__in=levels)
            | Q(activity__icontains=word, activity_visibility__in=levels)
            | Q(skills__name__iexact=word, skills_visibility__in=levels)
        )
    return profiles.distinct().order_by("sort_name", "pk")
