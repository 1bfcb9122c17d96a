"""Reader feedback ("Was this useful?") and the read counter."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from config.privacy import keyed_hash
from library.models import ArticlePage, ArticleStats, Feedback

MAX_COMMENT = 1000
READ_DEDUPE_SECONDS = 6 * 60 * 60


class FeedbackError(ValidationError):
    """Feedback that cannot be taken (already given, page not published…)."""


def voter_key(*, user, session_key: str) -> str:
    """Who is voting, as a keyed hash: the account when signed in, otherwise the browser
    session. Neither can be recovered from the hash."""
    if user is not None and user.is_authenticated:
        return keyed_hash(f"user:{user.pk}", purpose="library-feedback")
    if not session_key:
        raise FeedbackError(_("Your browser did not keep our session cookie; please try again."))
    return keyed_hash(f"session:{session_key}", purpose="library-feedback")


def feedback_submit(
    *, page: ArticlePage, useful: bool, comment: str = "", user=None, session_key: str = ""
) -> Feedback:
    """Record one answer per person or browser per article; counters move in the same
    transaction, so the score editors see always matches the rows."""
    if not page.live:
        raise FeedbackError(_("This page is not published."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise FeedbackError(_("Keep the comment under %(n)d characters.") % {"n": MAX_COMMENT})
    voter = voter_key(user=user, session_key=session_key)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                page_id=page.pk,
                voter=voter,
                user=user if user is not None and user.is_authenticated else None,
                useful=useful,
                comment=comment,
            )
            stats_bump(
                page_id=page.pk,
                useful_yes=int(useful),
                useful_no=int(not useful),
                comment_count=int(bool(comment)),
            )
    except IntegrityError as exc:
        raise FeedbackError(_("You have already told us whether this page was useful.")) from exc
    return feedback


def article_read_record(*, page: ArticlePage, visitor: str) -> bool:
    """Count a read once per visitor every few hours. The dedupe mark lives only in the cache
    (a keyed hash, expiring), and the counter moves with one UPDATE."""
    key = f"library:read:{page.pk}:{visitor}"
    if not cache.add(key, 1, timeout=READ_DEDUPE_SECONDS):
        return False
    stats_bump(page_id=page.pk, read_count=1)
    return True


def stats_bump(*, page_id: int, **increments: int) -> None:
    """Add to an article's counters with F() expressions, creating its row on first use."""
    changes = {name: F(name) + n for name, n in increments.items() if n}
    if not changes:
        return
    if ArticleStats.objects.filter(page_id=page_id).update(**changes):
        return
    try:
        with transaction.atomic():
            ArticleStats.objects.create(page_id=page_id, **increments)
    except IntegrityError:  # someone else created it a moment ago
        ArticleStats.objects.filter(page_id=page_id).update(**changes)
