"""Documents for the search tests, stored through the search services like any adapter's."""

import datetime
import itertools

from django.utils import timezone

from search.services import documents_store
from search.sources import Document, Source

_numbers = itertools.count(1)


class StoredDirectly(Source):
    """A source for tests and benchmarks: documents are handed to `documents_store` as they
    are, without a model behind them."""

    name = "tests.document"
    model = "search.SearchDocument"

    def document(self, instance):
        return None


SOURCE = StoredDirectly()


def stored_document(*, pk=None, age_days: int = 30, **fields) -> str:
    """Store one document (defaults: a Ukrainian guide shown in both languages); its key."""
    pk = pk or next(_numbers)
    defaults = {
        "type": "guide",
        "title": f"Документ {pk}",
        "url": f"/test/{pk}/",
        "languages": ("uk", "en"),
        "date": timezone.now() - datetime.timedelta(days=age_days),
    }
    documents_store(source=SOURCE, documents={pk: Document(**{**defaults, **fields})})
    return SOURCE.key(pk)
