"""Stopping one kind of optional email from the email itself, without signing in.

Every optional email (a kind registered in `profiles.notifications`) carries a link to
`profiles:unsubscribe` and the RFC 8058 headers naming the same address:

    from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url
    link = unsubscribe_url(user=user, kind="polls.opened")
    EmailMessage(..., headers=unsubscribe_headers(user=user, kind="polls.opened"))

The link's token is signed with `django.core.signing` under a salt used for nothing else, and
holds the account's id and the kind, never the address (a link is forwarded and logged). A
token older than `MAX_AGE` no longer works: the settings page remains, behind sign-in.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from profiles.emails import absolute_url
from profiles.exceptions import ProfilesError
from profiles.notifications import NotificationKind, UnknownNotificationKind, notification_kind

SALT = "profiles.unsubscribe"
MAX_AGE = timedelta(days=90)
# RFC 8058: the List-Unsubscribe-Post value a sender gives (section 3.1), which is also the
# body a mail client then POSTs to the List-Unsubscribe address (section 3.2).
ONE_CLICK_FIELD = "List-Unsubscribe"
ONE_CLICK_VALUE = "One-Click"


class InvalidUnsubscribeLink(ProfilesError):
    """The token was altered, is too old, or names an account or kind that is gone."""


def unsubscribe_token(*, user, kind: str) -> str:
    notification_kind(kind)  # a typo must fail when sending, not as a dead link in a mailbox
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT)


def unsubscribe_url(*, user, kind: str) -> str:
    """The absolute address that stops emails of `kind` to `user`, in the active language."""
    token = unsubscribe_token(user=user, kind=kind)
    return absolute_url(reverse("profiles:unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(*, user, kind: str) -> dict[str, str]:
    """The headers of RFC 2369 (List-Unsubscribe) and RFC 8058 (one-click, section 3.1)
    for an `EmailMessage(headers=…)`: mail clients show their own "Unsubscribe" button."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user=user, kind=kind)}>",
        "List-Unsubscribe-Post": f"{ONE_CLICK_FIELD}={ONE_CLICK_VALUE}",
    }


def unsubscribe_token_read(token: str):
    """The person and the kind a link names, or InvalidUnsubscribeLink."""
    from profiles.models import User

    invalid = InvalidUnsubscribeLink(_("This unsubscribe link is not valid or has expired."))
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired, its subclass
        raise invalid from None
    if not (
        isinstance(data, dict) and isinstance(data.get("u"), int) and isinstance(data.get("k"), str)
    ):
        raise invalid
    try:
        kind: NotificationKind = notification_kind(data["k"])
    except UnknownNotificationKind:  # a kind retired after the email went out
        raise invalid from None
    user = User.objects.filter(pk=data["u"]).first()
    if user is None:
        raise invalid
    return user, kind
