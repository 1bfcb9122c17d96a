"""The Elasticsearch engine's index, documents and alias switch, compared with the JSON it
must send (no server needed)."""

import datetime

from django.utils import timezone

from search.engines import elasticsearch_body as body
from search.models import SearchDocument
from search.text import Term


def test_the_index_has_ukrainian_friendly_prefix_and_english_analysis():
    assert body.index_definition("spilno_search-20260101000000") == {
        "settings": {
            "number_of_shards": 1,
            "analysis": {
                "analyzer": {
                    "spilno_text": {
                        "tokenizer": "standard",
                        "char_filter": ["spilno_apostrophe"],
                        "filter": ["lowercase"],
                        "type": "custom",
                    },
                    "spilno_prefix": {
                        "tokenizer": "standard",
                        "char_filter": ["spilno_apostrophe"],
                        "filter": ["lowercase", "spilno_edge"],
                        "type": "custom",
                    },
                },
                "char_filter": {
                    "spilno_apostrophe": {
                        "mappings": ["'=>ʼ", "’=>ʼ", "‘=>ʼ", "`=>ʼ"],
                        "type": "mapping",
                    }
                },
                "filter": {"spilno_edge": {"min_gram": 2, "max_gram": 20, "type": "edge_ngram"}},
            },
        },
        "mappings": {
            "properties": {
                "title": {
                    "analyzer": "spilno_text",
                    "copy_to": "vocabulary",
                    "fields": {
                        "prefix": {
                            "analyzer": "spilno_prefix",
                            "search_analyzer": "spilno_text",
                            "type": "text",
                        },
                        "en": {"analyzer": "english", "type": "text"},
                    },
                    "type": "text",
                },
                "tag_names": {
                    "analyzer": "spilno_text",
                    "copy_to": "vocabulary",
                    "fields": {
                        "prefix": {
                            "analyzer": "spilno_prefix",
                            "search_analyzer": "spilno_text",
                            "type": "text",
                        },
                        "en": {"analyzer": "english", "type": "text"},
                    },
                    "type": "text",
                },
                "summary": {
                    "analyzer": "spilno_text",
                    "copy_to": "vocabulary",
                    "fields": {
                        "prefix": {
                            "analyzer": "spilno_prefix",
                            "search_analyzer": "spilno_text",
                            "type": "text",
                        },
                        "en": {"analyzer": "english", "type": "text"},
                    },
                    "type": "text",
                },
                "body": {
                    "analyzer": "spilno_text",
                    "fields": {
                        "prefix": {
                            "analyzer": "spilno_prefix",
                            "search_analyzer": "spilno_text",
                            "type": "text",
                        },
                        "en": {"analyzer": "english", "type": "text"},
                    },
                    "type": "text",
                },
                "vocabulary": {"analyzer": "spilno_text", "type": "text"},
                "key": {"type": "keyword"},
                "type": {"type": "keyword"},
                "tags": {"type": "keyword"},
                "district": {"type": "keyword"},
                "status": {"type": "keyword"},
                "visibility": {"type": "keyword"},
                "language": {"type": "keyword"},
                "languages": {"type": "keyword"},
                "url": {"index": False, "type": "keyword"},
                "urls": {"enabled": False, "type": "object"},
                "date": {"type": "date"},
                "popularity": {"type": "integer"},
                "boost": {"type": "float"},
            }
        },
    }


def test_a_rebuild_moves_the_alias_in_one_atomic_request():
    actions = body.alias_actions(
        alias="spilno_search",
        new_index="spilno_search-2",
        old_indices=["spilno_search-1", "spilno_search-0"],
    )

    assert actions == [
        {"remove": {"index": "spilno_search-0", "alias": "spilno_search"}},
        {"remove": {"index": "spilno_search-1", "alias": "spilno_search"}},
        {"add": {"index": "spilno_search-2", "alias": "spilno_search", "is_write_index": True}},
    ]


def test_a_document_is_sent_with_tags_district_and_reader_languages():
    document = SearchDocument(
        key="petitions.petition:7",
        type="petition",
        title="Полагодити ліфт",
        summary="Ліфт стоїть.",
        body="Третій тиждень.",
        status="open",
        date=timezone.make_aware(datetime.datetime(2025, 5, 1, 12, 0), datetime.UTC),
        popularity=42,
        boost=SearchDocument.boost_for(42),
        url="/petitions/7/",
        urls={"en": "/en/petitions/7/"},
        visibility="public",
        language="uk",
        languages="|uk|en|",
    )

    sent = body.document_body(document, tags=[("lifty", "Ліфти")], district="podilskyi")

    assert sent == {
        "key": "petitions.petition:7",
        "type": "petition",
        "title": "Полагодити ліфт",
        "summary": "Ліфт стоїть.",
        "body": "Третій тиждень.",
        "tag_names": ["Ліфти"],
        "tags": ["lifty"],
        "district": "podilskyi",
        "status": "open",
        "date": "2025-05-01T12:00:00+00:00",
        "popularity": 42,
        "boost": 1.3761,
        "url": "/petitions/7/",
        "urls": {"en": "/en/petitions/7/"},
        "visibility": "public",
        "language": "uk",
        "languages": ["uk", "en"],
    }


def test_the_ukrainian_plugin_adds_its_analyzer_only_when_configured(settings):
    settings.SEARCH_ELASTICSEARCH_UKRAINIAN = True

    mapping = body.index_definition("x")["mappings"]["properties"]["title"]["fields"]
    query = body.term_query(Term.of("ліфтом")).to_dict()

    assert mapping["uk"] == {"analyzer": "ukrainian", "type": "text"}
    assert query["bool"]["should"][-1] == {
        "multi_match": {
            "query": "ліфтом",
            "fields": ["title.uk^10", "tag_names.uk^6", "summary.uk^4", "body.uk^1"],
        }
    }
