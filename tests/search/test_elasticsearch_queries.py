"""The Elasticsearch engine's search requests, compared with the JSON it must send (no server
needed)."""

import datetime

from search.engines import elasticsearch_body as body
from search.query import EngineQuery, Filters, Match, Sort
from search.text import Term

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
RANKING = body.RANKING_SCRIPT


def test_a_filtered_second_page_counts_each_facet_without_its_own_filter():
    query = EngineQuery(
        terms=(Term.of("ліфтом"),),
        filters=Filters(type=("petition",), district=("podilskyi",)),
        visibilities=("public",),
        language="uk",
        now=NOW,
        sort=Sort.RELEVANCE,
        offset=20,
        limit=20,
    )

    assert body.search_body(query) == {
        "query": {
            "function_score": {
                "boost_mode": "multiply",
                "functions": [
                    {
                        "script_score": {
                            "script": {
                                "source": RANKING,
                                "params": {"now": 1767225600000},
                            }
                        }
                    }
                ],
                "query": {
                    "bool": {
                        "filter": [
                            {"terms": {"visibility": ["public"]}},
                            {"term": {"languages": "uk"}},
                        ],
                        "must": [
                            {
                                "bool": {
                                    "must": [
                                        {
                                            "bool": {
                                                "minimum_should_match": 1,
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфтом",
                                                            "fields": [
                                                                "title^10",
                                                                "tag_names^6",
                                                                "summary^4",
                                                                "body^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфт",
                                                            "fields": [
                                                                "title.prefix^10",
                                                                "tag_names.prefix^6",
                                                                "summary.prefix^4",
                                                                "body.prefix^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфтом",
                                                            "fields": [
                                                                "title.en^10",
                                                                "tag_names.en^6",
                                                                "summary.en^4",
                                                                "body.en^1",
                                                            ],
                                                        }
                                                    },
                                                ],
                                            }
                                        }
                                    ]
                                }
                            }
                        ],
                    }
                },
            }
        },
        "post_filter": {
            "bool": {
                "filter": [
                    {"terms": {"type": ["petition"]}},
                    {"terms": {"district": ["podilskyi"]}},
                ]
            }
        },
        "aggs": {
            "type": {
                "filter": {"bool": {"filter": [{"terms": {"district": ["podilskyi"]}}]}},
                "aggs": {
                    "values": {"terms": {"field": "type", "size": 30}},
                    "selected": {"terms": {"field": "type", "include": ["petition"], "size": 1}},
                },
            },
            "tag": {
                "filter": {
                    "bool": {
                        "filter": [
                            {"terms": {"type": ["petition"]}},
                            {"terms": {"district": ["podilskyi"]}},
                        ]
                    }
                },
                "aggs": {"values": {"terms": {"field": "tags", "size": 30}}},
            },
            "district": {
                "filter": {"bool": {"filter": [{"terms": {"type": ["petition"]}}]}},
                "aggs": {
                    "values": {"terms": {"field": "district", "size": 30}},
                    "selected": {
                        "terms": {"field": "district", "include": ["podilskyi"], "size": 1}
                    },
                },
            },
            "status": {
                "filter": {
                    "bool": {
                        "filter": [
                            {"terms": {"type": ["petition"]}},
                            {"terms": {"district": ["podilskyi"]}},
                        ]
                    }
                },
                "aggs": {"values": {"terms": {"field": "status", "size": 30}}},
            },
        },
        "sort": ["_score", {"key": "desc"}],
        "track_total_hits": True,
        "from": 20,
        "size": 20,
        "_source": False,
    }


def test_any_word_newest_first_for_a_signed_in_english_reader():
    query = EngineQuery(
        terms=(Term.of("ліфт"), Term.of("зламаний")),
        filters=Filters(),
        visibilities=("public", "residents"),
        language="en",
        now=NOW,
        sort=Sort.NEWEST,
        match=Match.ANY,
    )

    assert body.search_body(query) == {
        "query": {
            "function_score": {
                "boost_mode": "multiply",
                "functions": [
                    {
                        "script_score": {
                            "script": {
                                "source": RANKING,
                                "params": {"now": 1767225600000},
                            }
                        }
                    }
                ],
                "query": {
                    "bool": {
                        "filter": [
                            {"terms": {"visibility": ["public", "residents"]}},
                            {"term": {"languages": "en"}},
                        ],
                        "must": [
                            {
                                "bool": {
                                    "minimum_should_match": 1,
                                    "should": [
                                        {
                                            "bool": {
                                                "minimum_should_match": 1,
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфт",
                                                            "fields": [
                                                                "title^10",
                                                                "tag_names^6",
                                                                "summary^4",
                                                                "body^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфт",
                                                            "fields": [
                                                                "title.prefix^10",
                                                                "tag_names.prefix^6",
                                                                "summary.prefix^4",
                                                                "body.prefix^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "ліфт",
                                                            "fields": [
                                                                "title.en^10",
                                                                "tag_names.en^6",
                                                                "summary.en^4",
                                                                "body.en^1",
                                                            ],
                                                        }
                                                    },
                                                ],
                                            }
                                        },
                                        {
                                            "bool": {
                                                "minimum_should_match": 1,
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "зламаний",
                                                            "fields": [
                                                                "title^10",
                                                                "tag_names^6",
                                                                "summary^4",
                                                                "body^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "зламан",
                                                            "fields": [
                                                                "title.prefix^10",
                                                                "tag_names.prefix^6",
                                                                "summary.prefix^4",
                                                                "body.prefix^1",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "зламаний",
                                                            "fields": [
                                                                "title.en^10",
                                                                "tag_names.en^6",
                                                                "summary.en^4",
                                                                "body.en^1",
                                                            ],
                                                        }
                                                    },
                                                ],
                                            }
                                        },
                                    ],
                                }
                            }
                        ],
                    }
                },
            }
        },
        "aggs": {
            "type": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "type", "size": 30}}},
            },
            "tag": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "tags", "size": 30}}},
            },
            "district": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "district", "size": 30}}},
            },
            "status": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "status", "size": 30}}},
            },
        },
        "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"key": "desc"}],
        "track_total_hits": True,
        "from": 0,
        "size": 20,
        "_source": False,
    }


def test_autocomplete_matches_title_prefixes_of_every_word():
    request = body.autocomplete_body(
        (Term.of("як"), Term.of("створити")), visibilities=("public",), language="uk", limit=8
    )

    assert request == {
        "query": {
            "bool": {
                "filter": [{"terms": {"visibility": ["public"]}}, {"term": {"languages": "uk"}}],
                "must": [{"match": {"title.prefix": {"query": "як створ", "operator": "and"}}}],
            }
        },
        "sort": ["_score", {"popularity": "desc"}, {"key": "desc"}],
        "size": 8,
        "_source": False,
    }


def test_a_word_is_known_if_its_stem_begins_any_indexed_word():
    assert body.exists_body(Term.of("ліфтами")) == {
        "query": {
            "multi_match": {
                "query": "ліфт",
                "fields": [
                    "title.prefix^10",
                    "tag_names.prefix^6",
                    "summary.prefix^4",
                    "body.prefix^1",
                ],
            }
        },
        "size": 0,
        "terminate_after": 1,
        "track_total_hits": True,
    }


def test_spelling_candidates_come_from_the_term_suggester_over_the_vocabulary():
    assert body.suggest_body("лфіт", limit=50) == {
        "size": 0,
        "suggest": {
            "words": {
                "text": "лфіт",
                "term": {
                    "field": "vocabulary",
                    "suggest_mode": "always",
                    "size": 50,
                    "max_edits": 2,
                    "prefix_length": 0,
                    "min_word_length": 3,
                },
            }
        },
    }
