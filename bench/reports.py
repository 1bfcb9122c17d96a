"""Benchmark of Open311's request list: GET /open311/v2/requests.json with every filter at once
over 100,000 reports, beside the same page done with one hand-written SQL statement and
json.dumps, in the same run.

    .venv/bin/python bench/reports.py [--reports 100000] [--runs 40] [--page-size 1000]

It creates a throwaway PostgreSQL database (`spilno_bench_reports`, dropped at the end) on the
server of DATABASE_URL (else the local one the other benchmarks use), migrates it with the test
settings and fills it with COPY: 20 categories routed to 5 bodies, `--reports` public reports
over the last 180 days in every state (a fifth hidden or unconfirmed), an official update on
half of them and a photo on a tenth, then VACUUM ANALYZE.

Then, turn about so that a busy machine slows both alike, `--runs` times each:

- ours: the Django test client's GET of requests.json (the whole stack: middleware, URL,
  parsing, the ORM query, serialization) with service_code (3 codes), status=open, start_date
  and end_date (60 days), agency_responsible and page_size;
- reference: one SQL statement with the same filters and the same two correlated subqueries
  (latest official note, first photo), the rows turned into the same dicts and json.dumps.

Both answers are checked to be the same list. The last line is the ratio of the p95s.

Measured on this 2-core machine (2026-12-07), other test runs beside it: first 1.55 (20,000
reports, 10 runs, 414 rows a page). The view already read `.values()` in one statement (the
latest note and the first photo as subqueries, `reports.open311.views._requests_values`), so
the profile pointed elsewhere: asking for the current time zone once per datetime (an asgiref
Local lookup, three a row) was a tenth of a 1,000-row page. It is now asked once a page
(`views._iso`). After: 1.17 and 1.00 in two runs of the default (p50 157/135 ms and 78/70 ms).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
from bench.signatures import PG  # noqa: E402

DATABASE = "spilno_bench_reports"
TARGET_RATIO = 1.5
CATEGORIES = 20
BODIES = 5


def server_url() -> str:
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(given)
        return f"{parts.scheme}://{parts.netloc}"
    return PG


SERVER = server_url()
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


HAND_SQL = """
SELECT r.id, r.state, r.title, r.description, c.code, c.name_en, b.name,
       r.created_at, r.updated_at, r.expected_at, r.address, r.latitude, r.longitude,
       r.media_url,
       (SELECT u.text FROM reports_reportupdate u
         WHERE u.report_id = r.id AND u.kind = 'official' AND u.confirmed_at IS NOT NULL
           AND u.hidden_at IS NULL ORDER BY u.created_at DESC, u.id DESC LIMIT 1),
       (SELECT p.file FROM reports_reportphoto p
         WHERE p.report_id = r.id ORDER BY p.sort_order, p.id LIMIT 1)
FROM reports_report r
JOIN reports_category c ON c.id = r.category_id
JOIN profiles_organization b ON b.id = r.body_id
WHERE r.state = ANY(%(public)s) AND r.hidden_at IS NULL
  AND c.code = ANY(%(codes)s) AND r.created_at >= %(start)s AND r.created_at <= %(end)s
  AND r.state = ANY(%(open)s) AND (b.slug = %(agency)s OR b.name = %(agency)s)
ORDER BY r.created_at DESC, r.id DESC
LIMIT %(limit)s
"""


def fill(count: int, rng: random.Random):
    from django.db import connection
    from django.utils import timezone

    from profiles.models import Organization
    from reports.models import Category, Route
    from reports.states import CLOSED_STATES, FINISHED_STATES, State

    bodies = [
        Organization.objects.create(
            name=f"Департамент {n}", slug=f"body-{n}", kind=Organization.Kind.MUNICIPAL_BODY
        )
        for n in range(BODIES)
    ]
    groups = [g for g, _label in Category.Group.choices]
    categories = []
    for n in range(CATEGORIES):
        category = Category.objects.create(
            code=f"cat-{n:02d}",
            name_uk=f"Категорія {n}",
            name_en=f"Category {n}",
            group=groups[n % len(groups)],
        )
        Route.objects.create(category=category, body=bodies[n % BODIES])
        categories.append(category)
    body_of = {category.pk: bodies[n % BODIES].pk for n, category in enumerate(categories)}
    hidden_or_unconfirmed = [State.UNCONFIRMED]
    states = [s for s in State.values if s not in (State.DUPLICATE, State.UNCONFIRMED)]
    now = timezone.now()
    columns = (
        "category_id, body_id, title, description, latitude, longitude, address, attributes, "
        "media_url, reporter_email, reporter_name, show_name, source, token, state, "
        "supporter_count, created_at, confirmed_at, updated_at, first_response_at, fixed_at, "
        "closed_at, hidden_at, hidden_reason"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY reports_report ({columns}) FROM STDIN") as copy:
            for n in range(count):
                category = categories[n % CATEGORIES]
                roll = rng.random()
                state = hidden_or_unconfirmed[0] if roll < 0.1 else rng.choice(states)
                created = now - timedelta(seconds=rng.randint(0, 180 * 86400))
                later = created + timedelta(days=1)
                copy.write_row(
                    (
                        category.pk,
                        body_of[category.pk],
                        f"Проблема {n}",
                        f"Опис проблеми номер {n}: яма, світло, сміття. " * 3,
                        f"50.{rng.randint(400000, 500000)}",
                        f"30.{rng.randint(450000, 600000)}",
                        f"вул. Хрещатик, {n % 200 + 1}",
                        "{}",
                        "",
                        f"person{n}@example.org",
                        f"Особа {n}",
                        False,
                        "web",
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        state,
                        0,
                        created,
                        None if state == State.UNCONFIRMED else created,
                        later,
                        None if state in (State.OPEN, State.UNCONFIRMED) else later,
                        later if state == State.FIXED else None,
                        later if state in CLOSED_STATES else None,
                        later if 0.1 <= roll < 0.2 else None,
                        "",
                    )
                )
        cursor.execute(
            "INSERT INTO reports_reportupdate (report_id, kind, source, text, state_before, "
            "state_after, author_email, author_name, body_id, confirmed_at, created_at, "
            "hidden_reason) "
            "SELECT id, 'official', 'web', 'Офіційна відповідь до ' || id, 'open', state, '', "
            "'', body_id, updated_at, updated_at, '' FROM reports_report "
            "WHERE state <> 'unconfirmed' AND id % 2 = 0"
        )
        cursor.execute(
            "INSERT INTO reports_reportphoto (report_id, file, sort_order, created_at) "
            "SELECT id, 'reports/' || id || '/photo.jpg', 0, created_at FROM reports_report "
            "WHERE id % 10 = 0"
        )
        cursor.execute("VACUUM ANALYZE")
    print(
        f"· {count:,} reports, their updates and photos in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return categories, bodies, FINISHED_STATES


def p95(values) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DATABASE}")
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def run(args) -> None:
    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from reports.states import OPEN_STATES, PUBLIC_STATES

    rng = random.Random(args.seed)
    print(f"· migrating a throwaway database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    categories, bodies, _finished = fill(args.reports, rng)

    now = timezone.now()
    start, end = now - timedelta(days=75), now - timedelta(days=15)
    # Three categories the first body receives (categories 0, 5, 10 are routed to it).
    codes = [c.code for c in categories[0:15:5]]
    agency = bodies[0].slug
    params = {
        "service_code": ",".join(codes),
        "status": "open",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "agency_responsible": agency,
        "page_size": str(args.page_size),
        "locale": "en",
    }
    client = Client()

    def ours() -> tuple[list, float]:
        started = time.perf_counter()
        response = client.get("/open311/v2/requests.json", params)
        body = response.content
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, body[:300]
        return json.loads(body), elapsed

    def iso(value, tz):
        return value.astimezone(tz).isoformat(timespec="seconds") if value else None

    def reference() -> tuple[list, float]:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                HAND_SQL,
                {
                    "public": list(PUBLIC_STATES),
                    "codes": codes,
                    "start": start,
                    "end": end,
                    "open": list(OPEN_STATES),
                    "agency": agency,
                    "limit": args.page_size,
                },
            )
            rows = cursor.fetchall()
        tz = timezone.get_current_timezone()
        data = [
            {
                "service_request_id": pk,
                "status": "open" if state in OPEN_STATES else "closed",
                "status_notes": notes or "",
                "service_name": name,
                "service_code": code,
                "title": title,
                "description": description,
                "agency_responsible": body,
                "service_notice": "",
                "requested_datetime": iso(created, tz),
                "updated_datetime": iso(updated, tz),
                "expected_datetime": iso(expected, tz),
                "address": address,
                "address_id": "",
                "zipcode": "",
                "lat": float(lat) if lat is not None else None,
                "long": float(lon) if lon is not None else None,
                "media_url": (
                    "http://testserver" + default_storage.url(photo) if photo else media_url
                ),
            }
            for (pk, state, title, description, code, name, body, created, updated, expected,
                 address, lat, lon, media_url, notes, photo) in rows
        ]  # fmt: skip
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        elapsed = time.perf_counter() - started
        return json.loads(body), elapsed

    mine, _t = ours()
    hand, _t = reference()
    assert mine == hand, "the two answers differ"
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        ours()
    print(
        f"· {len(mine):,} requests a page; database statements of the view: {len(queries)} "
        f"(filters: {', '.join(k for k in params if k != 'locale')})",
        flush=True,
    )

    our_times, hand_times = [], []
    for n in range(args.runs):
        for action in (ours, reference) if n % 2 == 0 else (reference, ours):
            _data, elapsed = action()
            (our_times if action is ours else hand_times).append(elapsed)
    ms = 1000
    print(
        f"requests.json  p50 {statistics.median(our_times) * ms:7.1f} ms   "
        f"p95 {p95(our_times) * ms:7.1f} ms"
    )
    print(
        f"hand SQL       p50 {statistics.median(hand_times) * ms:7.1f} ms   "
        f"p95 {p95(hand_times) * ms:7.1f} ms   (n={args.runs}, {args.reports:,} reports)"
    )
    ratio = p95(our_times) / p95(hand_times)
    print(f"ratio requests.json/hand SQL p95: {ratio:.2f} (target <= {TARGET_RATIO})")


if __name__ == "__main__":
    main()
