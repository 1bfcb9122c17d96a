"""Benchmark of the pages people read: the busiest public pages through gunicorn on PostgreSQL.

    .venv/bin/python bench/pages.py [--requests 600] [--clients 16] [--workers 3]

The stack is the signing benchmark's (`bench/signatures.py`, `bench/signatures_stack/`):
production settings, a throwaway PostgreSQL database (`spilno_bench_pages`, dropped at the
end), gunicorn with the project's `gunicorn.conf.py`, here with the demo city (`seed_demo`) and
a Redis of its own as the shared cache (production requires one: a change made in one process
must reach every worker). Loopback ports 8121 (gunicorn) and 8122 (Redis).

Each page is requested `--requests` times by `--clients` concurrent clients, each request on a
new connection, first as anonymous visitors (no cookie, as a crowd arrives), then signed in
(the demo admin's session). Beside them, measured in the same run: (a) a bare view on the same
gunicorn (`/bench/ping/`, no query), the stack's limit per request, and (b) the same view for
the signed-in admin, which loads their session and account and makes a CSRF token
(`/bench/ping-person/`): what every signed-in page pays before it draws anything.

Freshness, through HTTP: an editor publishes a new title for the guide from another process
and the next anonymous request must show it; a signature is made and confirmed and the
petition page polled until its count moves, which must happen within the stated refresh
(`config.sharedpages.TIMEOUT`).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
from bench.signatures import (  # noqa: E402
    CSRF_INPUT,
    Recorder,
    admin_sql,
    cookie,
    form_once,
    p,
    request,
    run_clients,
    sign_once,
    stack_env,
    start_gunicorn,
    stop_server,
)

DATABASE = "spilno_bench_pages"
PORT = 8121
REDIS_PORT = 8122
TARGET_ANONYMOUS = 0.3
TARGET_SIGNED_IN = 0.1
TIMEOUT = 30  # config.sharedpages.TIMEOUT: how old a live count may be
COUNT = re.compile(rb'data-testid="signature-count"><strong>([^<]*)<')


def start_redis() -> subprocess.Popen:
    command = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return server


def manage(env: dict, *args: str, timeout: int = 1800) -> str:
    run = [sys.executable, *args]
    done = subprocess.run(
        run, cwd=ROOT, env=env, check=True, timeout=timeout, capture_output=True, text=True
    )
    return done.stdout


def sign_in(port: int) -> str:
    """The demo admin's session cookie, by the login form."""
    status, headers, body = request(port, "GET", "/accounts/login/")
    csrf = cookie(headers, "csrftoken")
    token = CSRF_INPUT.search(body.decode()).group(1)
    form = f"csrfmiddlewaretoken={token}&login=admin%40spilno.localhost&password=spilno-demo"
    status, headers, _ = request(
        port,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    session = cookie(headers, "sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"login failed: {status}")
    return f"sessionid={session}; csrftoken={csrf}"


def phase(port: int, path: str, count: int, clients: int, cookies: str = "") -> tuple:
    rec = Recorder("get")
    headers = {"Cookie": cookies} if cookies else {}
    target = quote(path, safe="/?=&")

    def work(_n):
        t = time.perf_counter()
        status, _, _ = request(port, "GET", target, headers=headers)
        rec.add([time.perf_counter() - t], failure="" if status == 200 else f"{path} {status}")

    seconds = run_clients(clients, list(range(count)), work)
    return len(rec.requests) / seconds, p(rec.requests, 95), rec.failures


def count_on(port: int, path: str) -> bytes:
    _, _, body = request(port, "GET", quote(path, safe="/?=&"))
    return COUNT.search(body).group(1)


def freshness(port: int, env: dict, pages: dict, mailbox: str) -> tuple[bool, float]:
    """(the published title showed at once, seconds until a new signature showed)."""
    title = f"Ліфт за один день {int(time.time())}"
    url = json.loads(manage(env, "-m", "bench.pages_stack.fixture", "publish", title))["url"]
    _, _, body = request(port, "GET", url)
    published = title.encode() in body

    petition = pages["a petition"]
    before = count_on(port, petition)
    rec = Recorder("form")
    visitor = form_once(
        port, pages["petition_id"], "fresh@bench.example.org", pages["district"], rec
    )
    signed = visitor is not None and sign_once(port, pages["petition_id"], visitor, mailbox, rec)
    started = time.monotonic()
    while signed and time.monotonic() - started < TIMEOUT + 15:
        if count_on(port, petition) != before:
            return published, time.monotonic() - started
        time.sleep(1)
    return published, float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    mailbox = tempfile.mkdtemp(prefix="spilno-bench-pages-mail-")
    env = stack_env(mailbox, DATABASE) | {"CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0"}
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    redis = start_redis()
    server = None
    try:
        print("· migrating a throwaway database and building the demo city", flush=True)
        manage(env, "manage.py", "migrate", "--no-input", "-v0")
        manage(env, "manage.py", "seed_demo", "--no-progress")
        pages = json.loads(manage(env, "-m", "bench.pages_stack.fixture", "urls"))
        server = start_gunicorn(env, PORT, args.workers)
        session = sign_in(PORT)
        names = [
            name for name in pages if name.startswith(("/", "a ", "an ", "petitions", "search"))
        ]
        print(f"· gunicorn {args.workers} workers on 127.0.0.1:{PORT}; warming up", flush=True)
        for name in names:
            phase(PORT, pages[name], 2 * args.clients, args.clients)
            phase(PORT, pages[name], args.clients, args.clients, session)
        phase(PORT, "/bench/ping/", 4 * args.clients, args.clients)

        results, failures = {}, []
        bare, bare_p95, bare_failures = phase(PORT, "/bench/ping/", 2 * args.requests, args.clients)
        person, person_p95, person_failures = phase(
            PORT, "/bench/ping-person/", args.requests, args.clients, session
        )
        failures += bare_failures + person_failures
        for name in names:
            anonymous = phase(PORT, pages[name], args.requests, args.clients)
            signed_in = phase(PORT, pages[name], args.requests // 2, args.clients, session)
            failures += anonymous[2] + signed_in[2]
            results[name] = (anonymous, signed_in)
        published, seconds = freshness(PORT, env, pages, mailbox)

        print()
        print(f"Pages: {args.clients} clients, gunicorn {args.workers} workers, PostgreSQL, "
              f"Redis, production settings, the demo city ({os.cpu_count()} cores)")  # fmt: skip
        print(f"(a) bare view /bench/ping/: {bare:8.1f} /s   p95 {bare_p95:6.1f} ms")
        print(f"(b) the same, signed in (session, person, CSRF token) /bench/ping-person/: "
              f"{person:8.1f} /s   p95 {person_p95:6.1f} ms   "
              f"÷ (a) {person / bare:.2f}")  # fmt: skip
        print(f"{'page':<34}{'anonymous /s':>13}{'p95 ms':>8}{'÷ (a)':>7}"
              f"{'signed in /s':>14}{'p95 ms':>8}{'÷ (a)':>7}")  # fmt: skip
        for name, ((a_rate, a_p95, _), (s_rate, s_p95, _)) in results.items():
            label = f"{name} {pages[name]}"[:33]
            print(f"{label:<34}{a_rate:13.1f}{a_p95:8.1f}{a_rate / bare:7.2f}"
                  f"{s_rate:14.1f}{s_p95:8.1f}{s_rate / bare:7.2f}")  # fmt: skip
        print(f"failures: {len(failures)} {sorted(set(failures))[:5]}")
        print(f"freshness: a published title shown at once: {published}; a new signature shown "
              f"after {seconds:.1f} s (refresh: {TIMEOUT} s)")  # fmt: skip
        worst_anonymous = min(a[0] for a, _ in results.values()) / bare
        worst_signed_in = min(s[0] for _, s in results.values()) / bare
        print(
            f"ratio pages signed in (worst): {worst_signed_in:.2f} (target >= {TARGET_SIGNED_IN})"
        )
        print(
            f"ratio pages anonymous (worst): {worst_anonymous:.2f} (target >= {TARGET_ANONYMOUS})"
        )
        fresh = published and seconds <= TIMEOUT + 2
        return 0 if worst_anonymous >= TARGET_ANONYMOUS and fresh and not failures else 1
    finally:
        stop_server(server)
        redis.terminate()
        redis.wait(timeout=30)
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(mailbox, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
