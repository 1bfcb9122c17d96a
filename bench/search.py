"""Benchmark of discovery: 100,000 generated documents, indexed and searched.

Prints, each beside a reference measured in the same run:

- indexing throughput of `documents_store` (normalizing, change detection, tags, vocabulary,
  full-text index upkeep) against a plain bulk INSERT of the same rows;
- p50/p95 latency of the discovery API (`search_documents`: match, four facets with counts,
  total, a page of hits, highlighted snippets) against one raw full-text SQL query on the same
  table for the same words (match and rank, top 20, nothing else). Target ratio: ≤ 2;
- the same for Elasticsearch when ELASTICSEARCH_URL is set (reference: a bare match query).

    .venv/bin/python bench/search.py          # SQLite in /tmp/spilno-bench-search.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/spilno_bench_search \\
        .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --documents 20000 --queries 100
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/spilno-bench-search.sqlite3")

TOPICS = [
    "ліфт ліфта ліфти ремонт кабіна застряг диспетчер",
    "дах даху протікає покрівля ремонт опади",
    "двір двору дерева обрізка озеленення клумба полив",
    "парк сквер алея лавки освітлення фонтан",
    "школа школи клас учні директор освіта",
    "садок дитячий майданчик гойдалки пісочниця безпека",
    "вулиця вулиці дорога тротуар ями асфальт",
    "зупинка автобус тролейбус трамвай маршрут транспорт",
    "велодоріжка велосипед паркування самокат",
    "сміття контейнери сортування вивіз переробка",
    "вода водопостачання труби тиск насос",
    "опалення тепло котельня батареї тариф",
    "газ електрика лічильник світло мережа",
    "осбб обʼєднання співвласників статут збори реєстрація",
    "будинок підʼїзд квартира сусіди мешканці",
    "бюджет громадський кошторис голосування проєкт",
    "петиція підписи депутат рада відповідь звернення",
    "консультація питання експерт юрист інженер архітектор",
    "волонтери організація громада ініціатива",
    "укриття бомбосховище генератор безпека тривога",
    "пандус доступність інклюзія ветерани ліфт",
    "шум собаки тварини вигул притулок",
    "пляж набережна річка купання",
    "ринок торгівля кафе кіоски",
    "lift repair building residents",
    "roof yard trees park green",
    "school playground safety children",
    "street road sidewalk lighting",
    "bus stop transport route bike lane parking",
    "waste recycling water heating meter",
    "condominium association budget petition council",
    "expert lawyer engineer architect consultation",
]
TOPIC_WORDS = [topic.split() for topic in TOPICS]
SYLLABLES = ["ба", "ве", "го", "ді", "ер", "жу", "зо", "ін", "ка", "ло", "ми", "но", "пре", "ро"]
SYLLABLES += ["са", "ти", "уль", "фе", "хо", "ця", "че", "шу", "ю", "яр"]
TYPES = ["guide", "case_study", "topic", "petition", "project", "expert", "organization"]
STATUSES = {"petition": ["open", "answered", "closed"], "project": ["active", "done"]}


def build_tail(rng: random.Random) -> list[str]:
    """Made-up words for the bulk of the text: each in roughly 2% of the documents."""
    return sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(3, 4))) for _ in range(6000)})


def generate(count: int, seed: int = 7):
    """Deterministic documents, each about one topic: (pk, Document) pairs."""
    from config.models import District
    from search.sources import Document

    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    tail = build_tail(rng)
    tags = [(f"tag-{i}", f"{TOPIC_WORDS[i % len(TOPICS)][0].capitalize()} {i}") for i in range(60)]
    districts = list(District.objects.values_list("pk", flat=True)) or [None]
    now = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)

    def text(topic, on_topic, off_topic):
        words = rng.choices(topic, k=rng.randint(*on_topic))
        words += rng.choices(tail, k=rng.randint(*off_topic))
        rng.shuffle(words)
        return " ".join(words).capitalize()

    for pk in range(1, count + 1):
        kind = rng.choice(TYPES)
        topic = rng.choice(TOPIC_WORDS)
        yield (
            pk,
            Document(
                type=kind,
                title=text(topic, (2, 3), (2, 5)),
                summary=text(topic, (3, 5), (10, 20)) + ".",
                body=text(topic, (8, 16), (50, 120)) + ".",
                tags=rng.sample(tags, rng.randint(1, 3)),
                district_id=rng.choice(districts),
                status=rng.choice(STATUSES.get(kind, [""])),
                date=now - datetime.timedelta(days=rng.randint(0, 1100)),
                popularity=int(rng.paretovariate(1.2)) - 1,
                url=f"/bench/{pk}/",
                languages=("uk", "en"),
            ),
        )


def queries(count: int, seed: int = 11) -> list[dict]:
    """One to three words about one topic, as people ask; a quarter with a type filter."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    found = []
    for _ in range(count):
        topic = rng.choice(TOPIC_WORDS)
        words = rng.sample(topic, rng.choice([1, 1, 2, 2, 3]))
        filters = {"type": (rng.choice(TYPES),)} if rng.random() < 0.25 else {}
        found.append({"query": " ".join(words), "filters": filters})
    return found


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered), p95


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


def row(label: str, figure: str, reference: str, ratio: float) -> None:
    print(f"  {label:<34} {figure:>14}   reference {reference:>14}   ratio {ratio:5.2f}")


def prepare_database() -> None:
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        import psycopg

        with psycopg.connect(
            host=database["HOST"] or "127.0.0.1",
            port=database["PORT"] or 5432,
            user=database["USER"],
            dbname="postgres",
            autocommit=True,
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{database["NAME"]}"')
    call_command("migrate", verbosity=0)


class BenchSource:
    """Keys of generated documents ("bench.document:42"); nothing reads them back."""

    name = "bench.document"
    weight = 1.0

    def key(self, pk) -> str:
        return f"{self.name}:{pk}"


def clear_index() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_documenttag")
        cursor.execute("DELETE FROM search_searchdocument")
        cursor.execute("DELETE FROM search_searchterm")


def bench_indexing(count: int, batch: int = 1_000) -> None:
    from django.db import transaction

    from search.models import SearchDocument
    from search.services import documents_store, row_values

    source = BenchSource()
    documents = list(generate(count))
    print(f"Indexing {count:,} documents")
    objects = []
    for pk, document in documents:
        values = row_values(source, document)
        values.pop("_tags")
        objects.append(SearchDocument(key=source.key(pk), **values))
    clear_index()
    started = time.perf_counter()
    with transaction.atomic():
        SearchDocument.objects.bulk_create(objects, batch_size=batch)
    reference = time.perf_counter() - started
    clear_index()
    started = time.perf_counter()
    for start in range(0, count, batch):
        documents_store(source=source, documents=dict(documents[start : start + batch]))
    figure = time.perf_counter() - started
    row(
        "documents_store (docs/s)",
        f"{count / figure:,.0f}",
        f"{count / reference:,.0f}",
        figure / reference,
    )
    print("  (reference: bulk INSERT of the same prepared rows; ratio = time / reference time)")


def raw_fulltext(text: str):
    """The reference: one full-text query for the same words, ranked, top 20, nothing else."""
    from django.db import connection

    from search.engines.database import DatabaseEngine
    from search.text import query_terms

    terms = query_terms(text)
    dialect = DatabaseEngine.dialect()
    expression = dialect.expression(terms, match_all=True)
    if connection.vendor == "sqlite":
        sql = (
            "SELECT d.id, d.title FROM search_fts "
            "JOIN search_searchdocument d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s ORDER BY bm25(search_fts) LIMIT 20"
        )
    else:
        sql = (
            "SELECT d.id, d.title FROM search_searchdocument d, to_tsquery('simple', %s) q "
            "WHERE d.search_vector @@ q ORDER BY ts_rank_cd(d.search_vector, q) DESC LIMIT 20"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression])
        return cursor.fetchall()


def bench_queries(label: str, workload: list[dict], reference) -> None:
    from search.query import Filters
    from search.selectors import search_documents

    def api(item):
        return search_documents(query=item["query"], filters=Filters(**item["filters"]))

    for item in workload:  # warm caches on both sides
        api(item)
        reference(item["query"])
    measured, baseline, empty = [], [], 0
    for item in workload:  # interleaved, so drift hits both alike
        started = time.perf_counter()
        results = api(item)
        measured.append((time.perf_counter() - started) * 1000)
        empty += results.total == 0
        baseline.append(timed(reference, item["query"]))
    p50, p95 = percentiles(measured)
    r50, r95 = percentiles(baseline)
    print(f"{label}: {len(workload)} queries ({empty} found nothing and took the fallbacks)")
    row("discovery API p50 (ms)", f"{p50:.2f}", f"{r50:.2f}", p50 / r50)
    row("discovery API p95 (ms)", f"{p95:.2f}", f"{r95:.2f}", p95 / r95)


def bench_elasticsearch(workload: list[dict]) -> None:
    """Rebuild into Elasticsearch and time it there too (only with ELASTICSEARCH_URL)."""
    from django.conf import settings
    from django.test.utils import override_settings

    from elasticsearch.helpers import bulk

    from search.engines import get_engine
    from search.engines.elasticsearch import ElasticsearchEngine, index_actions
    from search.models import SearchDocument

    alias = "spilno_bench_search"
    with override_settings(SEARCH_ENGINE="elasticsearch", SEARCH_ELASTICSEARCH_ALIAS=alias):
        engine: ElasticsearchEngine = get_engine()
        count = SearchDocument.objects.count()
        started = time.perf_counter()
        engine.rebuild()
        figure = time.perf_counter() - started
        scratch = f"{alias}-reference"
        engine.client.indices.delete(index=scratch, ignore_unavailable=True)
        documents = list(SearchDocument.objects.order_by("pk"))
        started = time.perf_counter()
        bulk(engine.client, index_actions(documents, index=scratch), chunk_size=500)
        engine.client.indices.refresh(index=scratch)
        reference = time.perf_counter() - started
        print(f"Elasticsearch at {settings.ELASTICSEARCH_URL}")
        row(
            "rebuild (docs/s)",
            f"{count / figure:,.0f}",
            f"{count / reference:,.0f}",
            figure / reference,
        )
        print("  (reference: bulk of the same documents into an index with dynamic mapping)")

        def bare_match(text):
            engine.client.search(
                index=scratch,
                query={"multi_match": {"query": text, "fields": ["title", "summary", "body"]}},
                size=20,
            )

        bench_queries("Elasticsearch", workload, bare_match)
        engine.client.indices.delete(index=scratch, ignore_unavailable=True)
        engine.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the documents of the last run; time queries only.",
    )
    arguments = parser.parse_args()

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///") and not arguments.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite://") + suffix).unlink(missing_ok=True)
    import django

    django.setup()
    from django.db import connection

    from config.demo import DISTRICTS
    from config.models import District

    prepare_database()
    for order, (slug, name_uk, name_en) in enumerate(DISTRICTS):
        District.objects.get_or_create(
            slug=slug, defaults={"name_uk": name_uk, "name_en": name_en, "sort_order": order}
        )
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    from search.models import SearchDocument

    if not arguments.reuse or SearchDocument.objects.count() != arguments.documents:
        bench_indexing(arguments.documents)
    from search.engines import get_engine

    get_engine("database").rebuild()
    workload = queries(arguments.queries)
    bench_queries("Database engine", workload, raw_fulltext)
    if os.environ.get("ELASTICSEARCH_URL"):
        bench_elasticsearch(workload)
    else:
        print("Elasticsearch: skipped (set ELASTICSEARCH_URL to include it)")


if __name__ == "__main__":
    main()
