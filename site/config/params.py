"""Numbers read from addresses and query strings: database ids and page numbers.

Every view reads them through here, so a hostile value (a number beyond what a database column
holds, a negative one, letters) always ends the same way: an id that cannot exist is a 404, a
page number that makes no sense is the nearest page there is. None of it reaches the database,
where SQLite raises OverflowError past 2**63 - 1 (a 500). A NUL character, which PostgreSQL
refuses, is answered with a 400 before any view runs (`config.middleware`).
"""

from django.core.paginator import Page, Paginator
from django.urls import register_converter

# The largest value of a signed 64-bit integer: the widest primary key either database has.
MAX_ID = 2**63 - 1
# Further than anyone pages by hand; it also bounds what "page N" may ask a database to skip.
MAX_PAGE = 10_000


def parse_id(value) -> int | None:
    """A database id written in decimal, or None when the value cannot be one."""
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: like `<int:pk>`, but an address whose number no row can have
    (0, or past 64 bits) matches nothing, so it is a 404 before any query is made."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # Django reads this as "no match"
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


def page_number(request, param: str = "page") -> int:
    """The page asked for in the query string, between 1 and MAX_PAGE; junk asks for page 1."""
    value = request.GET.get(param, "")
    if not value.isascii() or not value.isdigit():
        return 1
    digits = value.lstrip("0")  # never int() a long string: Python refuses 4,300+ digits
    if len(digits) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return max(1, min(int(digits or "0"), MAX_PAGE))


def page_of(request, items, *, per_page: int = 20, param: str = "page") -> Page:
    """One page of `items`; a number past the end shows the last page, as Django's
    `Paginator.get_page` does."""
    return Paginator(items, per_page).get_page(page_number(request, param))


def query_text(request, param: str, *, max_length: int) -> str:
    """A free-text query parameter, trimmed and cut to `max_length`. (A NUL character, which
    PostgreSQL refuses, never gets this far: `RejectNulCharactersMiddleware` answers 400.)"""
    return request.GET.get(param, "").strip()[:max_length]
