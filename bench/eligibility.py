"""Benchmark of eligibility: "is this person in the audience?" and "how many are?" on
PostgreSQL, each beside the same question asked as one hand-written SQL statement.

    .venv/bin/python bench/eligibility.py [--people 100000] [--calls 2000] [--counts 60]

It creates a throwaway PostgreSQL database (`spilno_bench_eligibility`, dropped at the end),
migrates it with the test settings and fills it in bulk (`bulk_create` in chunks):

- `--people` accounts in 12 districts and 400 buildings: 60 % verified residents of a district,
  25 % of a building, 15 % co-owners of a flat (some of them residents elsewhere), 20 % with a
  profession among 30, 12 % members of one of 50 organizations; a few percent of the
  attributes expired and a few revoked, as in a city where verification has run for years;
- one audience combining kinds: residents of 4 districts (directly or through a building there)
  AND practitioners of one of 10 professions (about 2 % of the people).

Then, turn about so that a busy machine slows both alike, it measures p50 and p95 of:

- `residents.selectors.audience_includes` for `--calls` random people, half of them in the
  audience, against one hand-written statement with the audience's ids written into it (what
  a person who knows the audience would write: no guard for kinds it does not name);
- `residents.selectors.audience_count`, `--counts` times, against a hand-written count that
  unions and intersects the attribute sets.

Each ORM question is asked in both forms callers use: a stored `Audience` as a poll page has
it (loaded with its row, which carries its ids: `Audience.rule`), and a prepared
`AudienceRule`. Both run on the same connection in the same run as the hand-written SQL;
every answer is checked to agree. The last line is the worst of the four ratios
(ORM p95 / SQL p95), naming which.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "spilno_bench_eligibility"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
TARGET_RATIO = 1.5
CHUNK = 5000


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def chunks(items, size=CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fill(people: int, rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from config.models import District
    from experts.models import Competency
    from profiles.models import Organization
    from residents.models import Building, Ownership, Unit, VerifiedAttribute

    User = get_user_model()
    Kind = VerifiedAttribute.Kind
    now = timezone.now()
    districts = [
        District.objects.get_or_create(
            slug=f"bench-{n}", defaults={"name_uk": f"Район {n}", "name_en": f"District {n}"}
        )[0]
        for n in range(12)
    ]
    buildings = Building.objects.bulk_create(
        [Building(address=f"вул. Тестова, {n}", district=districts[n % 12]) for n in range(400)]
    )
    competencies = Competency.objects.bulk_create(
        [Competency(slug=f"bench-{n}", name=f"Фах {n}", name_en=f"Trade {n}") for n in range(30)]
    )
    organizations = Organization.objects.bulk_create(
        [
            Organization(name=f"Організація {n}", slug=f"bench-org-{n}", kind="informal_group")
            for n in range(50)
        ]
    )
    password = make_password("bench")
    users = []
    for part in chunks(range(people)):
        users += User.objects.bulk_create(
            [User(email=f"bench{n:06d}@example.org", password=password) for n in part]
        )

    def lifetime():
        """Most attributes hold; some expired, some were revoked."""
        roll = rng.random()
        if roll < 0.04:
            return {"expires_at": now - timedelta(days=rng.randint(1, 300))}
        if roll < 0.07:
            return {"revoked_at": now - timedelta(days=rng.randint(1, 300))}
        return {}

    attributes = []
    owners = []
    for user in users:
        roll = rng.random()
        base = {"user": user, "verified_at": now - timedelta(days=rng.randint(0, 300))}
        expiry = {"expires_at": now + timedelta(days=rng.randint(1, 365))}
        if roll < 0.60:
            attributes.append(
                VerifiedAttribute(
                    kind=Kind.DISTRICT_RESIDENT,
                    district=rng.choice(districts),
                    source="registrar",
                    **base,
                    **{**expiry, **lifetime()},
                )  # fmt: skip
            )
        elif roll < 0.85:
            attributes.append(
                VerifiedAttribute(
                    kind=Kind.BUILDING_RESIDENT,
                    building=rng.choice(buildings),
                    source="postal_code",
                    **base,
                    **{**expiry, **lifetime()},
                )  # fmt: skip
            )
        if rng.random() < 0.15:
            owners.append(user)
        if rng.random() < 0.20:
            attributes.append(
                VerifiedAttribute(
                    kind=Kind.PROFESSION,
                    competency=rng.choice(competencies),
                    source="expert_credential",
                    **base,
                    **lifetime(),
                )  # fmt: skip
            )
        if rng.random() < 0.12:
            attributes.append(
                VerifiedAttribute(
                    kind=Kind.MEMBER,
                    organization=rng.choice(organizations),
                    source="team_membership",
                    **base,
                    **lifetime(),
                )  # fmt: skip
            )
    units = []
    for part in chunks(owners):
        units += Unit.objects.bulk_create(
            [Unit(building=rng.choice(buildings), number=f"u{user.pk}", area=54) for user in part]
        )
    ownerships = []
    for part in chunks(list(zip(units, owners, strict=True))):
        ownerships += Ownership.objects.bulk_create(
            [
                Ownership(unit=unit, user=user, share_numerator=1, share_denominator=1)
                for unit, user in part
            ]
        )
    for ownership, user in zip(ownerships, owners, strict=True):
        attributes.append(
            VerifiedAttribute(
                kind=Kind.CO_OWNER,
                ownership=ownership,
                building_id=ownership.unit.building_id,
                source="building_register",
                user=user,
                verified_at=now,
                **lifetime(),
            )  # fmt: skip
        )
    for part in chunks(attributes):
        VerifiedAttribute.objects.bulk_create(part)
    return {
        "users": users,
        "districts": districts,
        "competencies": competencies,
        "organizations": organizations,
        "attributes": len(attributes),
    }


HAND_INCLUDES = """
SELECT EXISTS (
  SELECT 1 FROM {user} u
  WHERE u.id = %(user)s AND u.is_active
    AND (
      EXISTS (SELECT 1 FROM {attr} a
              WHERE a.user_id = u.id AND a.kind = 'district_resident'
                AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s)
                AND a.district_id = ANY(%(districts)s))
      OR EXISTS (SELECT 1 FROM {attr} a JOIN {building} b ON b.id = a.building_id
                 WHERE a.user_id = u.id AND a.kind = 'building_resident'
                   AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s)
                   AND b.district_id = ANY(%(districts)s)))
    AND EXISTS (SELECT 1 FROM {attr} a
                WHERE a.user_id = u.id AND a.kind = 'profession'
                  AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s)
                  AND a.competency_id = ANY(%(competencies)s))
)
"""

HAND_COUNT = """
SELECT count(*) FROM (
  (SELECT a.user_id FROM {attr} a
  WHERE a.kind = 'district_resident' AND a.district_id = ANY(%(districts)s)
    AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s)
  UNION
  SELECT a.user_id FROM {attr} a JOIN {building} b ON b.id = a.building_id
  WHERE a.kind = 'building_resident' AND b.district_id = ANY(%(districts)s)
    AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s))
  INTERSECT
  SELECT a.user_id FROM {attr} a
  WHERE a.kind = 'profession' AND a.competency_id = ANY(%(competencies)s)
    AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > %(now)s)
) eligible JOIN {user} u ON u.id = eligible.user_id AND u.is_active
"""


def p(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def paired(first, second, arguments) -> tuple[list, list]:
    """Run both on each argument, alternating which goes first; times in ms."""
    times: tuple[list, list] = ([], [])
    for n, argument in enumerate(arguments):
        order = ((first, 0), (second, 1)) if n % 2 == 0 else ((second, 1), (first, 0))
        for action, bucket in order:
            started = time.perf_counter()
            action(argument)
            times[bucket].append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--counts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
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
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from residents.models import Audience, Building, VerifiedAttribute
    from residents.selectors import (
        AudienceRule,
        audience_count,
        audience_includes,
        audience_members,
    )
    from residents.services.audiences import audience_create

    rng = random.Random(args.seed)
    print(f"· migrating a throwaway database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    city = fill(args.people, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"· {len(city['users']):,} people, {city['attributes']:,} attributes "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    districts = city["districts"][:4]
    competencies = city["competencies"][:10]
    audience = audience_create(districts=districts, competencies=competencies)
    audience = Audience.objects.get(pk=audience.pk)
    tables = {
        "user": get_user_model()._meta.db_table,
        "attr": VerifiedAttribute._meta.db_table,
        "building": Building._meta.db_table,
    }
    ids = {
        "districts": [d.pk for d in districts],
        "competencies": [c.pk for c in competencies],
    }
    includes_sql = HAND_INCLUDES.format(**tables)
    count_sql = HAND_COUNT.format(**tables)
    cursor = connection.cursor()

    def hand_includes(user):
        cursor.execute(includes_sql, {"user": user.pk, "now": timezone.now(), **ids})
        return cursor.fetchone()[0]

    def hand_count(_):
        cursor.execute(count_sql, {"now": timezone.now(), **ids})
        return cursor.fetchone()[0]

    rule = AudienceRule.of(audience)

    def orm_includes(user):
        return audience_includes(audience=rule, user=user)

    def orm_count(_):
        return audience_count(audience=rule)

    # As a poll page asks: the audience loaded with its row (which carries its ids), then
    # the question; the row is read once per page, like the poll.
    def stored_includes(user):
        return audience_includes(audience=audience, user=user)

    def stored_count(_):
        return audience_count(audience=audience)

    eligible = set(audience_members(audience=audience))
    count = audience_count(audience=audience)
    assert count == hand_count(None) == len(eligible), (count, hand_count(None), len(eligible))
    inside = [u for u in city["users"] if u.pk in eligible]
    outside = [u for u in city["users"] if u.pk not in eligible]
    people = [rng.choice(inside) if n % 2 else rng.choice(outside) for n in range(args.calls)]
    assert orm_count(None) == count
    for user in people[:200]:
        assert orm_includes(user) == hand_includes(user) == (user.pk in eligible)
        assert stored_includes(user) == (user.pk in eligible)
    print(f"· audience: 4 districts AND 10 professions: {count:,} eligible")

    paired(orm_includes, hand_includes, people[:100])  # warm-up, not counted
    paired(stored_includes, hand_includes, people[:100])
    orm_times, sql_times = paired(orm_includes, hand_includes, people)
    stored_times, sql_times_2 = paired(stored_includes, hand_includes, people)
    paired(orm_count, hand_count, range(3))
    orm_count_times, sql_count_times = paired(orm_count, hand_count, range(args.counts))
    stored_count_times, sql_count_times_2 = paired(stored_count, hand_count, range(args.counts))

    def line(label, orm, sql) -> float:
        ratio = p(orm, 0.95) / p(sql, 0.95)
        print(
            f"{label:<34} ORM p50 {p(orm, 0.5):8.3f} ms  p95 {p(orm, 0.95):8.3f} ms   "
            f"hand SQL p50 {p(sql, 0.5):8.3f} ms  p95 {p(sql, 0.95):8.3f} ms   "
            f"ratio p95 {ratio:.2f}  (n={len(orm)})"
        )
        return ratio

    ratios = {
        "is-eligible (AudienceRule)": line("is-eligible (AudienceRule)", orm_times, sql_times),
        "count (AudienceRule)": line("count (AudienceRule)", orm_count_times, sql_count_times),
        "is-eligible (stored Audience)": line(
            "is-eligible (stored Audience)", stored_times, sql_times_2
        ),
        "count (stored Audience)": line(
            "count (stored Audience)", stored_count_times, sql_count_times_2
        ),
    }
    print(
        f"mean is-eligible: AudienceRule {statistics.mean(orm_times):.3f} ms, "
        f"stored Audience {statistics.mean(stored_times):.3f} ms, "
        f"hand SQL {statistics.mean(sql_times + sql_times_2):.3f} ms"
    )
    worst_label, worst = max(ratios.items(), key=lambda item: item[1])
    print(
        f"ratio eligibility (worst of is-eligible, count): {worst:.2f} (target <= {TARGET_RATIO})"
        f"  [{worst_label}]"
    )


if __name__ == "__main__":
    main()
