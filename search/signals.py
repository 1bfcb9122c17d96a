"""Freshness: any change to something a source reads schedules its documents for refresh.

Handlers only name the stale keys; the task runs after the transaction commits, so it reads
what was committed (and a rolled-back change never reaches the index). Sources decide what a
change affects (`Source.watched`), so a new source needs no new signal code.

Keys coalesce: however many times a thing is saved in one transaction (a page is saved by
each of `save_revision()`, `publish()` and its translations), it is refreshed once, by one task
enqueued when the transaction commits. Bulk loaders wrap their writes in `indexing_deferred()`
and rebuild the index once at the end instead.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import post_page_move

from config.models import District
from search import lookups
from search.sources import Resolver, Source, sources

WATCHERS: dict[type, list[tuple[Source, Resolver]]] = defaultdict(list)
_state = threading.local()


class _Batch:
    """The keys a transaction made stale. Every change registers the batch with
    `on_commit`; the first call after the commit sends all the keys in one task, the others
    find nothing left to send."""

    def __init__(self):
        self.keys: set[str] = set()
        self.position = 0  # where its latest registration is in `connection.run_on_commit`

    def __call__(self):
        from search.tasks import refresh_documents

        if self.keys:
            keys, self.keys = sorted(self.keys), set()
            refresh_documents.enqueue(keys=keys)


def _open_batch(connection) -> _Batch:
    """This transaction's batch: the last one while its latest registration is pending, a new
    one after a commit or a rolled-back savepoint (a new batch only costs a second task)."""
    batch = getattr(_state, "batch", None)
    pending = connection.run_on_commit
    if batch is None or not (
        batch.position <= len(pending) and pending[batch.position - 1][1] is batch
    ):
        batch = _state.batch = _Batch()
    return batch


def schedule_refresh(keys) -> None:
    """Refresh these documents once the current transaction commits (at once outside one)."""
    keys = set(keys)
    if not keys or _deferred():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = _Batch()
        batch.keys = keys
        batch()
        return
    batch = _open_batch(connection)
    batch.keys |= keys
    transaction.on_commit(batch, robust=True)
    batch.position = len(connection.run_on_commit)


def _deferred() -> bool:
    return bool(getattr(_state, "deferred", 0))


@contextmanager
def indexing_deferred():
    """Skip the per-change refreshes inside (a bulk load that rebuilds the index once when it
    is done, such as `seed_demo`): the caller must run `index_rebuild()` afterwards."""
    _state.deferred = getattr(_state, "deferred", 0) + 1
    try:
        yield
    finally:
        _state.deferred -= 1


def objects_changed(model: str, pks) -> None:
    """For apps that change rows without `save()` (a queryset `update()` sends no signal):
    `objects_changed("petitions.PetitionPage", [42])` refreshes what depends on them after
    the current transaction commits."""
    if _deferred():
        return
    model_class = apps.get_model(model)
    for instance in model_class._default_manager.filter(pk__in=list(pks)):
        _changed(model_class, instance)


def _changed(sender, instance, raw=False, **kwargs):
    if raw or _deferred():
        return
    keys = []
    for source, resolver in WATCHERS.get(sender, []):
        keys += [source.key(pk) for pk in resolver(instance) if pk is not None]
    schedule_refresh(keys)


def _page_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of everything under it."""
    if _deferred():
        return
    keys = []
    for page in instance.get_descendants(inclusive=True).specific(defer=True):
        for source, resolver in WATCHERS.get(type(page), []):
            keys += [source.key(pk) for pk in resolver(page)]
    schedule_refresh(keys)


def _districts_changed(sender, **kwargs):
    lookups.forget()


def connect() -> None:
    post_save.connect(_districts_changed, sender=District, dispatch_uid="search:district-save")
    post_delete.connect(_districts_changed, sender=District, dispatch_uid="search:district-del")
    WATCHERS.clear()
    for source in sources():
        for label, resolver in source.watched().items():
            WATCHERS[apps.get_model(label)].append((source, resolver))
    for model in WATCHERS:
        uid = f"search:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")
    post_page_move.connect(_page_moved, dispatch_uid="search:page-move")
