"""Whole-database snapshots for the test suite: take the state of the test database once, put it
back in a fraction of a second. The demo city is seeded once per test process and restored for
each module that reads it, instead of being seeded again (tens of seconds) every time.

SQLite copies the whole file with its online backup API, so virtual tables (the search index)
and the id counters come back as they were. PostgreSQL keeps each snapshot as a copy of every
table in a schema of its own in the same database: restoring is a TRUNCATE and one
INSERT … SELECT per table with triggers (and so foreign-key checks) off, all on the server.
Sequences are not restored there: they keep counting, so rows made after a restore never take
an id that a restored row holds (as Django's TransactionTestCase flush does)."""

import sqlite3

from django.db.backends.base.base import BaseDatabaseWrapper

_sqlite_copies: dict[tuple[str, str], sqlite3.Connection] = {}


def snapshot_take(*, connection: BaseDatabaseWrapper, name: str) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _sqlite_copies[(connection.alias, name)] = copy
        return
    schema = _schema(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in _tables(cursor):
            cursor.execute(f'CREATE TABLE {schema}."{table}" AS TABLE public."{table}"')


def snapshot_restore(*, connection: BaseDatabaseWrapper, name: str) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        _sqlite_copies[(connection.alias, name)].backup(connection.connection)
        return
    schema = _schema(name)
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        cursor.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t in tables))
        # Rows go back in table order, not in the order of their foreign keys: the checks
        # (triggers) are off for this session while they do, as pg_restore does with
        # --disable-triggers. The rows were consistent when the snapshot was taken.
        cursor.execute("SET session_replication_role = replica")
        try:
            for table in tables:
                columns = _writable_columns(cursor, table)
                # Names from the catalogue, never from input.
                insert = f'INSERT INTO public."{table}" ({columns}) '
                insert += f'SELECT {columns} FROM {schema}."{table}"'  # noqa: S608
                cursor.execute(insert)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def _schema(name: str) -> str:
    assert name.isidentifier(), name
    return f"test_snapshot_{name}"


def _tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _writable_columns(cursor, table: str) -> str:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s AND is_generated = 'NEVER' "
        "ORDER BY ordinal_position",
        [table],
    )
    return ", ".join(f'"{row[0]}"' for row in cursor.fetchall())
