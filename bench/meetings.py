"""Benchmark of a residents' meeting's close: the count and the minutes of a 2,000-unit
building where every co-owner voted on 10 items, beside the same tally done with one SQL
aggregate and raw WeasyPrint on the same HTML, in the same run.

    .venv/bin/python bench/meetings.py [--units 2000] [--items 10] [--runs 3]

It creates a throwaway PostgreSQL database (`spilno_bench_meetings`, dropped at the end),
migrates it with the test settings and fills it in bulk: one association and its board, one
building of `--units` units (25–120 m², a tenth of them owned in halves), a verified co-owner
for every ownership; then a meeting of `--items` items goes through the services: created,
convened, opened (the rights snapshot), and every co-owner's ballot on every item entered
(in stacks of 250, one append to the log each), about 22,000 votes.

Then, turn about so that a busy machine slows both alike, `--runs` times each:

- ours: `meeting_count` (the exact Fraction tally from the vote rows, the quorum, the rules,
  a signed tree head) and `minutes_pdf` for both copies (the template and
  `config.pdf.html_to_pdf`), inside a transaction rolled back after each run;
- reference: one SQL statement (the last vote per share and item, weighted sums per item
  and choice in numeric) and `weasyprint.HTML(string=…).write_pdf()` on the same two HTML
  documents, rendered once beforehand.

Both tallies are checked to agree. The last line is the ratio of the medians.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
from bench.signatures import PG, admin_sql  # noqa: E402

DATABASE = "spilno_bench_meetings"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
TARGET_RATIO = 1.5
STACK = 250

HAND_TALLY = """
SELECT latest.item_id, latest.choice,
       SUM(r.weight_numerator::numeric / r.weight_denominator) AS weight
FROM (
  SELECT DISTINCT ON (v.right_id, v.item_id) v.right_id, v.item_id, v.choice
  FROM {vote} v WHERE v.meeting_id = %(meeting)s
  ORDER BY v.right_id, v.item_id, v.entry_index DESC
) latest JOIN {right} r ON r.id = latest.right_id
GROUP BY latest.item_id, latest.choice
"""


def fill(units: int, rng: random.Random):
    """A building of `units` units, each co-owner verified, and its association's board."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from config.models import District
    from profiles.models import Membership, Organization
    from residents.models import Building, Ownership, Unit, VerifiedAttribute

    User = get_user_model()
    now = timezone.now()
    district = District.objects.create(slug="bench", name_uk="Район", name_en="District")
    association = Organization.objects.create(
        name="ОСББ «Бенчмарк»", slug="osbb-bench", kind=Organization.Kind.CONDOMINIUM
    )
    building = Building.objects.create(
        address="вул. Велика, 1", district=district, association=association
    )
    password = make_password("bench")
    board = User.objects.create(email="board@example.org", password=password)
    Membership.objects.create(organization=association, user=board, role=Membership.Role.ADMIN)
    unit_rows = Unit.objects.bulk_create(
        [
            Unit(
                building=building,
                number=str(n + 1),
                area=Decimal(rng.randint(2500, 12000)) / 100,
            )
            for n in range(units)
        ],
        batch_size=2000,
    )
    shares = []
    for unit in unit_rows:
        halves = rng.random() < 0.1
        shares += [(unit, 1, 2), (unit, 1, 2)] if halves else [(unit, 1, 1)]
    users = User.objects.bulk_create(
        [User(email=f"owner{n:05d}@example.org", password=password) for n in range(len(shares))],
        batch_size=2000,
    )
    ownerships = Ownership.objects.bulk_create(
        [
            Ownership(unit=unit, user=user, share_numerator=n, share_denominator=d)
            for (unit, n, d), user in zip(shares, users, strict=True)
        ],
        batch_size=2000,
    )
    VerifiedAttribute.objects.bulk_create(
        [
            VerifiedAttribute(
                user=ownership.user,
                kind=VerifiedAttribute.Kind.CO_OWNER,
                building=building,
                ownership=ownership,
                source=VerifiedAttribute.Source.BUILDING_REGISTER,
                verified_at=now,
            )
            for ownership in ownerships
        ],
        batch_size=2000,
    )
    return building, board


def median(values) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE}")
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
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    import weasyprint

    from meetings.models import Vote, VotingRight
    from meetings.services.counting import meeting_tally
    from meetings.services.meetings import (
        meeting_convene,
        meeting_count,
        meeting_create,
        meeting_open_voting,
    )
    from meetings.services.minutes import minutes_html, minutes_pdf
    from meetings.services.votes import paper_ballots_enter

    rng = random.Random(args.seed)
    print(f"· migrating a throwaway database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    building, board = fill(args.units, rng)
    now = timezone.now()
    opens = now - timedelta(days=1)
    meeting = meeting_create(
        building=building,
        by=board,
        title="Бенчмарк: десять питань",
        items=[
            {"title": f"Питання {n + 1}", "proposed_decision": "Ухвалити.", "rule": rule}
            for n, rule in enumerate(["majority", "two_thirds"] * (args.items // 2 + 1))
        ][: args.items],
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=7),
    )
    meeting = meeting_convene(meeting=meeting, by=board, now=opens - timedelta(days=15))
    meeting = meeting_open_voting(meeting=meeting, now=opens)
    items = list(meeting.items.order_by("position"))
    rights = list(VotingRight.objects.filter(meeting=meeting).order_by("pk"))
    choices = ["for"] * 6 + ["against"] * 3 + ["abstain"]
    for start in range(0, len(rights), STACK):
        paper_ballots_enter(
            meeting=meeting,
            by=board,
            ballots=[
                (right, {item.pk: rng.choice(choices) for item in items})
                for right in rights[start : start + STACK]
            ],
            now=now,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    votes = Vote.objects.filter(meeting=meeting).count()
    print(
        f"· {args.units:,} units, {len(rights):,} co-owners, {len(items)} items, "
        f"{votes:,} votes in {time.perf_counter() - started:.0f} s",
        flush=True,
    )

    closes = meeting.voting_closes_at
    sql = HAND_TALLY.format(vote=Vote._meta.db_table, right=VotingRight._meta.db_table)

    def ours() -> tuple[float, float]:
        with transaction.atomic():
            started = time.perf_counter()
            counted = meeting_count(meeting=meeting, now=closes)
            tally_done = time.perf_counter()
            counted.chair_name = "Голова правління"
            for copy in ("coowners", "public"):
                minutes_pdf(meeting=counted, copy=copy)
            ended = time.perf_counter()
            transaction.set_rollback(True)
        meeting.refresh_from_db()
        return tally_done - started, ended - started

    with transaction.atomic():
        counted = meeting_count(meeting=meeting, now=closes)
        counted.chair_name = "Голова правління"
        documents = [minutes_html(meeting=counted, copy=c) for c in ("coowners", "public")]
        expected = counted.results
        transaction.set_rollback(True)
    meeting.refresh_from_db()

    def reference() -> tuple[float, float]:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, {"meeting": meeting.pk})
            rows = cursor.fetchall()
        tally_done = time.perf_counter()
        for html in documents:
            weasyprint.HTML(string=html).write_pdf()
        return rows, tally_done - started, time.perf_counter() - started

    rows, _t, _all = reference()
    by_item = {item.pk: item for item in items}
    hand = {(by_item[item_id].position, choice): weight for item_id, choice, weight in rows}
    for result in expected["items"]:
        for choice in ("for", "against", "abstain"):
            exact = Decimal(result[f"{choice}_m2"])
            assert abs(hand.get((result["position"], choice), 0) - exact) < Decimal("0.01")
    assert expected == {**meeting_tally(meeting=meeting), "tree_head": expected["tree_head"]}
    print(
        f"· minutes: {len(documents[0]) // 1024} KiB and {len(documents[1]) // 1024} KiB of HTML",
        flush=True,
    )

    our_tally, our_total, ref_tally, ref_total = [], [], [], []
    for n in range(args.runs):
        order = (ours, reference) if n % 2 == 0 else (reference, ours)
        for action in order:
            if action is ours:
                tally, total = ours()
                our_tally.append(tally)
                our_total.append(total)
            else:
                _rows, tally, total = reference()
                ref_tally.append(tally)
                ref_total.append(total)
    print(
        f"count       ours median {median(our_tally) * 1000:9.1f} ms   "
        f"one SQL aggregate median {median(ref_tally) * 1000:9.1f} ms"
    )
    print(
        f"count+PDFs  ours median {median(our_total):9.2f} s    "
        f"SQL + raw WeasyPrint median {median(ref_total):9.2f} s   (n={args.runs})"
    )
    ratio = median(our_total) / median(ref_total)
    print(f"ratio meetings count+minutes: {ratio:.2f} (target <= {TARGET_RATIO})")


if __name__ == "__main__":
    main()
