"""What the ideas app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

- Ideas they proposed (drafts too), comments they wrote, comments they reported, and the ideas
  they support.
- As staff: answers they gave, ideas and comments they hid, reports they resolved, and the
  steps of ideas' timelines they took.

Erasure deletes their drafts (nobody else has seen them) and cuts every other link: a public
idea or comment stays, anonymous, as part of the city's record. Their supports stay, credited
to the erased account, which no longer names anyone, so every count stays exact. Retention
while the account exists: the links from supporters to an idea are deleted
`IDEA_RETENTION_DAYS` after its support ended (`ideas_tick`); the count stays.
"""

from django.db import transaction

from ideas.models import Comment, CommentReport, Idea, IdeaEvent, Support
from ideas.states import State

MODELS = [
    "ideas.Idea",
    "ideas.IdeaEvent",
    "ideas.Support",
    "ideas.Comment",
    "ideas.CommentReport",
]


def export_for(user) -> dict:
    return {
        "ideas_proposed": [
            {
                "title": idea.title,
                "address": idea.slug,
                "summary": idea.summary,
                "description": idea.description,
                "state": idea.state,
                "on_behalf_of": idea.organization.name if idea.organization_id else "",
                "created_at": idea.created_at,
                "published_at": idea.published_at,
            }
            for idea in Idea.objects.filter(author=user).select_related("organization")
        ],
        "ideas_supported": [
            {
                "idea": support.idea.title,
                "supported_at": support.created_at,
                "carried_over_from": support.carried_from.title if support.carried_from_id else "",
            }
            for support in Support.objects.filter(user=user).select_related("idea", "carried_from")
        ],
        "idea_comments": [
            {
                "idea": comment.idea.title,
                "body": comment.body,
                "state": comment.state,
                "created_at": comment.created_at,
            }
            for comment in Comment.objects.filter(author=user).select_related("idea")
        ],
        "idea_comment_reports": [
            {
                "comment": report.comment.body,
                "reason": report.reason,
                "explanation": report.explanation,
                "resolution": report.resolution,
                "created_at": report.created_at,
            }
            for report in CommentReport.objects.filter(reporter=user).select_related("comment")
        ],
        "ideas_answered": [
            {"idea": idea.title, "state": idea.state, "answered_at": idea.answered_at}
            for idea in Idea.objects.filter(answered_by=user)
        ],
        "idea_timeline_steps": [
            {"idea": event.idea.title, "kind": event.kind, "state": event.state, "at": event.at}
            for event in IdeaEvent.objects.filter(actor=user).select_related("idea")
        ],
    }


def erase_for(user) -> None:
    with transaction.atomic():
        drafts = Idea.objects.filter(author=user, state=State.DRAFT)
        for draft in drafts:
            for attachment in draft.attachments.all():
                stored, storage = attachment.file.name, attachment.file.storage
                transaction.on_commit(lambda s=storage, n=stored: s.delete(n) if n else None)
        drafts.delete()
        Idea.objects.filter(author=user).update(author=None)
        Idea.objects.filter(answered_by=user).update(answered_by=None)
        Idea.objects.filter(hidden_by=user).update(hidden_by=None)
        IdeaEvent.objects.filter(actor=user).update(actor=None)
        Comment.objects.filter(author=user).update(author=None)
        Comment.objects.filter(hidden_by=user).update(hidden_by=None)
        CommentReport.objects.filter(reporter=user).update(reporter=None)
        CommentReport.objects.filter(resolved_by=user).update(resolved_by=None)
