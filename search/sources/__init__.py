"""Where documents come from: one adapter (`Source`) per kind of public thing.

Each app's content is read by an adapter in `search/sources/<app>.py`, through that app's own
public-state fields and selectors. An adapter decides what is public (anything else gets no
document, and loses the one it had) and which model changes make its documents stale.
Modules are listed in SOURCE_MODULES; each exposes `SOURCES`, a list of adapters.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

from search.models import Visibility

SOURCE_MODULES: list[str] = [
    "search.sources.library",
    "search.sources.petitions",
    "search.sources.experts",
    "search.sources.profiles",
    "search.sources.ideas",
    "search.sources.reports",
]


@dataclass(frozen=True)
class Document:
    """What an adapter says about one public thing (see `search.models.SearchDocument`).

    `tags` are (slug, name) pairs; `languages` the reader languages to show it to; `urls`
    the addresses for readers of other languages, where they differ from `url`.
    """

    type: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    tags: Sequence[tuple[str, str]] = ()
    district_id: int | None = None
    status: str = ""
    date: datetime | None = None
    popularity: int = 0
    visibility: str = Visibility.PUBLIC
    language: str = "uk"
    languages: Sequence[str] = ()
    urls: Mapping[str, str] = field(default_factory=dict)


Resolver = Callable[[Model], Iterable]


class Source(ABC):
    """An adapter. `name` prefixes its keys ("petitions.petition:42"); `model` is the label of
    the model it reads; `statuses` labels its status values for the status facet; `weight`
    multiplies the ranking of its documents (what answers a problem, a guide, comes before
    who might help with it)."""

    name: str = ""
    model: str = ""
    statuses: dict[str, str] = {}
    weight: float = 1.0

    def key(self, pk) -> str:
        return f"{self.name}:{pk}"

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def candidates(self) -> QuerySet:
        """Everything that might be public; `document` decides one by one."""
        return self.model_class()._default_manager.all()

    def load(self, pks: Sequence) -> dict:
        return self.candidates().in_bulk(list(pks))

    @abstractmethod
    def document(self, instance) -> Document | None:
        """The document for a public thing, None for anything that must not be found."""

    def watched(self) -> dict[str, Resolver]:
        """Model label → which of this source's objects (pks) a saved or deleted instance of
        that model makes stale. By default, the object itself."""
        return {self.model: lambda instance: [instance.pk]}


def languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


@cache
def sources() -> tuple[Source, ...]:
    found = []
    for path in SOURCE_MODULES:
        found += import_string(f"{path}.SOURCES")
    return tuple(found)


def source_named(name: str) -> Source | None:
    return next((source for source in sources() if source.name == name), None)


def status_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for source in sources():
        labels.update(source.statuses)
    return labels
