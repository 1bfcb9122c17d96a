"""Small tables every search reads (districts, tags), remembered briefly by each process.

A search would otherwise spend more time asking for the ten districts and a few tag names than
on the full-text query itself. Entries live a minute at most; this process forgets them at
once when it writes them (see `search.signals` and `search.services`), and a tag it has not
seen yet is read on demand.
"""

import time
from dataclasses import dataclass, field

from config.models import District
from search.models import SearchTag

TTL = 60.0


@dataclass
class _Memo:
    districts: dict[int, District] | None = None
    tags: dict[int, tuple[str, str]] = field(default_factory=dict)
    tag_ids: dict[str, int] = field(default_factory=dict)
    expires: float = 0.0

    def fresh(self) -> "_Memo":
        if time.monotonic() > self.expires:
            self.districts, self.tags, self.tag_ids = None, {}, {}
            self.expires = time.monotonic() + TTL
        return self


_memo = _Memo()


def forget() -> None:
    _memo.expires = 0.0


def districts() -> dict[int, District]:
    """pk → District (whose `name` follows the active language)."""
    memo = _memo.fresh()
    if memo.districts is None:
        memo.districts = {district.pk: district for district in District.objects.all()}
    return memo.districts


def district_ids(slugs) -> list[int]:
    by_slug = {district.slug: pk for pk, district in districts().items()}
    return [by_slug.get(slug, 0) for slug in slugs]


def _load_tags(**lookup) -> None:
    memo = _memo.fresh()
    for pk, slug, name in SearchTag.objects.filter(**lookup).values_list("pk", "slug", "name"):
        memo.tags[pk] = (slug, name)
        memo.tag_ids[slug] = pk


def tag_ids(slugs) -> list[int]:
    memo = _memo.fresh()
    missing = [slug for slug in slugs if slug not in memo.tag_ids]
    if missing:
        _load_tags(slug__in=missing)
    return [memo.tag_ids.get(slug, 0) for slug in slugs]


def tags(pks) -> dict[int, tuple[str, str]]:
    """pk → (slug, name) for these tags."""
    memo = _memo.fresh()
    missing = [pk for pk in pks if pk not in memo.tags]
    if missing:
        _load_tags(pk__in=missing)
    return {pk: memo.tags[pk] for pk in pks if pk in memo.tags}


def tag_names(slugs) -> dict[str, str]:
    ids = tag_ids(slugs)
    return dict(tags(ids).values())
