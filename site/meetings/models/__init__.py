from meetings.models.discussion import Comment
from meetings.models.meetings import (
    AgendaItem,
    InitiativeMember,
    ItemDocument,
    Meeting,
    MeetingSettings,
    Minutes,
)
from meetings.models.votes import EmailSent, Proxy, Vote, VotingRight

__all__ = [
    "AgendaItem",
    "Comment",
    "EmailSent",
    "InitiativeMember",
    "ItemDocument",
    "Meeting",
    "MeetingSettings",
    "Minutes",
    "Proxy",
    "Vote",
    "VotingRight",
]
