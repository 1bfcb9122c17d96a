"""Highlighted titles and snippets, the same for every engine.

A word is marked when it begins with the stem of a query term, the rule both engines match by,
so what is marked is what matched. Text is escaped first; only our own <mark> is markup.
"""

import re
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from search.text import Term

SNIPPET_LENGTH = 220
LEAD_IN = 60


def _pattern(terms: Sequence[Term]) -> re.Pattern | None:
    """Whole words beginning with a term's stem, in any case: one regular expression, so a
    page of snippets costs one pass over each text."""
    return _compiled(frozenset(term.stem for term in terms if term.stem))


@lru_cache(maxsize=256)
def _compiled(stems: frozenset[str]) -> re.Pattern | None:
    """Built once per set of stems: a page of hits highlights with the same one 40 times."""
    if not stems:
        return None
    longest_first = sorted(stems, key=lambda stem: (-len(stem), stem))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\w*", re.IGNORECASE)


def _spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    pattern = _pattern(terms)
    return [match.span() for match in pattern.finditer(text)] if pattern else []


def _mark(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, position = [], offset
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text: str, terms: Sequence[Term]) -> SafeString:
    return mark_safe(_mark(text, _spans(text, terms)))  # noqa: S308 - every piece is escaped


def _window(text: str, spans: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The stretch of `length` characters holding the most matches, cut at word edges."""
    best_start, best_count = 0, -1
    for start, _ in spans:
        begin = max(start - LEAD_IN, 0)
        count = sum(1 for s, e in spans if s >= begin and e <= begin + length)
        if count > best_count:
            best_start, best_count = begin, count
    end = min(best_start + length, len(text))
    if best_start > 0:
        space = text.find(" ", best_start)
        best_start = space + 1 if 0 <= space < best_start + LEAD_IN else best_start
    if end < len(text):
        space = text.rfind(" ", best_start, end)
        end = space if space > best_start else end
    return best_start, end


def snippet(*, summary: str, body: str, terms: Sequence[Term]) -> SafeString:
    """The summary if it mentions a query word, else the best passage of the body, else the
    start of the summary or body."""
    for text in (summary, body):
        spans = _spans(text, terms)
        if spans:
            return _excerpt(text, spans)
    text = summary or body
    return _excerpt(text, [])


def _excerpt(text: str, spans: list[tuple[int, int]]) -> SafeString:
    start, end = _window(text, spans, SNIPPET_LENGTH) if spans else (0, len(text))
    if not spans and end > SNIPPET_LENGTH:
        space = text.rfind(" ", 0, SNIPPET_LENGTH)
        end = space if space > 0 else SNIPPET_LENGTH
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    html = _mark(text[:end], inside, offset=start)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - every piece is escaped
