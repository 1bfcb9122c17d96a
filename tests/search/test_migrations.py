"""Migrations of the search tables that move data."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_tag_ids_are_filled_from_the_tag_rows_of_documents_indexed_before_them():
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0002_fulltext")])
    old = executor.loader.project_state([("search", "0002_fulltext")]).apps
    document = old.get_model("search", "SearchDocument").objects.create(
        key="tests.document:1", source="tests.document", type="guide", title="Ліфти",
        url="/test/1/", language="uk", languages="|uk|",
    )  # fmt: skip
    tags = [
        old.get_model("search", "SearchTag").objects.create(slug=slug, name=slug)
        for slug in ("lifty", "osbb")
    ]
    for tag in tags:
        old.get_model("search", "DocumentTag").objects.create(document=document, tag=tag)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from search.models import SearchDocument

    assert SearchDocument.objects.get(pk=document.pk).tag_ids == sorted(t.pk for t in tags)
