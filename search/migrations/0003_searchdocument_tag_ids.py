"""`SearchDocument.tag_ids`: each document's tag ids on its own row, filled from DocumentTag.

The column is added with plain SQL: Django would add a NOT NULL column with a default on
SQLite by rebuilding the table, which drops the full-text triggers of migration 0002.
"""

from django.db import migrations, models

ADD = {
    "sqlite": [
        "ALTER TABLE search_searchdocument ADD COLUMN tag_ids text NOT NULL DEFAULT '[]' "
        "CHECK (JSON_VALID(tag_ids))"
    ],
    "postgresql": [
        "ALTER TABLE search_searchdocument ADD COLUMN tag_ids jsonb NOT NULL DEFAULT '[]'",
        "ALTER TABLE search_searchdocument ALTER COLUMN tag_ids DROP DEFAULT",
    ],
}
DROP = "ALTER TABLE search_searchdocument DROP COLUMN tag_ids"


def add_column(apps, schema_editor):
    for sql in ADD[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


def drop_column(apps, schema_editor):
    schema_editor.execute(DROP)


def fill(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    DocumentTag = apps.get_model("search", "DocumentTag")
    tag_ids: dict[int, list[int]] = {}
    rows = DocumentTag.objects.order_by("document_id", "tag_id").values_list("document_id", "tag_id")
    for document_id, tag_id in rows.iterator(chunk_size=2000):
        tag_ids.setdefault(document_id, []).append(tag_id)
    documents = [SearchDocument(pk=pk, tag_ids=ids) for pk, ids in tag_ids.items()]
    SearchDocument.objects.bulk_update(documents, ["tag_ids"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_column, drop_column)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="tag_ids",
                    field=models.JSONField(
                        blank=True, default=list, help_text="Ids of its SearchTags."
                    ),
                ),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
