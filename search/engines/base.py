"""The contract every search engine fulfils; `search.selectors` talks to nothing else."""

from collections.abc import Iterable, Sequence
from typing import Protocol

from search.query import EngineQuery, EngineResult
from search.text import Term


class SearchEngine(Protocol):
    """A way of searching the documents in `SearchDocument`.

    The table is always written first (by `search.services`); an engine that keeps its own
    index copies rows from it in `index`, forgets them in `remove` and rebuilds from it; the
    database engine searches the table itself, so for it those are upkeep only.
    """

    name: str = ""

    def search(self, query: EngineQuery) -> EngineResult:
        """Keys of one page of hits in order, the total, and facet counts: for each facet,
        value → number of hits with every selected filter applied except that facet's own."""
        ...

    def autocomplete(
        self, *, terms: Sequence[Term], visibilities: Sequence[str], language: str, limit: int
    ) -> list[str]:
        """Keys of documents whose title has words starting with every term, best first."""
        ...

    def unknown_terms(self, terms: Sequence[Term]) -> list[Term]:
        """The terms that match no document at all: candidates for spelling correction."""
        ...

    def similar_words(self, word: str, *, limit: int) -> list[str]:
        """Indexed words that look like `word` (shared trigrams, same first letter)."""
        ...

    def index(self, keys: Iterable[str]) -> None:
        """Copy these rows of the table into the engine's own index, if it has one."""
        ...

    def remove(self, keys: Iterable[str]) -> None:
        """Forget these keys (their rows are already gone from the table)."""
        ...

    def rebuild(self, *, progress=None) -> None:
        """Make the engine's index equal the table, without a moment of empty results."""
        ...
