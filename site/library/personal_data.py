"""What the library stores about a person, for export and erasure (see the profiles app).

The library keeps: credits on articles, contributions and the steps of their review, and
feedback (with its optional comment). Published articles are public contributions: on erasure
they stay, credited to "former participant"; vote counts stay exact.
"""

from django.db import transaction
from django.db.models import Count, F

from wagtail.models import Revision

from config.privacy import keyed_hash
from library.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleStats,
    Contribution,
    ContributionEvent,
    Feedback,
)

MODELS: list[str] = [
    "library.ArticleAuthor",
    "library.Contribution",
    "library.ContributionEvent",
    "library.Feedback",
]


def export_for(user) -> dict:
    return {
        "credits": [
            {"article": credit.page.title, "role": credit.role, "url": credit.page.url or ""}
            for credit in ArticleAuthor.objects.filter(user=user).select_related("page")
        ],
        "contributions": [
            {
                "title": contribution.page.draft_title,
                "kind": contribution.kind,
                "state": contribution.state,
                "editor_comment": contribution.editor_comment,
                "proposed_at": contribution.created_at.isoformat(),
                "history": [
                    {
                        "from": event.from_state,
                        "to": event.to_state,
                        "comment": event.comment,
                        "at": event.created_at.isoformat(),
                    }
                    for event in contribution.events.all()
                ],
            }
            for contribution in Contribution.objects.filter(contributor=user)
            .select_related("page")
            .prefetch_related("events")
        ],
        "feedback": [
            {
                "article": feedback.page.title,
                "useful": feedback.useful,
                "comment": feedback.comment,
                "given_at": feedback.created_at.isoformat(),
            }
            for feedback in Feedback.objects.filter(user=user).select_related("page")
        ],
    }


def erase_for(user) -> None:
    """Unlink the person from everything the library keeps. Articles and their review
    history stay, no longer naming them; feedback keeps its vote, loses its comment, and its
    voter key no longer derives from the account."""
    with transaction.atomic():
        ArticleAuthor.objects.filter(user=user).update(user=None)
        page_ids = list(ArticlePage.objects.filter(owner=user).values_list("pk", flat=True))
        ArticlePage.objects.filter(pk__in=page_ids).update(owner=None)
        Revision.objects.filter(
            user=user,
            base_content_type__app_label="wagtailcore",
            object_id__in=[str(pk) for pk in page_ids],
        ).update(user=None)
        ContributionEvent.objects.filter(actor=user).update(actor=None)
        Contribution.objects.filter(contributor=user).update(contributor=None)
        feedback = Feedback.objects.filter(user=user)
        for row in feedback.exclude(comment="").values("page_id").annotate(n=Count("pk")):
            ArticleStats.objects.filter(page_id=row["page_id"]).update(
                comment_count=F("comment_count") - row["n"]
            )
        for item in feedback:
            item.user = None
            item.comment = ""
            item.voter = keyed_hash(f"erased:{item.pk}", purpose="library-feedback")
            item.save(update_fields=["user", "comment", "voter"])
