"""Spelling: what a person probably meant when a word of their query matches nothing.

Only words that match no document at all are corrected, each to the closest word of the
vocabulary (titles, summaries, tags) within a typo budget that grows with the word's length.
A word typed with the wrong keyboard layout ("ksan" for "ліфт") is recognised too.
"""

from collections import Counter

from search.engines.base import SearchEngine
from search.text import Term, damerau_levenshtein, from_latin_layout, max_typos, stem

CANDIDATES = 50


def _distance(word: str, candidate: str) -> int:
    """Edits between the words, or between their stems when the forms differ ("ліфтом")."""
    return min(
        damerau_levenshtein(word, candidate), damerau_levenshtein(stem(word), stem(candidate))
    )


def _shared_letters(a: str, b: str) -> int:
    """Letters the words have in common, wherever they are: "лфіт" has all of "ліфт"'s."""
    return sum((Counter(a) & Counter(b)).values())


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        length += 1
    return length


ALTERNATIVES = 3


def likely_corrections(engine: SearchEngine, term: Term) -> list[str]:
    """The closest words of the vocabulary within the typo budget, best first."""
    layout = from_latin_layout(term.word)
    if layout and not engine.unknown_terms([Term.of(layout)]):
        return [layout]
    budget = max_typos(term.word)
    if not budget:
        return []
    ranked = sorted(
        (
            _distance(term.word, candidate),
            damerau_levenshtein(term.word, candidate),
            -_shared_letters(term.word, candidate),
            -_common_prefix(term.word, candidate),
            abs(len(candidate) - len(term.word)),
            candidate,
        )
        for candidate in engine.similar_words(term.word, limit=CANDIDATES)
        if candidate != term.word
    )
    close = [candidate for distance, *_closeness, candidate in ranked if distance <= budget]
    return close[:ALTERNATIVES]


def corrections(engine: SearchEngine, terms: tuple[Term, ...]) -> list[dict[str, str]]:
    """Ways to correct the words of a query that match nothing, most likely first: each a
    mapping word → correction. The n-th way takes each word's n-th alternative (or its last)."""
    alternatives = {}
    for term in engine.unknown_terms(terms):
        found = likely_corrections(engine, term)
        if found:
            alternatives[term.word] = found
    ways = max((len(found) for found in alternatives.values()), default=0)
    return [
        {word: found[min(n, len(found) - 1)] for word, found in alternatives.items()}
        for n in range(ways)
    ]
