"""Writes to the search index. Nothing else writes `SearchDocument`, its tags or
`SearchTerm`.

`documents_refresh` makes the index agree with the sources for some keys (what signals ask
for, through a task); `index_rebuild` does it for everything. Both write only rows whose content
changed, so refreshing an unchanged thing costs a read.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from search import lookups
from search.engines import get_engine
from search.models import DocumentTag, SearchDocument, SearchTag, SearchTerm
from search.sources import Document, Source, source_named, sources
from search.text import normalize_display, words

BATCH = 500
TITLE_LENGTH = 300
BODY_LENGTH = 20_000
FIELDS = [
    "source", "type", "title", "summary", "body", "tag_names", "district_id", "status", "date",
    "popularity", "boost", "url", "urls", "visibility", "language", "languages",
]  # fmt: skip


class SearchIndexError(ValueError):
    """A key or source name the index does not know."""


@dataclass
class IndexReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def parse_key(key: str) -> tuple[Source, str]:
    name, _, pk = key.rpartition(":")
    source = source_named(name)
    if source is None or not pk:
        raise SearchIndexError(f"No search source for key {key!r}.")
    return source, pk


def row_values(source: Source, document: Document) -> dict:
    """The column values of a document's row: normalized, trimmed, with derived fields."""
    tags = [(slug[:100], normalize_display(name).strip()[:100]) for slug, name in document.tags]
    return {
        "source": source.name,
        "type": document.type,
        "title": normalize_display(document.title).strip()[:TITLE_LENGTH],
        "summary": normalize_display(document.summary).strip(),
        "body": normalize_display(document.body).strip()[:BODY_LENGTH],
        "tag_names": "\n".join(name for _, name in tags),
        "district_id": document.district_id,
        "status": document.status or "",
        "date": document.date,
        "popularity": max(int(document.popularity or 0), 0),
        "boost": round(SearchDocument.boost_for(document.popularity or 0) * source.weight, 4),
        "url": document.url,
        "urls": {code: url for code, url in sorted(document.urls.items()) if url != document.url},
        "visibility": document.visibility,
        "language": document.language,
        "languages": "|" + "|".join(document.languages or [document.language]) + "|",
        "_tags": sorted(dict(tags).items()),
    }


def vocabulary(values: dict) -> set[str]:
    text = " ".join([values["title"], values["summary"], values["tag_names"]])
    return {word for word in words(text) if 3 <= len(word) <= 60 and not word.isdigit()}


def _write(rows: dict[str, dict]) -> IndexReport:
    """Create or update the rows (key → values) whose content differs from what is stored."""
    report = IndexReport()
    existing = {
        document.key: document
        for document in SearchDocument.objects.filter(key__in=list(rows)).prefetch_related(
            "tags__tag"
        )
    }
    creates, updates, tag_sets, terms = [], [], {}, set()
    now = timezone.now()
    for key, values in rows.items():
        tags = values.pop("_tags")
        document = existing.get(key)
        stored_tags = (
            sorted((t.tag.slug, t.tag.name) for t in document.tags.all()) if document else None
        )
        if (
            document
            and stored_tags == tags
            and all(getattr(document, name) == values[name] for name in FIELDS)
        ):
            report.unchanged += 1
            continue
        if document is None:
            document = SearchDocument(key=key, **values)
            creates.append(document)
        else:
            for name in FIELDS:
                setattr(document, name, values[name])
            document.indexed_at = now
            updates.append(document)
        tag_sets[key] = tags
        terms |= vocabulary(values)
        report.written.append(key)
    with transaction.atomic():
        tag_ids = _tags_upsert({slug: name for tags in tag_sets.values() for slug, name in tags})
        for document in (*creates, *updates):
            document.tag_ids = sorted(tag_ids[slug] for slug, _name in tag_sets[document.key])
        SearchDocument.objects.bulk_create(creates, batch_size=BATCH)
        SearchDocument.objects.bulk_update(
            updates, [*FIELDS, "tag_ids", "indexed_at"], batch_size=BATCH
        )
        ids = dict(SearchDocument.objects.filter(key__in=list(tag_sets)).values_list("key", "pk"))
        DocumentTag.objects.filter(document_id__in=ids.values()).delete()
        DocumentTag.objects.bulk_create(
            [
                DocumentTag(document_id=ids[key], tag_id=tag_ids[slug])
                for key, tags in tag_sets.items()
                for slug, _name in tags
            ],
            batch_size=BATCH,
        )
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term) for term in sorted(terms)],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
    return report


def _tags_upsert(names: dict[str, str]) -> dict[str, int]:
    """Tags by slug, created or renamed as the documents now name them: slug → id."""
    lookups.forget()
    SearchTag.objects.bulk_create(
        [SearchTag(slug=slug, name=name) for slug, name in sorted(names.items())],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=["name"],
    )
    return dict(SearchTag.objects.filter(slug__in=list(names)).values_list("slug", "pk"))


def _delete(keys: Iterable[str]) -> list[str]:
    keys, gone = list(keys), []
    for start in range(0, len(keys), BATCH):
        chunk = SearchDocument.objects.filter(key__in=keys[start : start + BATCH])
        found = list(chunk.values_list("key", flat=True))
        if found:
            SearchDocument.objects.filter(key__in=found).delete()
            gone += found
    return gone


def documents_refresh(*, keys: Iterable[str]) -> IndexReport:
    """Bring these documents up to date with their sources: write the public ones, delete
    the rest (unpublished, hidden, deleted), then tell the engine."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for key in dict.fromkeys(keys):
        source, pk = parse_key(key)
        by_source[source.name].append(pk)
    rows, missing = {}, []
    for name, pks in by_source.items():
        source = source_named(name)
        found = {str(pk): instance for pk, instance in source.load(pks).items()}
        for pk in pks:
            instance = found.get(str(pk))
            document = source.document(instance) if instance is not None else None
            if document is None:
                missing.append(source.key(pk))
            else:
                rows[source.key(pk)] = row_values(source, document)
    report = _write(rows)
    report.removed = _delete(missing)
    engine = get_engine()
    engine.index(report.written)
    engine.remove(report.removed)
    return report


def documents_store(*, source: Source, documents: dict) -> IndexReport:
    """Store documents an adapter (or a generator, in tests and benchmarks) has built:
    pk → Document. Rows that did not change are left alone."""
    rows = {source.key(pk): row_values(source, document) for pk, document in documents.items()}
    report = _write(rows)
    get_engine().index(report.written)
    return report


def index_rebuild(*, progress=None, only: Iterable[str] = ()) -> IndexReport:
    """Rebuild the index from every source (or the named ones), then the engine's index.
    Documents whose source no longer lists them are deleted; the vocabulary is recomputed."""
    chosen = [source for source in sources() if not only or source.name in set(only)]
    if only and len(chosen) != len(set(only)):
        raise SearchIndexError(f"Unknown search source in {sorted(only)}.")
    report = IndexReport()
    for source in chosen:
        seen = set()
        candidates = source.candidates()
        items = candidates.iterator(chunk_size=BATCH)
        if progress is not None:
            items = progress.iterate(f"search: {source.name}", items, total=candidates.count())
        batch: dict[str, dict] = {}
        for instance in items:
            document = source.document(instance)
            if document is not None:
                batch[source.key(instance.pk)] = row_values(source, document)
            if len(batch) >= BATCH:
                seen |= batch.keys()
                _merge(report, _write(batch))
                batch = {}
        seen |= batch.keys()
        _merge(report, _write(batch))
        stored = SearchDocument.objects.filter(source=source.name).values_list("key", flat=True)
        report.removed += _delete(set(stored) - seen)
    if not only:
        orphans = SearchDocument.objects.exclude(source__in=[s.name for s in sources()])
        report.removed += _delete(orphans.values_list("key", flat=True))
    vocabulary_rebuild()
    get_engine().rebuild(progress=progress)
    return report


def _merge(report: IndexReport, part: IndexReport) -> None:
    report.written += part.written
    report.unchanged += part.unchanged


def vocabulary_rebuild() -> int:
    """Recompute the spelling vocabulary from the stored documents (drops stale words)."""
    terms: set[str] = set()
    rows = SearchDocument.objects.values("title", "summary", "tag_names")
    for values in rows.iterator(chunk_size=2_000):
        terms |= vocabulary(values)
    with transaction.atomic():
        known = set(SearchTerm.objects.values_list("term", flat=True))
        stale = sorted(known - terms)
        for start in range(0, len(stale), BATCH):
            SearchTerm.objects.filter(term__in=stale[start : start + BATCH]).delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term) for term in sorted(terms - known)], batch_size=BATCH
        )
    return len(terms)
