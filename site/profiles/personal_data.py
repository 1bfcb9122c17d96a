"""What the profiles app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

Besides its own models, profiles answers for the account machinery it configures: allauth's
email addresses and Wagtail's per-user admin preferences.

Erasure keeps: the user row (as "Former participant", unable to sign in), posts written for
organizations, reports made (without their free text), the log of status changes, the record
of the deletion itself and of staff looking at the data. It removes everything else: the
profile's content and photo, personal blog posts, memberships, invitations and join requests,
status requests and their documents, preferences, exports, email addresses.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from allauth.account.models import EmailAddress

from profiles.models import (
    AccountDeletion,
    BlogPost,
    DataExport,
    Invitation,
    JoinRequest,
    Membership,
    Organization,
    PersonalDataAccess,
    PostReport,
    Profile,
    Status,
    StatusChange,
    StatusRequest,
)
from profiles.notifications import notification_choices
from profiles.selectors import verified_emails_of

MODELS = [
    "profiles.User",
    "profiles.Profile",
    "profiles.Organization",
    "profiles.Membership",
    "profiles.Invitation",
    "profiles.JoinRequest",
    "profiles.StatusRequest",
    "profiles.StatusChange",
    "profiles.BlogPost",
    "profiles.PostReport",
    "profiles.NotificationSetting",
    "profiles.DataExport",
    "profiles.AccountDeletion",
    "profiles.PersonalDataAccess",
    "account.EmailAddress",
    "account.EmailConfirmation",
    "wagtailusers.UserProfile",
]


def _emails(user) -> set[str]:
    """Confirmed addresses only: an unconfirmed one may be someone else's."""
    return set(verified_emails_of(user))


def _profile(user) -> dict:
    profile = Profile.objects.filter(user=user).select_related("district").first()
    if profile is None:
        return {}
    return {
        "display_name": profile.display_name,
        "photo": "files/photo.jpg" if profile.photo else None,
        "about": profile.about,
        "activity": profile.activity,
        "skills": sorted(tag.name for tag in profile.skills.all()),
        "links": profile.links,
        "district": profile.district.name_uk if profile.district else None,
        "building": profile.building,
        "listed_in_directory": profile.is_listed,
        "visibility": {
            name: getattr(profile, f"{name}_visibility") for name in Profile.VISIBILITY_FIELDS
        },
        "status": profile.status,
        "status_organization": str(profile.status_organization or "") or None,
        "status_since": profile.status_since,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def _account(user) -> dict:
    wagtail_profile = getattr(user, "wagtail_userprofile", None)
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "admin_preferences": {
            "language": wagtail_profile.preferred_language,
            "time_zone": wagtail_profile.current_time_zone,
        }
        if wagtail_profile
        else None,
    }


def export_for(user) -> dict:
    emails = _emails(user)
    return {
        "account": _account(user),
        "profile": _profile(user),
        "memberships": list(
            Membership.objects.filter(user=user).values(
                "organization__name", "organization__slug", "role", "title", "joined_at"
            )
        ),
        "invitations_received": list(
            Invitation.objects.filter(Q(email__in=emails) | Q(accepted_by=user)).values(
                "organization__name", "email", "role", "state", "created_at", "answered_at"
            )
        ),
        "invitations_sent": list(
            Invitation.objects.filter(invited_by=user).values(
                "organization__name", "email", "role", "state", "created_at", "answered_at"
            )
        ),
        "join_requests": list(
            JoinRequest.objects.filter(user=user).values(
                "organization__name", "message", "state", "created_at", "decided_at"
            )
        ),
        "status_requests": [
            {
                "status": request.status,
                "organization": str(request.organization or "") or None,
                "evidence": request.evidence,
                "evidence_file": f"files/{_evidence_name(request)}"
                if request.evidence_file
                else None,
                "state": request.state,
                "created_at": request.created_at,
                "decided_at": request.decided_at,
                "decision_note": request.decision_note,
            }
            for request in StatusRequest.objects.filter(user=user).select_related("organization")
        ],
        "status_changes": [
            {
                "action": change.action,
                "before": change.status_before,
                "after": change.status_after,
                "reason": change.reason,
                "by": str(change.changed_by.display_name) if change.changed_by else None,
                "at": change.created_at,
            }
            for change in StatusChange.objects.filter(user=user).select_related(
                "changed_by__profile"
            )
        ],
        "blog_posts": list(
            BlogPost.objects.filter(author=user).values(
                "title",
                "body",
                "state",
                "organization__name",
                "created_at",
                "published_at",
                "hidden_reason",
            )
        ),
        "post_reports": list(
            PostReport.objects.filter(reporter=user).values(
                "post__title", "reason", "details", "state", "created_at"
            )
        ),
        "notification_settings": {kind.key: wanted for kind, wanted in notification_choices(user)},
        "data_exports": list(
            DataExport.objects.filter(user=user).values("state", "requested_at", "finished_at")
        ),
        "account_deletions": list(
            AccountDeletion.objects.filter(user=user).values(
                "state", "requested_at", "scheduled_for", "cancelled_at", "completed_at"
            )
        ),
        "staff_views_of_my_data": [
            {
                "staff": str(access.staff.display_name) if access.staff else None,
                "what": access.what,
                "at": access.created_at,
            }
            for access in PersonalDataAccess.objects.filter(subject=user).select_related(
                "staff__profile"
            )
        ],
        "organizations_verified_by_me": list(
            Organization.objects.filter(verified_by=user).values("name", "verified_at")
        ),
    }


def _evidence_name(request: StatusRequest) -> str:
    return f"status-evidence-{request.pk}.{request.evidence_file.name.rsplit('.', 1)[-1]}"


def files_for(user) -> list[tuple[str, bytes]]:
    files = []
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.photo:
        with profile.photo.open("rb") as photo:
            files.append(("photo.jpg", photo.read()))
    for request in StatusRequest.objects.filter(user=user).exclude(evidence_file=""):
        with request.evidence_file.open("rb") as document:
            files.append((_evidence_name(request), document.read()))
    return files


def _hand_over_ownership(user) -> None:
    """An organization whose last owner leaves gets the longest-serving admin (else member)
    as owner, so no team is left without someone who can manage it."""
    for membership in Membership.objects.filter(user=user, role=Membership.Role.OWNER):
        organization = membership.organization
        others = Membership.objects.filter(organization=organization).exclude(user=user)
        if others.filter(role=Membership.Role.OWNER).exists():
            continue
        successor = (
            others.filter(role=Membership.Role.ADMIN).order_by("joined_at", "pk").first()
            or others.order_by("joined_at", "pk").first()
        )
        if successor is not None:
            successor.role = Membership.Role.OWNER
            successor.save(update_fields=["role"])


def _delete_file(field) -> None:
    """Delete the file once the erasure is committed (a rolled-back erasure keeps it)."""
    if field:
        storage, name = field.storage, field.name
        transaction.on_commit(lambda: storage.delete(name))


def erase_for(user) -> None:
    emails = _emails(user)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        _delete_file(profile.photo)
        profile.skills.clear()
        Profile.objects.filter(pk=profile.pk).update(
            display_name="", sort_name="", photo="", about="", activity="", links=[], district=None,
            building="", is_listed=False, status=Status.CITIZEN, status_organization=None,
            status_since=None,
        )  # fmt: skip
    _hand_over_ownership(user)
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(Q(email__in=emails) | Q(accepted_by=user)).delete()
    JoinRequest.objects.filter(user=user).delete()
    for request in StatusRequest.objects.filter(user=user):
        _delete_file(request.evidence_file)
    StatusRequest.objects.filter(user=user).delete()
    BlogPost.objects.filter(author=user, organization__isnull=True).delete()
    PostReport.objects.filter(reporter=user).update(details="")
    user.notification_settings.all().delete()
    for export in DataExport.objects.filter(user=user):
        _delete_file(export.file)
    DataExport.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    wagtail_profile = getattr(user, "wagtail_userprofile", None)
    if wagtail_profile is not None:
        _delete_file(wagtail_profile.avatar)
        wagtail_profile.delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = user.last_name = ""
    user.password = make_password(None)
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
