"""The content generation: one number that moves whenever something a public page shows may
have changed, so every page kept in the shared cache (`config.sharedpages`) is asked for under
a key nobody uses any more.

It moves on every save or deletion of a row of the project's own apps, of pages, sites, view
restrictions, locales, images, documents and tags, and on publishing, unpublishing and moving a
page; apps that change rows with a queryset `update()` say so through
`search.signals.objects_changed`, which moves it too. Like the menu's (`config.navigation`), it
moves at once and again after commit, so a reader that rendered from rows read before the
commit stores its page under a generation nobody asks for.

A few models change far more often than what pages show of them and are left out on purpose:
signatures and their tallies, idea supports, and credentials and ballots (signing, supporting
and voting are hot paths;
live counts refresh by the cache's timeout, `sharedpages.TIMEOUT`), verified attributes and
the registrar's paperwork (no public page shows them), article read counters, search terms,
and the bookkeeping of personal data (exports, access logs, notification settings). A login's
`last_login` write is ignored for the same reason.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from config.generations import Generation

CONTENT = Generation("config:freshness:generation")
PROJECT_APPS = (
    "config",
    "profiles",
    "library",
    "petitions",
    "experts",
    "search",
    "residents",
    "polls",
    "meetings",
    "ideas",
    "reports",
)
OTHER_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
)
QUIET_MODELS = {
    "petitions.Signature",
    "petitions.SignatureTally",
    "library.ArticleStats",
    "search.SearchTerm",
    "profiles.DataExport",
    "profiles.PersonalDataAccess",
    "profiles.NotificationSetting",
    # Who is verified (never on a public page) and the registrar's paperwork.
    "residents.VerifiedAttribute",
    "residents.ResidenceRequest",
    "residents.PostalLetter",
    "residents.LetterBatch",
    # Voting is a hot path like signing: turnout refreshes by the cache's timeout, and the
    # poll's counters move by queryset updates, which send no signal.
    "polls.Issuance",
    "polls.SpentToken",
    "polls.PendingBallot",
    "polls.NamedVote",
    # A meeting's public page shows no live tally (only the count after the close, which saves
    # the meeting): votes need not forget any page, and the log's tree head on it refreshes by
    # the cache's timeout. The reminders' bookkeeping is on no page at all.
    "meetings.Vote",
    "meetings.EmailSent",
    # Supporting an idea is a hot path too: the idea's count moves by a queryset update, and
    # only the support that reaches the threshold saves the idea (its state changes).
    "ideas.Support",
    # "Me too" is counted on the report by a queryset update; a key's last use is on no page.
    "reports.ReportSupporter",
    "reports.Open311Key",
}
QUIET_FIELDS = {"last_login"}


def content_generation() -> int:
    return CONTENT.current()


def content_changed() -> None:
    """Forget every shared page (all paths, all languages)."""
    CONTENT.move()


def changed_now_and_on_commit(**kwargs) -> None:
    content_changed()
    transaction.on_commit(content_changed, robust=True)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or (update_fields and set(update_fields) <= QUIET_FIELDS):
        return
    changed_now_and_on_commit()


def watched_models() -> list:
    models = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]
    models += [apps.get_model(label) for label in OTHER_MODELS]
    return [m for m in models if m._meta.label not in QUIET_MODELS]


def connect() -> None:
    page_published.connect(changed_now_and_on_commit, dispatch_uid="config:freshness:published")
    page_unpublished.connect(changed_now_and_on_commit, dispatch_uid="config:freshness:unpublished")
    post_page_move.connect(changed_now_and_on_commit, dispatch_uid="config:freshness:moved")
    # Per model, never for every model: a receiver without a sender would make Django load and
    # signal each row of every bulk delete (signatures purged, say).
    for model in watched_models():
        uid = f"config:freshness:{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}:saved")
        post_delete.connect(changed_now_and_on_commit, sender=model, dispatch_uid=f"{uid}:deleted")
