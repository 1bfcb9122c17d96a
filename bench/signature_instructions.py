"""Benchmark of signing in instructions: the same figure on every run, however busy the machine.

    .venv/bin/python bench/signature_instructions.py [--signatures 30]

`bench/signatures.py` measures signing in seconds, through gunicorn, but on this shared 2-core
machine its figures drift by tens of percent from one run to the next. To tell whether a change
to the signing path made it cheaper, this benchmark counts instructions with valgrind's
callgrind instead: the same code on the same data executes the same number of them (two runs
differ by well under 1%).

One Python process calls the site's WSGI application directly (what a gunicorn worker does,
without the HTTP server), with the settings of `bench/signatures_stack/settings.py` on a
throwaway PostgreSQL database (`spilno_bench_instructions`, dropped at the end). Counted, after
a warm-up that is not:

- a signature: the sign POST and the confirm GET of a person who opened the form beforehand
  (the two requests `bench/signatures.py` times in its signing phase);
- a form page: the GET of the sign form, with its CSRF cookie and token;
- the reference, in the same run: a request of the bare view (a) of `bench/signatures.py`,
  the whole middleware stack doing one INSERT that commits.

Only this process is counted: PostgreSQL's work happens in its own processes (its CPU time is
in `bench/signatures.py`). Needs valgrind (Debian's package `valgrind`); takes about a minute.
"""

import argparse
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
from bench.signatures import (  # noqa: E402
    CONFIRM_LINK,
    Visitor,
    admin_sql,
    header,
    prepare,
    signing_form,
    stack_env,
    visitor_from_form,
)
from bench.signatures_stack.mailbox import mailbox_path  # noqa: E402

DATABASE = "spilno_bench_instructions"
WARM_UP = 10
DUMP = re.compile(r"^desc: Trigger: dump (\w+)$", re.MULTILINE)
TOTALS = re.compile(r"^totals: (\d+)$", re.MULTILINE)


class Site:
    """The WSGI application called in-process, as gunicorn calls it, one request at a time."""

    def __init__(self, mailbox: str):
        from bench.signatures_stack.wsgi import application

        self.application = application
        self.mailbox = mailbox

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            **(headers or {}),
        }
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            answer["headers"] = [(name, value.strip()) for name, value in response_headers]

        chunks = self.application(environ, start_response)
        content = b"".join(chunks)
        chunks.close()
        return answer["status"], answer["headers"], content

    def open_form(self, petition: int, email: str, district: int) -> Visitor:
        status, headers, content = self.request("GET", f"/petitions/sign/{petition}/")
        visitor = visitor_from_form(email, district, status, headers, content)
        assert visitor is not None, f"form: {status}"
        return visitor

    def sign_and_confirm(self, petition: int, visitor: Visitor) -> None:
        status, _, _ = self.request(
            "POST",
            f"/petitions/sign/{petition}/",
            signing_form(visitor).encode(),
            {
                "CONTENT_TYPE": "application/x-www-form-urlencoded",
                "HTTP_COOKIE": f"csrftoken={visitor.csrf_cookie}",
                "HTTP_REFERER": f"http://127.0.0.1/petitions/sign/{petition}/",
            },
        )
        assert status == 302, f"sign: {status}"
        message = mailbox_path(self.mailbox, visitor.email).read_text(encoding="utf-8")
        status, headers, _ = self.request("GET", CONFIRM_LINK.search(message).group(1))
        location = header(headers, "Location")
        assert status == 302 and "signature=confirmed" in location, f"confirm: {status}"

    def bare_insert(self) -> None:
        status, _, _ = self.request(
            "POST",
            "/bench/insert/",
            b"note=reference",
            {"CONTENT_TYPE": "application/x-www-form-urlencoded"},
        )
        assert status == 200, f"bare view: {status}"


def counted(label: str, work) -> None:
    """Run `work()` with callgrind counting, then write its count to a dump named `label`."""

    def control(*arguments):
        command = ["callgrind_control", *arguments, str(os.getpid())]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    control("--instr=on")
    work()
    control("--instr=off")
    control(f"--dump={label}")


def inner(count: int, fixture: dict, mailbox: str) -> None:
    """Under valgrind: warm up uncounted, then count forms, signatures and the bare view."""
    import django

    django.setup()
    site = Site(mailbox)
    petition, districts = fixture["petition"], fixture["districts"]
    tag = secrets.token_hex(4)

    def visitor(n: int) -> Visitor:
        district = districts[n % len(districts)]
        return site.open_form(petition, f"{tag}{n}@bench.example.org", district)

    for n in range(WARM_UP):
        site.sign_and_confirm(petition, visitor(n))
        site.bare_insert()
    visitors: list[Visitor] = []
    people = range(WARM_UP, WARM_UP + count)
    counted("forms", lambda: visitors.extend(visitor(n) for n in people))
    counted("signatures", lambda: [site.sign_and_confirm(petition, v) for v in visitors])
    counted("bare", lambda: [site.bare_insert() for _ in range(count)])


def read_counts(folder: Path) -> dict[str, int]:
    counts = {}
    for dump in folder.glob("callgrind.out.*"):
        text = dump.read_text(errors="replace")
        label, total = DUMP.search(text), TOTALS.search(text)
        if label and total:
            counts[label.group(1)] = int(total.group(1))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatures", type=int, default=30)
    parser.add_argument("--inner", help=argparse.SUPPRESS)  # the fixture, as JSON
    args = parser.parse_args()
    if args.inner:
        inner(args.signatures, json.loads(args.inner), os.environ["BENCH_MAILBOX_DIR"])
        return 0
    if not shutil.which("valgrind"):
        print("valgrind is missing: apt-get install valgrind", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="spilno-bench-instructions-"))
    env = {**stack_env(str(work / "mail"), database=DATABASE), "PYTHONHASHSEED": "0"}
    (work / "mail").mkdir()
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    try:
        fixture = prepare(env, database=DATABASE)
        print(f"· counting {args.signatures} of each under callgrind (about a minute)", flush=True)
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={work / 'callgrind.out.%p'}",
            sys.executable, __file__, "--signatures", str(args.signatures),
            "--inner", json.dumps(fixture),
        ]  # fmt: skip
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr[-3000:], file=sys.stderr)
            return 1
        counts = read_counts(work)
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)

    per = {label: total / args.signatures for label, total in counts.items()}
    bare = per["bare"]
    print()
    print(f"Instructions per item, {args.signatures} of each, counted in the Python process "
          "that serves them (PostgreSQL's own processes not counted):")  # fmt: skip
    for label, name in [
        ("signatures", "signature (sign + confirm)"),
        ("forms", "sign form page"),
        ("bare", "(a) bare view, 1 INSERT"),
    ]:
        print(f"  {name:<28}{per[label] / 1e6:8.3f} M   {per[label] / bare:5.2f} × (a)")
    print(f"  the issue's ratio 0.5 to (a) needs a signature at ≤ 2.00 × (a): "
          f"{per['signatures'] / bare:.2f} now")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
