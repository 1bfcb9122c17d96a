"""The two full-text dialects of the database engine: SQLite FTS5 and PostgreSQL tsvector.

Each turns query terms into its own match syntax and gives the one SELECT that differs between
them, the matching rows with a score; everything around it (filters, facets, paging) is shared
SQL in `search.engines.database`. The indexes themselves are made in migration 0002.

SQL is assembled from fixed fragments and `%s` placeholders only; every value, the match
expression included, is a parameter (hence the `noqa: S608` marks).
"""

from collections.abc import Sequence
from datetime import datetime

from search.text import Term, trigrams

DOCUMENTS = "search_searchdocument"
COLUMNS = "d.id, d.type, d.district_id, d.status, d.date, d.popularity, d.tag_ids"


def _recency(sql_age_days: str) -> str:
    """×1.3 for something new, fading to ×1 over a year or two; undated things get ×1."""
    return (
        f"(CASE WHEN d.date IS NULL THEN 1.0 ELSE 1.0 + 0.3 / (1.0 + ({sql_age_days}) / 180.0) END)"
    )


def _visible(visibilities: Sequence[str]) -> tuple[str, list]:
    marks = ", ".join(["%s"] * len(visibilities))
    return f"d.visibility IN ({marks}) AND d.languages LIKE %s", list(visibilities)


class SqliteDialect:
    """FTS5 over (title, summary, tag_names, body), ranked by bm25 with per-column weights."""

    weights = "10.0, 4.0, 6.0, 1.0"
    # Each match's tag ids, one row per tag: `tag` is the id as an integer.
    match_tags = "CROSS JOIN json_each(m.tag_ids) j"
    match_tag = "j.value"
    statement_settings: list[str] = []

    @staticmethod
    def _quote(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    def term(self, term: Term, *, column: str = "") -> str:
        prefix = f"{column} : " if column else ""
        stem = f"{prefix}{self._quote(term.stem)}*"
        if term.word == term.stem:
            return stem
        return f"({prefix}{self._quote(term.word)} OR {stem})"

    def expression(self, terms: Sequence[Term], *, match_all: bool, column: str = "") -> str:
        joiner = " AND " if match_all else " OR "
        return joiner.join(self.term(term, column=column) for term in terms)

    @staticmethod
    def timestamp(now: datetime) -> str:
        return now.strftime("%Y-%m-%d %H:%M:%S")

    def matches(self, terms, *, match_all, visibilities, language, now) -> tuple[str, list]:
        visible, params = _visible(visibilities)
        recency = _recency("MAX(julianday(%s) - julianday(d.date), 0)")
        if not terms:
            sql = (
                f"SELECT {COLUMNS}, d.boost * {recency} AS score FROM {DOCUMENTS} d WHERE {visible}"  # noqa: S608
            )
            return sql, [self.timestamp(now), *params, f"%|{language}|%"]
        sql = (
            f"SELECT {COLUMNS}, -bm25(search_fts, {self.weights}) * d.boost * {recency} AS score "  # noqa: S608
            f"FROM search_fts JOIN {DOCUMENTS} d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {visible}"
        )
        expression = self.expression(terms, match_all=match_all)
        return sql, [self.timestamp(now), expression, *params, f"%|{language}|%"]

    def titles(self, terms, *, visibilities, language, limit) -> tuple[str, list]:
        visible, params = _visible(visibilities)
        sql = (
            f"SELECT d.key FROM search_fts JOIN {DOCUMENTS} d ON d.id = search_fts.rowid "  # noqa: S608
            f"WHERE search_fts MATCH %s AND {visible} "
            f"ORDER BY bm25(search_fts, {self.weights}) * d.boost, d.id LIMIT %s"
        )
        expression = self.expression(terms, match_all=True, column="title")
        return sql, [expression, *params, f"%|{language}|%", limit]

    def any_match(self, term: Term) -> tuple[str, list]:
        sql = "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1"
        return sql, [f"{self._quote(term.stem)}*"]

    def trigram_neighbours(self, word: str, *, limit: int) -> tuple[str, list] | None:
        grams = [gram for gram in trigrams(word) if " " not in gram]
        if not grams:
            return None
        sql = (
            "SELECT t.term FROM search_term_trgm "
            "JOIN search_searchterm t ON t.id = search_term_trgm.rowid "
            "WHERE search_term_trgm MATCH %s ORDER BY rank LIMIT %s"
        )
        return sql, [" OR ".join(self._quote(gram) for gram in grams), limit]

    def upkeep(self) -> list[str]:
        return [
            "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
            "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
            "INSERT INTO search_term_trgm(search_term_trgm) VALUES ('rebuild')",
        ]


class PostgresDialect:
    """A stored, weighted tsvector ('simple' configuration: lower case, no stemming) with a
    GIN index, ranked by ts_rank_cd; pg_trgm finds look-alike words for spelling."""

    match_tags = "CROSS JOIN LATERAL jsonb_array_elements_text(m.tag_ids) AS j(value)"
    match_tag = "CAST(j.value AS INTEGER)"
    # The faceted statement's estimated cost passes `jit_above_cost`; compiling it takes longer
    # than running it (bench/search.py: p50 about a quarter lower without), so not for it.
    statement_settings = ["SET LOCAL jit = off"]

    @staticmethod
    def _lexeme(text: str, suffix: str = "") -> str:
        return "'" + text.replace("'", "''").replace("\\", "") + "'" + suffix

    def term(self, term: Term, *, weight: str = "") -> str:
        stem = self._lexeme(term.stem, ":*" + weight)
        if term.word == term.stem:
            return stem
        return f"({self._lexeme(term.word, ':' + weight if weight else '')} | {stem})"

    def expression(self, terms: Sequence[Term], *, match_all: bool, weight: str = "") -> str:
        joiner = " & " if match_all else " | "
        return joiner.join(self.term(term, weight=weight) for term in terms)

    def matches(self, terms, *, match_all, visibilities, language, now) -> tuple[str, list]:
        visible, params = _visible(visibilities)
        age = "GREATEST(EXTRACT(EPOCH FROM (%s::timestamptz - d.date)) / 86400.0, 0)"
        recency = _recency(age)
        if not terms:
            sql = (
                f"SELECT {COLUMNS}, d.boost * {recency} AS score FROM {DOCUMENTS} d WHERE {visible}"  # noqa: S608
            )
            return sql, [now, *params, f"%|{language}|%"]
        sql = (
            f"SELECT {COLUMNS}, ts_rank_cd(d.search_vector, q.query) * d.boost * {recency} "  # noqa: S608
            f"AS score FROM {DOCUMENTS} d CROSS JOIN to_tsquery('simple', %s) AS q(query) "
            f"WHERE d.search_vector @@ q.query AND {visible}"
        )
        expression = self.expression(terms, match_all=match_all)
        return sql, [now, expression, *params, f"%|{language}|%"]

    def titles(self, terms, *, visibilities, language, limit) -> tuple[str, list]:
        visible, params = _visible(visibilities)
        sql = (
            f"SELECT d.key FROM {DOCUMENTS} d CROSS JOIN to_tsquery('simple', %s) AS q(query) "  # noqa: S608
            f"WHERE d.search_vector @@ q.query AND {visible} "
            f"ORDER BY ts_rank_cd(d.search_vector, q.query) * d.boost DESC, d.id LIMIT %s"
        )
        expression = self.expression(terms, match_all=True, weight="A")
        return sql, [expression, *params, f"%|{language}|%", limit]

    def any_match(self, term: Term) -> tuple[str, list]:
        sql = f"SELECT 1 FROM {DOCUMENTS} WHERE search_vector @@ to_tsquery('simple', %s) LIMIT 1"  # noqa: S608
        return sql, [self._lexeme(term.stem, ":*")]

    def trigram_neighbours(self, word: str, *, limit: int) -> tuple[str, list] | None:
        sql = (
            "SELECT term FROM search_searchterm WHERE term %% %s "
            "ORDER BY similarity(term, %s) DESC, term LIMIT %s"
        )
        return sql, [word, word, limit]

    def upkeep(self) -> list[str]:
        return [f"ANALYZE {DOCUMENTS}", "ANALYZE search_searchterm"]
