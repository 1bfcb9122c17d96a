"""What the Elasticsearch engine sends: the index definition and every request body.

Pure functions from our query values to JSON, built with elasticsearch-dsl, so the tests can
compare each body with the expected JSON without a server.

Analysis. Elasticsearch has no Ukrainian analyzer without the `analysis-ukrainian` plugin, and
a site should not need a plugin to run. So every text field is indexed three ways:

- `spilno_text` (standard tokenizer, one apostrophe, lower case): exact words;
- `.prefix`, the same plus edge n-grams (2-20 letters): a query word's light stem, cut by
  `search.text.stem` exactly as for the database engine, matches every word it begins, which
  is how "ліфтом" finds "ліфта" and "ліфтів" with no stemmer;
- `.en`, Elasticsearch's `english` analyzer: English stemming for English content.

With `SEARCH_ELASTICSEARCH_UKRAINIAN=True` (the plugin installed), a `.uk` subfield with the
plugin's dictionary-based `ukrainian` analyzer joins the query as well.
"""

from django.conf import settings

from elasticsearch_dsl import (
    A,
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.query import FACETS, EngineQuery, Filters, Match, Sort
from search.text import Term

TEXT_FIELDS = {"title": 10, "tag_names": 6, "summary": 4, "body": 1}
MAX_GRAM = 20
FACET_FIELDS = {"type": "type", "tag": "tags", "district": "district", "status": "status"}

APOSTROPHE = char_filter(
    "spilno_apostrophe", type="mapping", mappings=["'=>ʼ", "’=>ʼ", "‘=>ʼ", "`=>ʼ"]
)
TEXT = analyzer("spilno_text", tokenizer="standard", char_filter=[APOSTROPHE], filter=["lowercase"])
PREFIX = analyzer(
    "spilno_prefix",
    tokenizer="standard",
    char_filter=[APOSTROPHE],
    filter=[
        "lowercase",
        token_filter("spilno_edge", type="edge_ngram", min_gram=2, max_gram=MAX_GRAM),
    ],
)

# Undated documents keep their score; dated ones get up to ×1.3 for being recent, fading over
# a year or two: the same formula as the database engine.
RANKING_SCRIPT = (
    "double r = 1.0; "
    "if (doc['date'].size() != 0) { "
    "double age = Math.max(0, params.now - doc['date'].value.toInstant().toEpochMilli()) "
    "/ 86400000.0; r = 1.0 + 0.3 / (1.0 + age / 180.0); } "
    "return doc['boost'].value * r;"
)


def ukrainian_plugin() -> bool:
    return getattr(settings, "SEARCH_ELASTICSEARCH_UKRAINIAN", False)


def _text_field(*, vocabulary: bool) -> Text:
    subfields = {
        "prefix": Text(analyzer=PREFIX, search_analyzer=TEXT),
        "en": Text(analyzer="english"),
    }
    if ukrainian_plugin():
        subfields["uk"] = Text(analyzer="ukrainian")
    extra = {"copy_to": "vocabulary"} if vocabulary else {}
    return Text(analyzer=TEXT, fields=subfields, **extra)


def index_definition(name: str) -> dict:
    """Settings and mappings of a new index (`name` is the timestamped index, not the alias)."""
    mapping = Mapping()
    for field in ("title", "tag_names", "summary"):
        mapping.field(field, _text_field(vocabulary=True))
    mapping.field("body", _text_field(vocabulary=False))
    mapping.field("vocabulary", Text(analyzer=TEXT))
    for field in ("key", "type", "tags", "district", "status", "visibility", "language"):
        mapping.field(field, Keyword())
    mapping.field("languages", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field("urls", Object(enabled=False))
    mapping.field("date", Date())
    mapping.field("popularity", Integer())
    mapping.field("boost", Float())
    index = Index(name)
    index.settings(number_of_shards=1)
    index.mapping(mapping)
    return index.to_dict()


def _fields(suffix: str = "") -> list[str]:
    return [f"{field}{suffix}^{weight}" for field, weight in TEXT_FIELDS.items()]


def term_query(term: Term) -> Q:
    """A document matches a term by the exact word, a word its stem begins, or English
    stemming."""
    should = [
        Q("multi_match", query=term.word, fields=_fields()),
        Q("multi_match", query=term.stem[:MAX_GRAM], fields=_fields(".prefix")),
        Q("multi_match", query=term.word, fields=_fields(".en")),
    ]
    if ukrainian_plugin():
        should.append(Q("multi_match", query=term.word, fields=_fields(".uk")))
    return Q("bool", should=should, minimum_should_match=1)


def visible(visibilities, language: str) -> list[Q]:
    return [Q("terms", visibility=list(visibilities)), Q("term", languages=language)]


def facet_filters(filters: Filters, *, skip: str = "") -> list[Q]:
    return [
        Q("terms", **{FACET_FIELDS[facet]: list(filters.selected(facet))})
        for facet in FACETS
        if facet != skip and filters.selected(facet)
    ]


def _sort(sort: str) -> list:
    if sort == Sort.NEWEST:
        return [{"date": {"order": "desc", "missing": "_last"}}, {"key": "desc"}]
    if sort == Sort.POPULAR:
        return [{"popularity": "desc"}, "_score", {"key": "desc"}]
    return ["_score", {"key": "desc"}]


def search_body(query: EngineQuery) -> dict:
    """One request: hits (keys only), exact total, and each facet counted with the other
    facets' filters (the aggregations) while the hits get all of them (post_filter)."""
    terms = [term_query(term) for term in query.terms]
    if not terms:
        text = Q("match_all")
    elif query.match == Match.ALL:
        text = Q("bool", must=terms)
    else:
        text = Q("bool", should=terms, minimum_should_match=1)
    scored = Q(
        "function_score",
        query=Q("bool", must=[text], filter=visible(query.visibilities, query.language)),
        functions=[
            {
                "script_score": {
                    "script": {
                        "source": RANKING_SCRIPT,
                        "params": {"now": int(query.now.timestamp() * 1000)},
                    }
                }
            }
        ],
        boost_mode="multiply",
    )
    search = Search().query(scored).source(False).extra(track_total_hits=True)
    search = search[query.offset : query.offset + query.limit].sort(*_sort(query.sort))
    selected = facet_filters(query.filters)
    if selected:
        search = search.post_filter(Q("bool", filter=selected))
    for facet in FACETS:
        others = facet_filters(query.filters, skip=facet)
        scope = Q("bool", filter=others) if others else Q("match_all")
        bucket = search.aggs.bucket(facet, A("filter", filter=scope))
        bucket.bucket("values", A("terms", field=FACET_FIELDS[facet], size=query.facet_size))
        chosen = query.filters.selected(facet)
        if chosen:
            bucket.bucket(
                "selected",
                A("terms", field=FACET_FIELDS[facet], include=list(chosen), size=len(chosen)),
            )
    return search.to_dict()


def autocomplete_body(terms, *, visibilities, language: str, limit: int) -> dict:
    stems = " ".join(term.stem[:MAX_GRAM] for term in terms)
    text = Q("match", **{"title.prefix": {"query": stems, "operator": "and"}})
    search = Search().query(Q("bool", must=[text], filter=visible(visibilities, language)))
    search = search.source(False).sort("_score", {"popularity": "desc"}, {"key": "desc"})
    return search[:limit].to_dict()


def exists_body(term: Term) -> dict:
    search = Search().query(Q("multi_match", query=term.stem[:MAX_GRAM], fields=_fields(".prefix")))
    return search.extra(size=0, terminate_after=1, track_total_hits=True).to_dict()


def suggest_body(word: str, *, limit: int) -> dict:
    """Elasticsearch's term suggester over the same vocabulary the database engine keeps:
    words of titles, summaries and tags."""
    options = {
        "field": "vocabulary",
        "suggest_mode": "always",
        "size": limit,
        "max_edits": 2,
        "prefix_length": 0,
        "min_word_length": 3,
    }
    return Search().extra(size=0).suggest("words", word, term=options).to_dict()


def document_body(document, *, tags: list[tuple[str, str]], district: str | None) -> dict:
    """A `SearchDocument` row as stored in Elasticsearch (its `_id` is the key)."""
    return {
        "key": document.key,
        "type": document.type,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "tag_names": [name for _, name in tags],
        "tags": [slug for slug, _ in tags],
        "district": district,
        "status": document.status,
        "date": document.date.isoformat() if document.date else None,
        "popularity": document.popularity,
        "boost": document.boost,
        "url": document.url,
        "urls": document.urls,
        "visibility": document.visibility,
        "language": document.language,
        "languages": [code for code in document.languages.split("|") if code],
    }


def alias_actions(*, alias: str, new_index: str, old_indices: list[str]) -> list[dict]:
    """One atomic alias update: readers go from the old index to the new one at once."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indices)]
    actions.append({"add": {"index": new_index, "alias": alias, "is_write_index": True}})
    return actions
