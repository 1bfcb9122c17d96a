"""Reads of the search app: the one query API, autocomplete, and suggestions.

`search_documents` is engine-agnostic: it asks the configured engine for keys and counts, and
tries, in order, every word (all must match), the same query with spelling corrected, then any
word; the results page says which of these it shows.
"""

import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import ngettext_lazy, pgettext_lazy

from search import highlight, lookups, spelling
from search.engines import get_engine
from search.models import DocumentTag, DocumentType, SearchDocument, SearchTag, Visibility
from search.query import FACETS, EngineQuery, EngineResult, Filters, Match, Sort
from search.sources import status_labels
from search.text import Term, normalize, query_terms, words

PER_PAGE = 20
MAX_PAGE = 500
AUTOCOMPLETE_LIMIT = 8
SUGGESTED_TAGS = 12
POPULARITY_LABELS = {
    DocumentType.PETITION: ngettext_lazy("%(count)s signature", "%(count)s signatures", "count"),
    DocumentType.EXPERT: ngettext_lazy("%(count)s rating", "%(count)s ratings", "count"),
    DocumentType.IDEA: ngettext_lazy("%(count)s supporter", "%(count)s supporters", "count"),
    DocumentType.REPORT: ngettext_lazy("%(count)s “me too”", "%(count)s “me too”s", "count"),
}
FACET_LABELS = {
    "type": pgettext_lazy("search facet", "What"),
    "district": pgettext_lazy("search facet", "District"),
    "status": pgettext_lazy("search facet", "Status"),
    "tag": pgettext_lazy("search facet", "Topics"),
}


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    type_label: str
    title: SafeString
    url: str
    snippet: SafeString
    date: object
    district: str
    status: str
    status_label: str
    popularity: int
    popularity_label: str
    language: str


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


@dataclass
class SearchResults:
    """A page of results with everything the page shows around it.

    `corrected_query` is set when the hits are for the query with its spelling corrected,
    `partial` when they match only some of the words; `suggestions` are corrected queries to
    offer when nothing was found, `related_tags` tags to try instead.
    """

    query: str
    filters: Filters
    sort: str
    page: int
    per_page: int
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    corrected_query: str = ""
    partial: bool = False
    suggestions: list[str] = field(default_factory=list)
    related_tags: list[tuple[str, str]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    def page_numbers(self) -> list[int | None]:
        """Pages to link: the first, the last and two around the current one (None: a gap)."""
        wanted = {1, self.pages, *range(self.page - 2, self.page + 3)}
        numbers, previous = [], 0
        for number in sorted(n for n in wanted if 1 <= n <= self.pages):
            if number - previous > 1:
                numbers.append(None)
            numbers.append(number)
            previous = number
        return numbers

    @property
    def has_facets(self) -> bool:
        return any(facet.values for facet in self.facets)

    def facet(self, name: str) -> Facet:
        return next(facet for facet in self.facets if facet.name == name)


def visibilities_for(viewer) -> tuple[str, ...]:
    if viewer is not None and getattr(viewer, "is_staff", False):
        return (Visibility.PUBLIC, Visibility.RESIDENTS, Visibility.STAFF)
    if viewer is not None and viewer.is_authenticated:
        return (Visibility.PUBLIC, Visibility.RESIDENTS)
    return (Visibility.PUBLIC,)


def reader_language(language: str | None = None) -> str:
    codes = [code for code, _ in settings.LANGUAGES]
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in codes else settings.LANGUAGE_CODE


def _corrected_text(query: str, corrections: dict[str, str]) -> str:
    return " ".join(corrections.get(word, word) for word in words(query))


def search_documents(
    *,
    query: str = "",
    filters: Filters | dict | None = None,
    sort: str = Sort.RELEVANCE,
    page: int = 1,
    viewer=None,
    language: str | None = None,
    per_page: int = PER_PAGE,
    now=None,
) -> SearchResults:
    """Free text, facet filters, sorting and paging over everything the viewer may find.
    `filters` is a `Filters` or a dict like {"district": ["podilskyi"], "type": ["guide"]}."""
    if isinstance(filters, dict):
        filters = Filters(**{facet: tuple(values) for facet, values in filters.items()})
    filters = filters or Filters()
    sort = sort if sort in Sort.CHOICES else Sort.RELEVANCE
    page = min(max(int(page or 1), 1), MAX_PAGE)
    results = SearchResults(query=query, filters=filters, sort=sort, page=page, per_page=per_page)
    engine = get_engine()
    terms = query_terms(query)
    base = EngineQuery(
        terms=terms,
        filters=filters,
        visibilities=visibilities_for(viewer),
        language=reader_language(language),
        now=now or timezone.now(),
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    found = engine.search(base)
    if terms and found.total == 0:
        found, terms = _corrected(engine, base, query, results) or (found, terms)
    if terms and found.total == 0 and len(terms) > 1:
        retry = engine.search(replace(base, terms=terms, match=Match.ANY))
        if retry.total:
            found, results.partial = retry, True
    results.total = found.total
    results.hits = _hits(found.keys, terms, base.language)
    results.facets = _facets(found, filters)
    if found.total == 0:
        results.related_tags = related_tags(terms, viewer=viewer, language=base.language)
    return results


HIT_COLUMNS = [
    "key", "type", "title", "summary", "body", "url", "urls", "date",
    "district_id", "status", "popularity", "language",
]  # fmt: skip


def _document_url(url: str, urls: dict, language: str) -> str:
    return urls.get(language) or url


def _corrected(engine, base: EngineQuery, query: str, results: SearchResults):
    """The first spelling correction that finds something: (found, terms), noted on
    `results`; else None, with the corrections offered as suggestions."""
    ways = spelling.corrections(engine, base.terms)
    for corrections in ways:
        corrected = tuple(Term.of(corrections.get(t.word, t.word)) for t in base.terms)
        retry = engine.search(replace(base, terms=corrected))
        if retry.total:
            results.corrected_query = _corrected_text(query, corrections)
            return retry, corrected
    results.suggestions = [_corrected_text(query, corrections) for corrections in ways[:1]]
    return None


def _hits(keys: list[str], terms: tuple[Term, ...], language: str) -> list[Hit]:
    """The page of hits in the engine's order, read straight from the table (columns only:
    this runs on every search)."""
    rows = SearchDocument.objects.filter(key__in=keys).values(*HIT_COLUMNS)
    by_key = {row["key"]: row for row in rows}
    hits = []
    with translation.override(language):
        types = {value: str(label) for value, label in DocumentType.choices}
        statuses = {value: str(label) for value, label in status_labels().items()}
        districts = {pk: district.name for pk, district in lookups.districts().items()}
        for key in keys:
            row = by_key.get(key)
            if row is None:
                continue
            hits.append(
                Hit(
                    key=key,
                    type=row["type"],
                    type_label=types.get(row["type"], row["type"]),
                    title=highlight.highlight(row["title"], terms),
                    url=_document_url(row["url"], row["urls"], language),
                    snippet=highlight.snippet(
                        summary=row["summary"], body=row["body"], terms=terms
                    ),
                    date=row["date"],
                    district=districts.get(row["district_id"], ""),
                    status=row["status"],
                    status_label=statuses.get(row["status"], ""),
                    popularity=row["popularity"],
                    popularity_label=popularity_label(row["type"], row["popularity"]),
                    language=row["language"],
                )
            )
    return hits


def popularity_label(type_: str, popularity: int) -> str:
    """What a document's popularity means for its kind ("25 signatures"), if it is shown."""
    label = POPULARITY_LABELS.get(type_)
    return label % {"count": popularity} if label and popularity else ""


def _type_label(value: str) -> str:
    try:
        return DocumentType(value).label
    except ValueError:
        return value


def _facets(found: EngineResult, filters: Filters) -> list[Facet]:
    """Facet values with their counts, labelled; selected values stay even at zero."""
    districts = {district.slug: district for district in lookups.districts().values()}
    statuses = status_labels()
    counts = {name: dict(found.facets.get(name, {})) for name in FACETS}
    for name in FACETS:
        for value in filters.selected(name):
            counts[name].setdefault(value, 0)
    tag_names = lookups.tag_names(list(counts["tag"]))
    type_order = {value: i for i, value in enumerate(DocumentType.values)}
    labels = {
        "type": lambda v: str(_type_label(v)),
        "district": lambda v: districts[v].name if v in districts else v,
        "status": lambda v: str(statuses.get(v, v)),
        "tag": lambda v: tag_names.get(v, v),
    }
    orders = {
        "type": lambda item: (type_order.get(item[0], 99), item[0]),
        "district": lambda item: (districts[item[0]].sort_order if item[0] in districts else 99,),
        "status": lambda item: (-item[1], item[0]),
        "tag": lambda item: (-item[1], item[0]),
    }
    facets = []
    for name in FACETS:
        values = [
            FacetValue(
                value=value,
                label=labels[name](value),
                count=count,
                selected=value in filters.selected(name),
            )
            for value, count in sorted(counts[name].items(), key=orders[name])
        ]
        facets.append(Facet(name=name, label=str(FACET_LABELS[name]), values=values))
    return facets


def _visible_tags(*, viewer, language: str):
    """Tags of documents the viewer may find, in the reader's language."""
    used = DocumentTag.objects.filter(
        document__visibility__in=visibilities_for(viewer),
        document__languages__contains=f"|{language}|",
    )
    return SearchTag.objects.filter(pk__in=used.values("tag_id"))


def related_tags(terms, *, viewer=None, language: str = "uk") -> list[tuple[str, str]]:
    """Tags whose names share a word with the query, else the most used tags."""
    matching = [
        (slug, name)
        for slug, name in _visible_tags(viewer=viewer, language=language)
        .order_by("name")
        .values_list("slug", "name")[:2000]
        if any(word.startswith(term.stem) for term in terms for word in words(name))
    ]
    return matching[:SUGGESTED_TAGS] or popular_tags(viewer=viewer, language=language)


def popular_tags(*, viewer=None, language: str = "uk") -> list[tuple[str, str]]:
    """The most used tags: topics to suggest on an empty search page (cached briefly)."""
    visibilities = visibilities_for(viewer)
    cache_key = f"search:popular-tags:{language}:{','.join(visibilities)}"
    tags = cache.get(cache_key)
    if tags is None:
        rows = (
            DocumentTag.objects.filter(
                document__visibility__in=visibilities,
                document__languages__contains=f"|{language}|",
            )
            .values("tag__slug", "tag__name")
            .annotate(n=Count("document"))
            .order_by("-n", "tag__name")[:SUGGESTED_TAGS]
        )
        tags = [(row["tag__slug"], row["tag__name"]) for row in rows]
        cache.set(cache_key, tags, 300)
    return tags


def suggested_topics(*, viewer=None, language: str | None = None, limit: int = 6) -> list[Hit]:
    """Topic pages to start from when the search box is still empty."""
    language = reader_language(language)
    keys = list(
        SearchDocument.objects.filter(
            type=DocumentType.TOPIC,
            visibility__in=visibilities_for(viewer),
            languages__contains=f"|{language}|",
        )
        .order_by("-popularity", "title")
        .values_list("key", flat=True)[:limit]
    )
    return _hits(keys, (), language)


def autocomplete_titles(
    *, text: str, viewer=None, language: str | None = None, limit: int = AUTOCOMPLETE_LIMIT
) -> list[dict]:
    """Titles that begin words with what has been typed so far, for the search box."""
    if len(normalize(text).strip()) < 2:
        return []
    language = reader_language(language)
    keys = get_engine().autocomplete(
        terms=query_terms(text, limit=6),
        visibilities=visibilities_for(viewer),
        language=language,
        limit=limit,
    )
    documents = {d.key: d for d in SearchDocument.objects.filter(key__in=keys)}
    suggestions = []
    with translation.override(language):
        for key in keys:
            document = documents.get(key)
            if document is None:
                continue
            url = _document_url(document.url, document.urls, language)
            suggestions.append(
                {"title": document.title, "url": url, "type": str(_type_label(document.type))}
            )
    return suggestions
