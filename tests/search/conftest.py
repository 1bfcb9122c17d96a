"""The engine under test: every contract test runs on the database engine, and on
Elasticsearch when ELASTICSEARCH_URL names a live cluster."""

import os
import uuid

import pytest

from search.engines import get_engine


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request, settings, db):
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            pytest.skip("needs a live Elasticsearch: set ELASTICSEARCH_URL to run")
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_ELASTICSEARCH_ALIAS = f"spilno_test_{uuid.uuid4().hex[:10]}"
    settings.SEARCH_ENGINE = request.param
    engine = get_engine()
    yield engine
    if request.param == "elasticsearch":
        engine.drop()


@pytest.fixture
def database_engine(settings, db):
    settings.SEARCH_ENGINE = "database"
    return get_engine()
