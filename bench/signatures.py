"""Benchmark of signing: real sign and confirm requests against gunicorn on PostgreSQL.

    .venv/bin/python bench/signatures.py [--signatures 1200] [--workers N] [--clients 32]

It creates a throwaway PostgreSQL database (`spilno_bench`, dropped at the end), migrates it,
starts gunicorn on a free loopback port with the project's `gunicorn.conf.py` (its worker count
unless `--workers` says otherwise) and production settings plus the three bench-only changes of
`bench/signatures_stack/settings.py`, and drives 32 concurrent clients (Python threads, each
request on a new socket). Each signature is what a person does:

    GET the sign form → POST it (CSRF cookie and token) → read the email → GET the confirm link

in two timed phases, because the issue measures signing as "the real sign and confirm
requests" and a person reads the form before signing it:

1. forms: every person opens the sign form in a new browser (a new CSRF cookie and token);
2. signing: every person posts the form they opened, reads the email and follows its link.

Every signature is a different person, so nothing is carried from one to the next: no cookie,
no CSRF token, no connection. The redirects that end the POST and the confirmation (to "check
your email" and to the petition page) are pages a browser goes on to read, not part of
signing, and are not followed.

Figures, each beside references measured in the same run:

- confirmed signatures per second (phase 2) and latency (p50/p95 of each request and of
  sign + confirm), form pages per second (phase 1), and whole visits per second (the
  signatures over both phases' time);
- (a) the same gunicorn serving a bare Django view that does one INSERT and commits: the
  stack's limit, per request;
- (b) raw single-row INSERT commits with psycopg on the same database, 32 connections;
- where the CPU went in each phase: the gunicorn processes, PostgreSQL's processes and this
  client (its threads), in milliseconds per signature or per request (Linux `/proc`);
- the stored counts beside the rows they count (total, per district), and the petition's state
  after crossing its 1,000-signature threshold during the run.

Bounded: a fixed number of signatures and requests, and a time limit per phase.
"""

import argparse
import base64
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
from bench.signatures_stack.mailbox import mailbox_path  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "spilno_bench"
PHASE_TIME_LIMIT = 240.0
TARGET_PER_SECOND = 300  # confirmed signatures per second (the target)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"https?://\S+?(/petitions/signatures/confirm/\S+/)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def stack_env(mailbox: str, database: str = DATABASE) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.signatures_stack.settings",
        "DATABASE_URL": f"{PG}/{database}",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "KEY_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": "locmemcache://bench",
        "BENCH_MAILBOX_DIR": mailbox,
        "TASKS_BACKEND": "immediate",
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
    }


def prepare(env: dict, database: str = DATABASE) -> dict:
    print("· migrating a throwaway database", database, flush=True)
    run = [sys.executable, "manage.py", "migrate", "--no-input", "-v0"]
    subprocess.run(run, cwd=ROOT, env=env, check=True, timeout=900)
    fixtures = [sys.executable, "-m", "bench.signatures_stack.fixtures"]
    out = subprocess.run(
        fixtures, cwd=ROOT, env=env, check=True, timeout=300, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def stop_server(server: subprocess.Popen | None) -> None:
    """Stop a server this benchmark started: politely, then for good after 30 s."""
    if server is None:
        return
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def start_gunicorn(env: dict, port: int, workers: int | None) -> subprocess.Popen:
    """The project's own `gunicorn.conf.py` (workers, worker class); only the application
    (the site plus the bench view), the address and, if asked, the worker count differ."""
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config", str(ROOT / "gunicorn.conf.py"),
        "bench.signatures_stack.wsgi:application",
        "--pythonpath", f"{ROOT / 'site'},{ROOT}",
        "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning",
    ]  # fmt: skip
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode()[-3000:])
        try:
            if request(port, "GET", "/bench/ping/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not answer within 120 s")


def gunicorn_workers() -> int:
    config: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # noqa: S102 (our own config file)
    return config["workers"]


def request(port, method, path, body=None, headers=None):
    """One HTTP/1.1 request on a new connection, read to its end: (status, headers, body).

    Written on a bare socket because the client shares the machine's two cores with the server
    and database: `http.client` spends about twice the CPU per request (its header parsing goes
    through the `email` package), which the server would lose, in the bare view's phase as
    much as in signing's. gunicorn's sync workers close every connection after the response,
    so the response ends where the stream does."""
    payload = body.encode() if isinstance(body, str) else body or b""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if payload or method == "POST":
        lines.append(f"Content-Length: {len(payload)}")
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, content = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    response_headers = [tuple(line.split(": ", 1)) for line in header_lines]
    if header(response_headers, "Transfer-Encoding"):
        raise RuntimeError("a chunked response: this client reads only whole ones")
    return int(status_line.split(" ", 2)[1]), response_headers, content


def cookie(headers, name: str) -> str:
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return ""


def header(headers, name: str) -> str:
    return next((v for k, v in headers if k.lower() == name.lower()), "")


TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: str) -> tuple[str, int, float]:
    """(command, parent pid, CPU seconds) of one process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    command = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return command, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU time used so far by gunicorn (master and workers), by PostgreSQL (every `postgres`
    process) and by this client."""
    used = {"gunicorn": 0.0, "PostgreSQL": 0.0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command, parent, seconds = _process_cpu(pid)
        except (OSError, ValueError):
            continue  # ended meanwhile
        if int(pid) == server_pid or parent == server_pid:
            used["gunicorn"] += seconds
        elif command == "postgres":
            used["PostgreSQL"] += seconds
    times = os.times()
    used["client"] = times.user + times.system
    return used


def cpu_used(server_pid: int, phase) -> tuple[object, dict[str, float]]:
    """`phase()`'s result and the CPU seconds each side used while it ran."""
    before = cpu_seconds(server_pid)
    result = phase()
    after = cpu_seconds(server_pid)
    return result, {side: after[side] - before[side] for side in before}


class Recorder:
    """Latencies of every request and every whole flow, from all client threads."""

    def __init__(self, *steps: str):
        self.lock = threading.Lock()
        self.requests: list[float] = []
        self.steps: dict[str, list[float]] = {step: [] for step in steps}
        self.flows: list[float] = []
        self.failures: list[str] = []

    def add(self, requests: list[float], flow: float | None = None, failure: str = ""):
        with self.lock:
            self.requests.extend(requests)
            for step, seconds in zip(self.steps, requests, strict=False):
                self.steps[step].append(seconds)
            if flow is not None:
                self.flows.append(flow)
            if failure:
                self.failures.append(failure)


@dataclass(frozen=True)
class Visitor:
    """A person who has the sign form open: their CSRF cookie and the form's token."""

    email: str
    district: int
    csrf_cookie: str
    token: str


def visitor_from_form(email, district, status, headers, body: bytes) -> Visitor | None:
    """The person who got this sign form page, or None if it is not one."""
    csrf_cookie = cookie(headers, "csrftoken")
    token = CSRF_INPUT.search(body.decode())
    if status != 200 or not token or not csrf_cookie:
        return None
    return Visitor(email, district, csrf_cookie, token.group(1))


def signing_form(visitor: Visitor) -> str:
    """The sign form as the person posts it (urlencoded)."""
    return urlencode(
        {
            "csrfmiddlewaretoken": visitor.token,
            "name": "Підписант Бенчмарку",
            "email": visitor.email,
            "district": visitor.district,
            "website": "",
        }
    )


def form_once(port, petition, email, district, rec: Recorder) -> Visitor | None:
    """One person opening the sign form: a new browser, so a new CSRF cookie and token."""
    t = time.perf_counter()
    status, headers, body = request(port, "GET", f"/petitions/sign/{petition}/")
    visitor = visitor_from_form(email, district, status, headers, body)
    rec.add([time.perf_counter() - t], failure="" if visitor else f"form {status}")
    return visitor


def sign_once(port, petition, visitor: Visitor, mailbox, rec: Recorder) -> bool:
    """One person signing the form they opened: post, email, confirm. True when it counted."""
    timings = []
    started = time.perf_counter()
    t = time.perf_counter()
    status, headers, _ = request(
        port,
        "POST",
        f"/petitions/sign/{petition}/",
        body=signing_form(visitor),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={visitor.csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/petitions/sign/{petition}/",
        },
    )
    timings.append(time.perf_counter() - t)
    if status != 302 or not header(headers, "Location").endswith("/sent/"):
        rec.add(timings, failure=f"sign {status}")
        return False

    message = mailbox_path(mailbox, visitor.email).read_text(encoding="utf-8")
    link = CONFIRM_LINK.search(message).group(1)
    t = time.perf_counter()
    status, headers, _ = request(port, "GET", link)
    timings.append(time.perf_counter() - t)
    if status != 302 or "signature=confirmed" not in header(headers, "Location"):
        rec.add(timings, failure=f"confirm {status} {header(headers, 'Location')}")
        return False
    rec.add(timings, flow=time.perf_counter() - started)
    return True


def run_clients(clients: int, jobs: list, work) -> float:
    """Run `work(job)` for every job with `clients` threads; seconds taken."""
    queue = list(reversed(jobs))
    lock = threading.Lock()
    deadline = time.monotonic() + PHASE_TIME_LIMIT

    def client():
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            work(job)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def p(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else float("nan")
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def phase_forms(port, fixture, count, clients, tag, visitors: list[Visitor]):
    """`count` people open the sign form, each in a new browser; `visitors` gets them."""
    rec = Recorder("form")
    districts = fixture["districts"]

    def work(n):
        email = f"{tag}{n}@bench.example.org"
        visitor = form_once(port, fixture["petition"], email, districts[n % len(districts)], rec)
        if visitor is not None:
            visitors.append(visitor)

    seconds = run_clients(clients, list(range(count)), work)
    return rec, seconds, len(visitors)


def phase_signatures(port, fixture, mailbox, visitors, clients) -> tuple[Recorder, float, int]:
    """Each of `visitors` signs the form they opened and follows the emailed link."""
    rec = Recorder("sign", "confirm")
    done = []

    def work(visitor):
        if sign_once(port, fixture["petition"], visitor, mailbox, rec):
            done.append(visitor)

    seconds = run_clients(clients, visitors, work)
    return rec, seconds, len(done)


def phase_reference_view(port, count, clients) -> tuple[Recorder, float, int]:
    rec = Recorder("insert")

    def work(n):
        t = time.perf_counter()
        status, _, _ = request(
            port,
            "POST",
            "/bench/insert/",
            body=f"note=ref{n}",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        rec.add([time.perf_counter() - t], failure="" if status == 200 else f"ref {status}")

    seconds = run_clients(clients, list(range(count)), work)
    return rec, seconds, len(rec.requests)


def phase_raw_inserts(count, clients) -> tuple[Recorder, float, int]:
    import psycopg

    rec = Recorder("insert")
    connections = [psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) for _ in range(clients)]
    per_client = count // clients

    def client(conn):
        times = []
        for n in range(per_client):
            t = time.perf_counter()
            conn.execute("INSERT INTO bench_raw (note) VALUES (%s)", (f"raw{n}",))
            times.append(time.perf_counter() - t)
        rec.add(times)

    threads = [threading.Thread(target=client, args=(c,)) for c in connections]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    for conn in connections:
        conn.close()
    return rec, seconds, len(rec.requests)


def counts_beside_rows(petition: int) -> dict:
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        rows = dict(
            conn.execute(
                "SELECT district_id, count(*) FROM petitions_signature WHERE petition_id = %s "
                "AND confirmed_at IS NOT NULL AND invalidated_at IS NULL GROUP BY district_id",
                (petition,),
            ).fetchall()
        )
        tallies = dict(
            conn.execute(
                "SELECT district_id, sum(count) FROM petitions_signaturetally "
                "WHERE petition_id = %s GROUP BY district_id",
                (petition,),
            ).fetchall()
        )
        state = conn.execute(
            "SELECT state, response_threshold_reached_at IS NOT NULL "
            "FROM petitions_petitionpage WHERE page_ptr_id = %s",
            (petition,),
        ).fetchone()
    return {"rows": rows, "tallies": {k: int(v) for k, v in tallies.items()}, "state": state}


def cpu_line(label: str, used: dict[str, float], items: int) -> str:
    parts = "   ".join(f"{side} {seconds / items * 1000:5.2f}" for side, seconds in used.items())
    return f"  {label:<27}{parts}   (total {sum(used.values()) / items * 1000:5.2f})"


@dataclass
class Phase:
    """What one timed phase did: its recorder, seconds, items done and CPU per side."""

    rec: Recorder
    seconds: float
    done: int
    cpu: dict[str, float]

    @property
    def per_second(self) -> float:
        return self.done / self.seconds


def latency_lines(rec: Recorder) -> None:
    for step, times in rec.steps.items():
        print(f"    {step:<8} (one request)     p50 {p(times, 50):6.1f} ms   "
              f"p95 {p(times, 95):6.1f} ms")  # fmt: skip


def report(args, signing: Phase, forms: Phase, ref: Phase, raw: Phase, counts) -> bool:
    workers = args.workers or gunicorn_workers()
    cores = os.cpu_count() or 1
    sig = signing.rec
    print()
    print(f"Signing: {args.clients} clients, gunicorn {workers} workers, PostgreSQL")
    print(f"  confirmed signatures       {signing.done:>7} in {signing.seconds:6.1f} s "
          f"= {signing.per_second:8.1f} /s   (failures: {len(sig.failures)})")  # fmt: skip
    print(f"  their HTTP requests        {len(sig.requests):>7} = "
          f"{len(sig.requests) / signing.seconds:8.1f} /s   (sign + confirm)")  # fmt: skip
    print(f"  latency per request        p50 {p(sig.requests, 50):6.1f} ms   "
          f"p95 {p(sig.requests, 95):6.1f} ms")  # fmt: skip
    latency_lines(sig)
    print(f"  latency per signature      p50 {p(sig.flows, 50):6.1f} ms   "
          f"p95 {p(sig.flows, 95):6.1f} ms   (sign + confirm, one client)")  # fmt: skip
    print("The sign form each of them opened first (its own phase, the same clients):")
    print(f"  form pages                 {forms.done:>7} in {forms.seconds:6.1f} s "
          f"= {forms.per_second:8.1f} /s   (failures: {len(forms.rec.failures)})")  # fmt: skip
    latency_lines(forms.rec)
    visits = signing.done / (forms.seconds + signing.seconds)
    print(f"  whole visits               {visits:8.1f} /s   (form + sign + confirm: the "
          "signatures over both phases' time)")  # fmt: skip
    print("References measured in the same run:")
    print(f"  (a) bare view, 1 INSERT    {ref.done:>7} = {ref.per_second:8.1f} /s   "
          f"p95 {p(ref.rec.requests, 95):6.1f} ms   "
          f"(failures: {len(ref.rec.failures)})")  # fmt: skip
    print(f"  (b) raw INSERT commits     {raw.done:>7} = {raw.per_second:8.1f} /s   "
          f"p95 {p(raw.rec.requests, 95):6.1f} ms")  # fmt: skip
    print("Ratios:")
    print(f"  confirmed signatures / (a)   {signing.per_second / ref.per_second:6.2f}   "
          "(target ≥ 0.5; exactly 0.5 if the sign and the confirm request each cost what (a) "
          "costs)")  # fmt: skip
    print(f"  whole visits / (a)           {visits / ref.per_second:6.2f}   (1/3 = 0.33 if "
          "each of the 3 requests cost what (a) costs)")  # fmt: skip
    requests_per_second = len(sig.requests) / signing.seconds
    print(f"  signing requests / (a)       {requests_per_second / ref.per_second:6.2f}")
    print(f"  confirmed signatures / (b)   {signing.per_second / raw.per_second:6.2f}")
    print(f"  (a) / (b)                    {ref.per_second / raw.per_second:6.2f}")
    print(f"CPU per item, ms (the machine has {cores} cores):")
    print(cpu_line("per confirmed signature", signing.cpu, signing.done))
    print(cpu_line("per form page", forms.cpu, forms.done))
    print(cpu_line("per (a) request", ref.cpu, ref.done))
    per_signature = sum(signing.cpu.values()) / signing.done * 1000
    per_reference = sum(ref.cpu.values()) / ref.done * 1000
    budget = cores * 1000 / TARGET_PER_SECOND
    print(f"  {cores} cores at {per_signature:.2f} ms a signature allow "
          f"{cores * 1000 / per_signature:.0f} signatures/s; {TARGET_PER_SECOND}/s needs "
          f"≤ {budget:.2f} ms a signature, {budget / per_reference:.2f} times one (a) "
          "request")  # fmt: skip
    rows, tallies = counts["rows"], counts["tallies"]
    print("Counts beside rows:")
    print(f"  stored total {sum(tallies.values())}   confirmed rows {sum(rows.values())}   "
          f"{'EQUAL' if rows == tallies else 'DIFFERENT'} (per district too)")  # fmt: skip
    for district in sorted(rows):
        print(f"    district {district}: stored {tallies.get(district, 0)}  rows {rows[district]}")
    state, reached = counts["state"]
    print(f"  petition state after the run: {state} (response threshold reached: {reached})")
    return rows == tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatures", type=int, default=1200)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--workers", type=int, default=None, help="default: gunicorn.conf.py's (WEB_CONCURRENCY)"
    )
    args = parser.parse_args()

    mailbox = tempfile.mkdtemp(prefix="spilno-bench-mail-")
    env = stack_env(mailbox)
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    server = None
    try:
        fixture = prepare(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        print(f"· gunicorn on 127.0.0.1:{port}; warming up", flush=True)
        warm: list[Visitor] = []
        phase_forms(port, fixture, 4 * args.clients, args.clients, "warm", warm)
        phase_signatures(port, fixture, mailbox, warm, args.clients)
        phase_reference_view(port, 4 * args.clients, args.clients)

        def timed(phase) -> Phase:
            (rec, seconds, done), cpu = cpu_used(server.pid, phase)
            return Phase(rec, seconds, done, cpu)

        print(f"· (a) bare view: {2 * args.signatures} requests", flush=True)
        ref = timed(lambda: phase_reference_view(port, 2 * args.signatures, args.clients))
        print(f"· sign forms: {args.signatures} people open one", flush=True)
        visitors: list[Visitor] = []
        forms = timed(
            lambda: phase_forms(port, fixture, args.signatures, args.clients, "person", visitors)
        )
        print(f"· signing: {len(visitors)} signatures", flush=True)
        signing = timed(lambda: phase_signatures(port, fixture, mailbox, visitors, args.clients))
        print(f"· (b) raw inserts: {4 * args.signatures}", flush=True)
        raw = Phase(*phase_raw_inserts(4 * args.signatures, args.clients), cpu={})
        failures = {*signing.rec.failures, *forms.rec.failures, *ref.rec.failures}
        for failure in sorted(failures)[:5]:
            print("  failure:", failure)
        counts = counts_beside_rows(fixture["petition"])
        exact = report(args, signing, forms, ref, raw, counts)
        return 0 if exact and not signing.rec.failures and not forms.rec.failures else 1
    finally:
        stop_server(server)
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(mailbox, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
