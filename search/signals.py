"""Freshness: any change to something a source reads schedules its documents for refresh.

Handlers only name the stale keys; the task runs after the transaction commits, so it reads
what was committed (and a rolled-back change never reaches the index). Sources decide what a
change affects (`Source.watched`), so a new source needs no new signal code.
"""

from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import post_page_move

from config.models import District
from search import lookups
from search.sources import Resolver, Source, sources

WATCHERS: dict[type, list[tuple[Source, Resolver]]] = defaultdict(list)


def schedule_refresh(keys) -> None:
    """Refresh these documents once the current transaction commits."""
    from search.tasks import refresh_documents

    keys = sorted(set(keys))
    if keys:
        transaction.on_commit(lambda: refresh_documents.enqueue(keys=keys), robust=True)


def objects_changed(model: str, pks) -> None:
    """For apps that change rows without `save()` (a queryset `update()` sends no signal):
    `objects_changed("petitions.PetitionPage", [42])` refreshes what depends on them after
    the current transaction commits."""
    model_class = apps.get_model(model)
    for instance in model_class._default_manager.filter(pk__in=list(pks)):
        _changed(model_class, instance)


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    keys = []
    for source, resolver in WATCHERS.get(sender, []):
        keys += [source.key(pk) for pk in resolver(instance) if pk is not None]
    schedule_refresh(keys)


def _page_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of everything under it."""
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
