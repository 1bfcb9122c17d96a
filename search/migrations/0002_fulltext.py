"""Full-text indexes the database keeps in step with the table itself.

SQLite: an FTS5 table over (title, summary, tag_names, body) with `search_searchdocument` as
its external content, kept in sync by triggers (so bulk writes and deletes are covered too),
and an FTS5 trigram table over the spelling vocabulary.

PostgreSQL: pg_trgm; a stored generated tsvector, weighted title A, tags and summary B,
body C, under the 'simple' configuration (lower case, no stemming: search.text does
Ukrainian-friendly prefix matching instead), with a GIN index; a trigram index on the
vocabulary.

A later migration that alters search_searchdocument on SQLite rebuilds the table and drops
its triggers: it must run `sqlite_forward` again.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, tag_names, body,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, summary, tag_names, body)
        VALUES (new.id, new.title, new.summary, new.tag_names, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, tag_names, body)
        VALUES ('delete', old.id, old.title, old.summary, old.tag_names, old.body);
    END""",
    """CREATE TRIGGER search_fts_update
        AFTER UPDATE OF title, summary, tag_names, body ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, tag_names, body)
        VALUES ('delete', old.id, old.title, old.summary, old.tag_names, old.body);
        INSERT INTO search_fts(rowid, title, summary, tag_names, body)
        VALUES (new.id, new.title, new.summary, new.tag_names, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    """CREATE VIRTUAL TABLE search_term_trgm USING fts5(
        term, content='search_searchterm', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER search_term_trgm_insert AFTER INSERT ON search_searchterm BEGIN
        INSERT INTO search_term_trgm(rowid, term) VALUES (new.id, new.term);
    END""",
    """CREATE TRIGGER search_term_trgm_delete AFTER DELETE ON search_searchterm BEGIN
        INSERT INTO search_term_trgm(search_term_trgm, rowid, term)
        VALUES ('delete', old.id, old.term);
    END""",
    """CREATE TRIGGER search_term_trgm_update AFTER UPDATE OF term ON search_searchterm BEGIN
        INSERT INTO search_term_trgm(search_term_trgm, rowid, term)
        VALUES ('delete', old.id, old.term);
        INSERT INTO search_term_trgm(rowid, term) VALUES (new.id, new.term);
    END""",
    "INSERT INTO search_term_trgm(search_term_trgm) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TRIGGER IF EXISTS search_term_trgm_insert",
    "DROP TRIGGER IF EXISTS search_term_trgm_delete",
    "DROP TRIGGER IF EXISTS search_term_trgm_update",
    "DROP TABLE IF EXISTS search_term_trgm",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(tag_names, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(summary, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(body, '')), 'C')
        ) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def sqlite_forward(apps, schema_editor):
    _run({"sqlite": SQLITE_FORWARD})(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
