"""Writes about a person's own profile and preferences."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from profiles.exceptions import NotAllowed, ProfilesError
from profiles.images import process_photo
from profiles.models import NotificationSetting, Profile, User, Visibility
from profiles.notifications import NotificationKind, notification_kind
from profiles.text import public_text_check
from profiles.unsubscribe import unsubscribe_token_read

MAX_SKILLS = 15
MAX_LINKS = 5


def profile_create(*, user: User) -> Profile:
    """The profile every account gets when it is created (see `profiles.signals`)."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name()[:80]}
    )
    return profile


def _check_owner(profile: Profile, actor: User) -> None:
    if not actor.is_authenticated or actor.pk != profile.user_id or actor.erased_at:
        raise NotAllowed(_("Only the owner can change this profile."))


def profile_update(
    *,
    profile: Profile,
    actor: User,
    display_name: str,
    about: str = "",
    activity: str = "",
    skills: list[str] | None = None,
    links: list[str] | None = None,
    district=None,
    building: str = "",
    is_listed: bool = True,
    visibility: dict[str, str] | None = None,
    photo=None,
    remove_photo: bool = False,
) -> Profile:
    """Save what the owner wrote on their profile, and who may see each part of it.
    A new photo is squared, shrunk and stripped of its metadata before it is stored."""
    _check_owner(profile, actor)
    public_text_check(name=display_name)
    skills = [s.strip()[:50] for s in (skills or []) if s.strip()]
    links = [link.strip() for link in (links or []) if link.strip()]
    if len(skills) > MAX_SKILLS:
        raise ProfilesError(_("List at most %(n)s skills."), params={"n": MAX_SKILLS})
    if len(links) > MAX_LINKS:
        raise ProfilesError(_("Give at most %(n)s links."), params={"n": MAX_LINKS})
    visibility = visibility or {}
    for name, level in visibility.items():
        if name not in Profile.VISIBILITY_FIELDS or level not in Visibility.values:
            raise ProfilesError(_("Unknown visibility setting."))
    new_photo = process_photo(photo) if photo else None
    old_photo_name = profile.photo.name if (new_photo or remove_photo) else ""

    profile.display_name = display_name.strip()
    profile.about = about.strip()
    profile.activity = activity.strip()
    profile.links = links
    profile.district = district
    profile.building = building.strip()
    profile.is_listed = is_listed
    for name, level in visibility.items():
        setattr(profile, f"{name}_visibility", level)
    with transaction.atomic():
        if new_photo is not None:
            profile.photo.save(new_photo.name, new_photo, save=False)
        elif remove_photo:
            profile.photo = ""
        profile.full_clean(exclude=["user", "status_organization", "photo"])
        profile.save()
        profile.skills.set(skills, clear=True)
        if old_photo_name:
            storage = profile.photo.storage
            on_commit_robust(lambda: storage.delete(old_photo_name))
    return profile


def notification_settings_update(*, user: User, choices: dict[str, bool]) -> None:
    """Store the person's choice for each registered kind of optional email."""
    for key in choices:
        notification_kind(key)  # an unknown kind is a programming error: fail loudly
    with transaction.atomic():
        for key, wanted in choices.items():
            NotificationSetting.objects.update_or_create(
                user=user, kind=key, defaults={"wanted": bool(wanted)}
            )


def notification_unsubscribe(*, token: str) -> tuple[User, NotificationKind]:
    """Turn off the one kind of email an unsubscribe link names, for the person it names.
    Nobody is signed in: the signed token is the permission, so it is checked here (raises
    InvalidUnsubscribeLink). Doing it twice is harmless."""
    user, kind = unsubscribe_token_read(token)
    notification_settings_update(user=user, choices={kind.key: False})
    return user, kind
