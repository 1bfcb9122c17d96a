"""The embedded engine: full-text search inside the site's own database.

One statement answers a search: the matching rows are computed once (a materialized CTE) and
read again for the total, each facet's counts and the page of hits, so a faceted search costs
little more than the plain full-text query it is built on (see `bench/search.py`).

SQL is assembled from fixed fragments and `%s` placeholders only; every value, the match
expression included, is a parameter (hence the `noqa: S608` marks).
"""

from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from search import lookups
from search.engines.dialects import PostgresDialect, SqliteDialect
from search.query import EngineQuery, EngineResult, Filters, Match, Sort
from search.text import Term

ORDER = {
    Sort.RELEVANCE: "{t}.score DESC, {t}.id DESC",
    Sort.NEWEST: "{t}.date DESC NULLS LAST, {t}.id DESC",
    Sort.POPULAR: "{t}.popularity DESC, {t}.score DESC, {t}.id DESC",
}
FIRST_LETTER_CANDIDATES = 500


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _where(filters: Filters, ids: dict[str, list[int]], *, skip: str = "") -> tuple[str, list]:
    """The WHERE clause over the matches `m` for every selected facet except `skip`;
    districts and tags are selected by slug and stored by id (`ids`)."""
    clauses, params = [], []
    if filters.type and skip != "type":
        clauses.append(f"m.type IN ({_marks(filters.type)})")
        params += filters.type
    if filters.district and skip != "district":
        clauses.append(f"m.district_id IN ({_marks(ids['district'])})")
        params += ids["district"]
    if filters.status and skip != "status":
        clauses.append(f"m.status IN ({_marks(filters.status)})")
        params += filters.status
    if filters.tag and skip != "tag":
        clauses.append(
            "EXISTS (SELECT 1 FROM search_documenttag t "  # noqa: S608
            f"WHERE t.document_id = m.id AND t.tag_id IN ({_marks(ids['tag'])}))"
        )
        params += ids["tag"]
    return (" AND ".join(clauses) or "1 = 1"), params


def _cube_group(value: str) -> tuple[str, str, str]:
    """ "petition|petition_open|3" → type, status, district id (status is the middle part and
    the only one that could hold a "|")."""
    type_, rest = value.split("|", 1)
    status, district = rest.rsplit("|", 1)
    return type_, status, district


def _cube_counts(cube: list[tuple], filters: Filters, ids: dict[str, list[int]]) -> EngineResult:
    """Total and type/status/district facet counts from counts per (type, status, district):
    a facet's count for a value sums the groups with that value that pass the *other*
    facets' filters. (Runs on every search: plain loops, no per-group dictionaries.)"""
    types, statuses = set(filters.type), set(filters.status)
    districts = {str(pk) for pk in ids["district"]}
    by_type: dict[str, int] = {}
    by_status: dict[str, int] = {}
    by_district: dict[str, int] = {}
    total = 0
    for type_, status, district, number in cube:
        type_ok = not types or type_ in types
        status_ok = not statuses or status in statuses
        district_ok = not districts or district in districts
        if type_ok and status_ok and district_ok:
            total += number
        if type_ and status_ok and district_ok:
            by_type[type_] = by_type.get(type_, 0) + number
        if status and type_ok and district_ok:
            by_status[status] = by_status.get(status, 0) + number
        if district and type_ok and status_ok:
            by_district[district] = by_district.get(district, 0) + number
    facets = {"type": by_type, "status": by_status, "district": by_district}
    return EngineResult(keys=[], total=total, facets=facets)


class DatabaseEngine:
    """SQLite FTS5 or PostgreSQL full-text search, whichever database the site runs on."""

    name = "database"

    @staticmethod
    def dialect() -> SqliteDialect | PostgresDialect:
        return SqliteDialect() if connection.vendor == "sqlite" else PostgresDialect()

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(self, query: EngineQuery) -> EngineResult:
        ids = {
            "district": lookups.district_ids(query.filters.district),
            "tag": lookups.tag_ids(query.filters.tag),
        }
        with transaction.atomic(), connection.cursor() as cursor:
            for setting in self.dialect().statement_settings:
                cursor.execute(setting)
            cursor.execute(*self.statement(query, ids))
            rows = cursor.fetchall()
        cube = [(*_cube_group(value), n) for kind, value, n in rows if kind == "cube"]
        result = _cube_counts(cube, query.filters, ids)
        districts = lookups.districts()
        result.facets["district"] = {
            districts[int(pk)].slug: n
            for pk, n in result.facets["district"].items()
            if int(pk) in districts
        }
        tag_counts = {int(value): n for kind, value, n in rows if kind == "tag"}
        result.facets["tag"] = {
            slug: tag_counts[pk] for pk, (slug, _name) in lookups.tags(list(tag_counts)).items()
        }
        hits = sorted((n, value) for kind, value, n in rows if kind == "hit")
        result.keys = [key for _, key in hits]
        return result

    def statement(self, query: EngineQuery, ids: dict[str, list[int]]) -> tuple[str, list]:
        """One statement: the matches `m`, then counts by (type, status, district) with the
        tag filter applied (every other count is summed from these in Python), tag counts,
        and the page of hits."""
        matches, params = self.dialect().matches(
            query.terms,
            match_all=query.match == Match.ALL,
            visibilities=query.visibilities,
            language=query.language,
            now=query.now,
        )
        tag_only = Filters(tag=query.filters.tag)
        where, where_params = _where(tag_only, ids)
        parts = [
            "SELECT 'cube', m.type || '|' || m.status || '|' || "  # noqa: S608
            f"COALESCE(CAST(m.district_id AS TEXT), ''), COUNT(*) FROM m WHERE {where} "
            "GROUP BY m.type, m.status, m.district_id"
        ]
        params += where_params
        tag_sql, tag_params = self._tag_facet(query, ids, self.dialect())
        parts += tag_sql
        params += tag_params
        where, where_params = _where(query.filters, ids)
        order = ORDER.get(query.sort, ORDER[Sort.RELEVANCE])
        # The page is cut first (a top-k, not a sort of every match), then numbered.
        parts.append(
            f"SELECT 'hit', d.key, ROW_NUMBER() OVER (ORDER BY {order.format(t='p')}) FROM ("  # noqa: S608
            f"SELECT m.id, m.score, m.date, m.popularity FROM m WHERE {where} "
            f"ORDER BY {order.format(t='m')} LIMIT %s OFFSET %s"
            ") p JOIN search_searchdocument d ON d.id = p.id"
        )
        params += [*where_params, query.limit, query.offset]
        sql = f"WITH m AS MATERIALIZED ({matches}) " + " UNION ALL ".join(parts)
        return sql, params

    @staticmethod
    def _tag_facet(
        query: EngineQuery, ids: dict[str, list[int]], dialect
    ) -> tuple[list[str], list]:
        """The most frequent tags, plus the selected ones even if they are not among them."""
        where, where_params = _where(query.filters, ids, skip="tag")
        tag = dialect.match_tag
        joined = f"FROM m {dialect.match_tags}"
        parts = [
            "SELECT 'tag', CAST(x.tag_id AS TEXT), x.n FROM ("  # noqa: S608
            f"SELECT {tag} AS tag_id, COUNT(*) AS n {joined} WHERE {where} "
            f"GROUP BY {tag} ORDER BY n DESC, {tag} LIMIT %s) x"
        ]
        params = [*where_params, query.facet_size]
        if query.filters.tag:
            parts.append(
                f"SELECT 'tag', CAST({tag} AS TEXT), COUNT(*) {joined} "  # noqa: S608
                f"WHERE {tag} IN ({_marks(ids['tag'])}) AND {where} GROUP BY {tag}"
            )
            params += [*ids["tag"], *where_params]
        return parts, params

    def autocomplete(
        self, *, terms: Sequence[Term], visibilities: Sequence[str], language: str, limit: int
    ) -> list[str]:
        if not terms:
            return []
        sql, params = self.dialect().titles(
            terms, visibilities=visibilities, language=language, limit=limit
        )
        return [key for (key,) in self._rows(sql, params)]

    def unknown_terms(self, terms: Sequence[Term]) -> list[Term]:
        dialect = self.dialect()
        return [term for term in terms if not self._rows(*dialect.any_match(term))]

    def similar_words(self, word: str, *, limit: int) -> list[str]:
        """Look-alikes by shared trigrams, plus words with the same first letter and a similar
        length: a swap in a short word ("лфіт") shares no trigram with the right one."""
        found = []
        neighbours = self.dialect().trigram_neighbours(word, limit=limit)
        if neighbours:
            found += [term for (term,) in self._rows(*neighbours)]
        first = word[0]
        found += [
            term
            for (term,) in self._rows(
                "SELECT term FROM search_searchterm WHERE term >= %s AND term < %s "
                "AND LENGTH(term) BETWEEN %s AND %s ORDER BY term LIMIT %s",
                [first, chr(ord(first) + 1), len(word) - 2, len(word) + 2, FIRST_LETTER_CANDIDATES],
            )
        ]
        return list(dict.fromkeys(found))

    def index(self, keys: Iterable[str]) -> None:
        """Nothing to copy: the database keeps its full-text index in step with the table."""

    def remove(self, keys: Iterable[str]) -> None:
        """Nothing to forget: deleting the rows updated the full-text index."""

    def rebuild(self, *, progress=None) -> None:
        """Compact the full-text index and refresh the planner's statistics."""
        with connection.cursor() as cursor:
            for sql in self.dialect().upkeep():
                cursor.execute(sql)
