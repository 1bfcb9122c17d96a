"""What the meetings app stores about a person, for "download my data" and "delete my
account" (the contract is in `profiles.data_rights`).

- A voting right (`VotingRight`): the share of a unit the person voted with in a meeting, as
  the register stood when voting opened, with their name as the named log shows it.
- Votes (`Vote`) cast on their share or by them (as a proxy, or a board member entering a
  paper ballot). Each is also an entry of the meeting's log, with the voter's name: the law
  makes the votes of a residents' meeting named, and the log is append-only, so an entry
  cannot be removed once co-owners may have checked it. The minutes already published keep
  the names they were published with, as the record of the decision.
- Proxies they hold or recorded, initiative groups they joined, comments they wrote,
  meetings they created, chaired or cancelled, and which notices and reminders they were sent.

Erasure cuts every link to the account and blanks the names kept beside it (the share's
holder, the proxy's name); rows stay, so results and counts stay exact. Retention while the
account exists: the links are cut MEETING_RETENTION_DAYS after the minutes (`meetings_tick`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from meetings import counting
from meetings.models import (
    Comment,
    EmailSent,
    InitiativeMember,
    Meeting,
    Proxy,
    Vote,
    VotingRight,
)

MODELS = [
    "meetings.Meeting",
    "meetings.InitiativeMember",
    "meetings.VotingRight",
    "meetings.Proxy",
    "meetings.Vote",
    "meetings.EmailSent",
    "meetings.Comment",
]


def _log_note() -> str:
    return _(
        "Each of your votes is an entry of the meeting's log, with your name, which the "
        "building's co-owners can read: the law makes the votes of a residents' meeting named. "
        "The log is append-only: an entry cannot be removed once others may have checked it, "
        "and published minutes keep the names they were published with. Deleting your account "
        "removes every link from your account to your share and your votes."
    )


def export_for(user) -> dict:
    rights = VotingRight.objects.filter(user=user).select_related("meeting")
    votes = (
        Vote.objects.filter(cast_by=user) | Vote.objects.filter(right__user=user)
    ).select_related("meeting", "item", "right")
    return {
        "meeting_shares": [
            {
                "meeting": right.meeting.title,
                "unit": right.unit_number,
                "share": f"{right.share_numerator}/{right.share_denominator}",
                "weight_m2": str(counting.m2(right.weight)),
                "name_in_the_log": right.holder_name,
            }
            for right in rights
        ],
        "meeting_votes": [
            {
                "meeting": vote.meeting.title,
                "item": vote.item.title,
                "choice": vote.choice,
                "channel": vote.channel,
                "unit": vote.right.unit_number,
                "cast_by_you": vote.cast_by_id == user.pk,
                "at": vote.created_at,
                "log_index": vote.entry_index,
                "leaf_hash": bytes(vote.leaf_hash).hex(),
            }
            for vote in votes.distinct().order_by("meeting_id", "entry_index")
        ],
        "meeting_votes_note": _log_note(),
        "proxies_held": [
            {
                "meeting": proxy.right.meeting.title,
                "unit": proxy.right.unit_number,
                "recorded_at": proxy.recorded_at,
                "revoked_at": proxy.revoked_at,
            }
            for proxy in Proxy.objects.filter(proxy_user=user).select_related("right__meeting")
        ],
        "initiative_groups": [
            {"meeting": member.meeting.title, "joined_at": member.joined_at}
            for member in InitiativeMember.objects.filter(user=user).select_related("meeting")
        ],
        "meeting_comments": [
            {
                "meeting": comment.meeting.title,
                "body": comment.body,
                "created_at": comment.created_at,
                "state": comment.state,
            }
            for comment in Comment.objects.filter(author=user).select_related("meeting")
        ],
        "meetings_created_or_chaired": [
            {"title": meeting.title, "state": meeting.state, "created_at": meeting.created_at}
            for meeting in Meeting.objects.filter(created_by=user)
            | Meeting.objects.filter(chair=user)
            | Meeting.objects.filter(cancelled_by=user)
        ],
        "meeting_emails": [
            {"meeting": sent.meeting.title, "kind": sent.kind, "sent_at": sent.sent_at}
            for sent in EmailSent.objects.filter(user=user).select_related("meeting")
        ],
    }


def erase_for(user) -> None:
    with transaction.atomic():
        VotingRight.objects.filter(user=user).update(user=None, holder_name="")
        Vote.objects.filter(cast_by=user).update(cast_by=None)
        Proxy.objects.filter(proxy_user=user).update(proxy_user=None, proxy_name="")
        Proxy.objects.filter(recorded_by=user).update(recorded_by=None)
        Proxy.objects.filter(revoked_by=user).update(revoked_by=None)
        InitiativeMember.objects.filter(user=user).update(user=None)
        Comment.objects.filter(author=user).update(author=None)
        Comment.objects.filter(hidden_by=user).update(hidden_by=None)
        Meeting.objects.filter(created_by=user).update(created_by=None)
        Meeting.objects.filter(chair=user).update(chair=None)
        Meeting.objects.filter(cancelled_by=user).update(cancelled_by=None)
        EmailSent.objects.filter(user=user).delete()
