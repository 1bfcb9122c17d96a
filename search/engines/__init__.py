"""Search engines, chosen by the `SEARCH_ENGINE` setting ("database" or "elasticsearch").

`SEARCH_ENGINE` follows `ELASTICSEARCH_URL` (see settings), so turning Elasticsearch on is a
matter of configuration; nothing that searches knows which engine answers.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from search.engines.base import SearchEngine

ENGINES = {
    "database": "search.engines.database.DatabaseEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}


@cache
def _engine(path: str) -> SearchEngine:
    return import_string(path)()


def get_engine(name: str | None = None) -> SearchEngine:
    name = name or settings.SEARCH_ENGINE
    return _engine(ENGINES.get(name, name))


@receiver(setting_changed)
def _forget_engines(*, setting, **kwargs):
    if setting.startswith(("SEARCH_", "ELASTICSEARCH_")):
        _engine.cache_clear()
