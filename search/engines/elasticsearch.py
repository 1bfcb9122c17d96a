"""The Elasticsearch 8 engine, for when the city outgrows its database.

Readers and writers use an alias (`SEARCH_ELASTICSEARCH_ALIAS`), never an index: a rebuild
fills a new timestamped index while the old one keeps answering, then moves the alias in one
atomic request and copies whatever changed meanwhile. The request bodies come from
`search.engines.elasticsearch_body`.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.utils import timezone

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk, streaming_bulk

from config.models import District
from search.engines import elasticsearch_body as body
from search.models import DocumentTag, SearchDocument
from search.query import FACETS, EngineQuery, EngineResult
from search.text import Term

BATCH = 500


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self):
        self.alias = settings.SEARCH_ELASTICSEARCH_ALIAS
        self.client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
        self.ready = False  # the alias is known to exist

    def search(self, query: EngineQuery) -> EngineResult:
        self.ensure_index()
        response = self.client.search(index=self.alias, body=body.search_body(query))
        aggregations = response.get("aggregations", {})
        facets = {}
        for facet in FACETS:
            counts = {}
            for group in ("values", "selected"):
                for bucket in aggregations.get(facet, {}).get(group, {}).get("buckets", []):
                    counts[str(bucket["key"])] = bucket["doc_count"]
            facets[facet] = counts
        return EngineResult(
            keys=[hit["_id"] for hit in response["hits"]["hits"]],
            total=response["hits"]["total"]["value"],
            facets=facets,
        )

    def autocomplete(
        self, *, terms: Sequence[Term], visibilities: Sequence[str], language: str, limit: int
    ) -> list[str]:
        if not terms:
            return []
        self.ensure_index()
        request = body.autocomplete_body(
            terms, visibilities=visibilities, language=language, limit=limit
        )
        response = self.client.search(index=self.alias, body=request)
        return [hit["_id"] for hit in response["hits"]["hits"]]

    def unknown_terms(self, terms: Sequence[Term]) -> list[Term]:
        if not terms:
            return []
        self.ensure_index()
        searches = []
        for term in terms:
            searches += [{"index": self.alias}, body.exists_body(term)]
        responses = self.client.msearch(searches=searches)["responses"]
        return [
            term
            for term, response in zip(terms, responses, strict=True)
            if response["hits"]["total"]["value"] == 0
        ]

    def similar_words(self, word: str, *, limit: int) -> list[str]:
        self.ensure_index()
        response = self.client.search(index=self.alias, body=body.suggest_body(word, limit=limit))
        entries = response.get("suggest", {}).get("words", [])
        return [option["text"] for entry in entries for option in entry["options"]]

    def index(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        self.ensure_index()
        documents = SearchDocument.objects.filter(key__in=keys)
        bulk(self.client, self._actions(documents, index=self.alias), refresh="wait_for")

    def remove(self, keys: Iterable[str]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
        if actions:
            self.ensure_index()
            bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def rebuild(self, *, progress=None) -> None:
        """Fill a new index from the table, switch the alias to it atomically, drop the old
        ones, then copy rows written while the new index was filling."""
        started = timezone.now()
        new_index = f"{self.alias}-{started:%Y%m%d%H%M%S%f}"
        self.client.indices.create(index=new_index, **body.index_definition(new_index))
        documents = SearchDocument.objects.order_by("pk")
        rows = self._actions(documents.iterator(chunk_size=BATCH), index=new_index)
        total = documents.count()
        if progress is not None:
            rows = progress.iterate("elasticsearch: index", rows, total=total)
        for _ok, _item in streaming_bulk(self.client, rows, chunk_size=BATCH):
            pass
        self.client.indices.refresh(index=new_index)
        old = self._indices_behind_alias()
        self.client.indices.update_aliases(
            actions=body.alias_actions(alias=self.alias, new_index=new_index, old_indices=old)
        )
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        late = SearchDocument.objects.filter(indexed_at__gte=started).values_list("key", flat=True)
        self.index(list(late))

    def ensure_index(self) -> None:
        """The first use on an empty cluster makes an index and points the alias at it."""
        if self.ready or self.client.indices.exists_alias(name=self.alias):
            self.ready = True
            return
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.client.indices.create(index=name, **body.index_definition(name))
        self.client.indices.put_alias(index=name, name=self.alias, is_write_index=True)
        self.ready = True

    def drop(self) -> None:
        """Delete the alias and every index behind it (used by tests on a throwaway alias)."""
        for index in self._indices_behind_alias():
            self.client.indices.delete(index=index, ignore_unavailable=True)
        self.ready = False

    def _indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    @staticmethod
    def _actions(documents, *, index: str):
        """Bulk index actions, fetching tags and district slugs in batches."""
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH:
                yield from index_actions(batch, index=index)
                batch = []
        yield from index_actions(batch, index=index)


def index_actions(documents: list[SearchDocument], *, index: str):
    if not documents:
        return
    tags: dict[int, list[tuple[str, str]]] = {}
    rows = DocumentTag.objects.filter(document__in=documents).order_by("tag__name")
    for document_id, slug, name in rows.values_list("document_id", "tag__slug", "tag__name"):
        tags.setdefault(document_id, []).append((slug, name))
    districts = dict(District.objects.values_list("id", "slug"))
    for document in documents:
        yield {
            "_index": index,
            "_id": document.key,
            "_source": body.document_body(
                document,
                tags=tags.get(document.pk, []),
                district=districts.get(document.district_id),
            ),
        }
