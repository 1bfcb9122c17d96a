"""What a search asks of an engine and what the engine answers: plain values, no engine types.

The selector builds an `EngineQuery`, an engine returns an `EngineResult` (keys of the page of
hits, the total and raw facet counts); turning keys into titles, snippets and labels is the
selector's work, so both engines produce exactly the same results page.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from search.text import Term

FACETS = ("type", "tag", "district", "status")


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    POPULAR = "popular"
    CHOICES = (RELEVANCE, NEWEST, POPULAR)


class Match:
    """`ALL`: every term must match (the first try). `ANY`: at least one (the fallback)."""

    ALL = "all"
    ANY = "any"


@dataclass(frozen=True)
class Filters:
    """Selected facet values. Values of one facet are alternatives (OR); facets combine (AND)."""

    type: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    district: tuple[str, ...] = ()
    status: tuple[str, ...] = ()

    def selected(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)

    def without(self, facet: str) -> "Filters":
        return replace(self, **{facet: ()})

    def only(self, facet: str, value: str) -> "Filters":
        return replace(self, **{facet: (value,)})

    def __bool__(self) -> bool:
        return any(self.selected(facet) for facet in FACETS)


@dataclass(frozen=True)
class EngineQuery:
    terms: tuple[Term, ...]
    filters: Filters
    visibilities: tuple[str, ...]
    language: str
    now: datetime
    match: str = Match.ALL
    sort: str = Sort.RELEVANCE
    offset: int = 0
    limit: int = 20
    facet_size: int = 30


@dataclass
class EngineResult:
    keys: list[str]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
