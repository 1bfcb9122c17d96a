"""The demo city's year of problem reports (`reports.demo`): 600 reports over the past year in
every state, with their timelines and "me too"s, and the city (`City`) they are drawn in: its
districts, bodies, keys, and the one random stream the whole seed draws from.

The year is written in bulk (reports, updates and supporters in a few statements), because a
service call per step would take the seed far past its budget (the tests seed the city once per
process): every row is laid down as the services leave it (`_Life` mirrors
`reports.services.updates` and checks each move with `reports.states`), so a report's state is
its timeline's last move, `first_response_at` its first official update, `fixed_at`/`closed_at`
its last move's date, `supporter_count` its confirmed supporters. The photos of these reports
are in `reports.demo_photos`; the last days go through the services (`reports.demo`).
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from shapely.geometry import Point
from shapely.prepared import prep

from config.demo import Progress
from config.maps import district_shape, inner_point
from profiles.models import Organization
from reports import demo_data as data
from reports.models import Category, CategoryAttribute, Report, ReportSupporter, ReportUpdate
from reports.states import (
    CLOSED_STATES,
    OPEN_STATES,
    State,
    check_body_transition,
    check_public_transition,
)

PLACE_REPORTS, COMPLAINTS, APP_REPORTS = 560, 36, 20
EDGE_MARGIN = 0.003  # degrees (about 300 m): no marker sits on a district's border
Kind = ReportUpdate.Kind


@dataclass
class City:
    rng: random.Random
    districts: list
    residents: list
    now: datetime = field(default_factory=timezone.now)
    bodies: dict = field(default_factory=dict)
    providers: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    teams: dict = field(default_factory=dict)
    moderator: object = None
    app_key: object = None
    system_key: object = None
    display_names: dict = field(default_factory=dict)
    pictures: list = field(default_factory=list)
    serial: int = 0
    shapes: dict = field(default_factory=dict)  # district pk → its outline less the margin

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def shape(self, district):
        if district.pk not in self.shapes:
            outline = district_shape(district.boundary)
            inner = outline.buffer(-EDGE_MARGIN)
            self.shapes[district.pk] = inner if not inner.is_empty else outline
        return self.shapes[district.pk]

    def point(self, district) -> tuple[Decimal, Decimal]:
        """(latitude, longitude) well inside the district's outline."""
        area = self.shape(district)
        inside = prep(area)
        west, south, east, north = area.bounds
        for _attempt in range(60):
            lon, lat = self.rng.uniform(west, east), self.rng.uniform(south, north)
            if inside.contains(Point(lon, lat)):
                break
        else:
            lon, lat = inner_point(district.boundary, margin=EDGE_MARGIN)
        return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")

    def near(self, report: Report) -> tuple[Decimal, Decimal]:
        """A point a few dozen metres from another report, in the same district."""
        lat = report.latitude + Decimal(self.rng.randint(-25, 25)) / Decimal(100_000)
        lon = report.longitude + Decimal(self.rng.randint(-35, 35)) / Decimal(100_000)
        if prep(self.shape(report.district)).contains(Point(float(lon), float(lat))):
            return lat, lon
        return report.latitude, report.longitude

    def route(self, category: Category, district) -> Organization:
        """The body `reports.services.route_resolve` names (the routes written here)."""
        spec = self.spec(category)
        slug = spec.overrides.get(district.slug, spec.body) if district else spec.body
        return self.bodies[slug]

    def spec(self, category: Category) -> data.DemoCategory:
        return next(spec for spec in data.CATEGORIES if spec.code == category.code)


@dataclass
class _Life:
    """One report's timeline as the services write it: each move checked against the state
    machine, with the dates each service sets (`reports.services.updates._move`)."""

    report: Report
    updates: list = field(default_factory=list)
    original: Report | None = None  # what a duplicate duplicates

    def confirm(self, at: datetime) -> None:
        report = self.report
        report.state, report.confirmed_at, report.updated_at = State.OPEN, at, at
        report.sent_at = at + timedelta(minutes=1)
        self.updates.append(
            ReportUpdate(
                report=report,
                kind=Kind.SITE,
                state_before=State.UNCONFIRMED,
                state_after=State.OPEN,
                confirmed_at=at,
                created_at=at,
            )
        )

    def step(self, at: datetime, kind: str, state: str = "", text: str = "", **fields) -> None:
        report, before = self.report, self.report.state
        moves = bool(state) and state != before
        if kind == Kind.OFFICIAL:
            if moves:
                check_body_transition(before, state)
            report.first_response_at = report.first_response_at or at
            after = state if moves else ""
        else:
            if state:
                check_public_transition(before, state)
                if state == State.OPEN:
                    assert at - report.fixed_at < timedelta(days=28), report  # noqa: S101
            after = state
        if moves:
            report.state = state
            report.fixed_at = at if state == State.FIXED else None
            report.closed_at = at if state in CLOSED_STATES else None
            report.duplicate_of = self.original if state == State.DUPLICATE else None
        report.updated_at = at
        self.updates.append(
            ReportUpdate(
                report=report,
                kind=kind,
                text=text,
                state_before=before,
                state_after=after,
                confirmed_at=at,
                created_at=at,
                **fields,
            )
        )


# Where each state's reports sit in a life: (share among young reports, among old ones).
STATE_WEIGHTS = {
    State.OPEN: (30, 7),
    State.INVESTIGATING: (20, 4),
    State.ACTION_SCHEDULED: (14, 4),
    State.IN_PROGRESS: (10, 3),
    State.FIXED: (18, 64),
    State.NOT_RESPONSIBLE: (3, 7),
    State.DUPLICATE: (3, 6),
    State.UNABLE_TO_FIX: (2, 5),
}


def _moves(rng: random.Random, target: str, silent: bool) -> list[tuple[str, str]]:
    """The (kind, state) steps that lead from open to `target`."""
    working = [State.INVESTIGATING, State.ACTION_SCHEDULED, State.IN_PROGRESS]
    if silent:
        return [(Kind.PUBLIC, State.FIXED)] if target == State.FIXED and rng.random() < 0.5 else []
    if target == State.OPEN:
        roll = rng.random()
        if roll < 0.6:
            return []
        if roll < 0.8:
            return [(Kind.OFFICIAL, "")]
        return [(Kind.OFFICIAL, State.FIXED), (Kind.REPORTER, State.OPEN)]
    if target in working:
        before = [s for s in working[: working.index(target)] if rng.random() < 0.5]
        return [(Kind.OFFICIAL, s) for s in [*before, target]]
    if target == State.FIXED:
        roll = rng.random()
        start = [(Kind.OFFICIAL, s) for s in working if rng.random() < 0.35]
        if roll < 0.15:
            return [*start[:1], (rng.choice([Kind.PUBLIC, Kind.REPORTER]), State.FIXED)]
        if roll < 0.27:
            again = [(Kind.REPORTER, State.OPEN), (Kind.OFFICIAL, State.IN_PROGRESS)]
            return [*start, (Kind.OFFICIAL, State.FIXED), *again, (Kind.OFFICIAL, State.FIXED)]
        return [*start, (Kind.OFFICIAL, State.FIXED)]
    first = [(Kind.OFFICIAL, State.INVESTIGATING)] if rng.random() < 0.4 else []
    return [*first, (Kind.OFFICIAL, target)]


def history(progress: Progress, city: City) -> list[Report]:
    """The past year's reports in bulk, oldest first; returns the public ones, newest first."""
    rng, now = city.rng, city.now
    place = [c for c in city.categories if c.needs_place]
    complaints = [c for c in city.categories if not c.needs_place]
    weights = [city.spec(c).weight for c in place]
    slots = ["place"] * PLACE_REPORTS + ["complaint"] * COMPLAINTS
    ages = sorted((365 * rng.random() ** 1.25 for _ in slots), reverse=True)
    rng.shuffle(slots)
    app_slots = set(rng.sample([i for i, a in enumerate(ages) if 3 < a < 100], APP_REPORTS))
    lives, supporters = [], []
    steps = list(zip(slots, ages, strict=True))
    for n, (what, age) in enumerate(progress.iterate("reports: reports", steps)):
        category = rng.choices(place, weights)[0] if what == "place" else rng.choice(complaints)
        created = _moment(rng, now - timedelta(days=age), now)
        report = _report(city, category, created, app=n in app_slots)
        target = _target(rng, age, category)
        life = _Life(report)
        if target == State.UNCONFIRMED:
            report.reporter_email = report.reporter_email or _email(rng, n)
            report.reporter, report.reporter_name = None, ""
            lives.append(life)
            continue
        if target == State.DUPLICATE:
            life.original = _original(lives, report)
            if life.original is None:
                target = State.OPEN
            else:
                report.district, report.body = life.original.district, life.original.body
                report.latitude, report.longitude = city.near(life.original)
        # Without an account, the reporter confirms from their mailbox minutes later.
        waited = 0 if report.reporter_id else rng.randint(2, 40)
        life.confirm(min(created + timedelta(minutes=waited), now - timedelta(minutes=5)))
        _live(city, life, target)
        lives.append(life)
        supporters += _supporters(city, life)
    # Originals first: a duplicate's row names its original's key (both SQLite and PostgreSQL
    # give bulk-created rows their keys back).
    originals = [life.report for life in lives if life.report.duplicate_of is None]
    Report.objects.bulk_create(originals, batch_size=300)
    duplicates = [life.report for life in lives if life.report.duplicate_of is not None]
    Report.objects.bulk_create(duplicates, batch_size=300)
    ReportUpdate.objects.bulk_create([u for life in lives for u in life.updates], batch_size=500)
    ReportSupporter.objects.bulk_create(supporters, batch_size=500)
    public = [life.report for life in reversed(lives) if life.report.state != State.UNCONFIRMED]
    return public


def _moment(rng: random.Random, day: datetime, now: datetime) -> datetime:
    at = day.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59), second=rng.randint(0, 59))
    return min(at, now - timedelta(minutes=rng.randint(20, 90)))


def _target(rng: random.Random, age: float, category: Category) -> str:
    if age < 5 and rng.random() < 0.2:
        return State.UNCONFIRMED  # still waiting for the email to be confirmed
    young = age < 30
    states = list(STATE_WEIGHTS)
    state = rng.choices(states, [w[0] if young else w[1] for w in STATE_WEIGHTS.values()])[0]
    if state == State.DUPLICATE and not category.needs_place:
        return State.NOT_RESPONSIBLE
    return state


def _original(lives: list[_Life], report: Report) -> Report | None:
    """An earlier public report of the same category, itself no duplicate."""
    for life in reversed(lives[-150:]):
        other = life.report
        if (
            other.category_id == report.category_id
            and other.state != State.UNCONFIRMED
            and other.duplicate_of is None
            and other.latitude is not None
        ):
            return other
    return None


def _email(rng: random.Random, n: int) -> str:
    return f"{rng.choice(['olena', 'petro', 'iryna', 'taras', 'mariia', 'andrii'])}.{n}@example.org"


def _report(city: City, category: Category, created: datetime, *, app: bool) -> Report:
    rng = city.rng
    spec = city.spec(category)
    street = rng.choice(data.STREETS)
    title = rng.choice(spec.titles)
    opening = rng.choice(data.OPENINGS).format(
        title=title,
        title_lower=title[0].lower() + title[1:],
        street=street,
        landmark=rng.choice(data.LANDMARKS),
    )
    description = " ".join(
        part for part in (opening, rng.choice(spec.details), rng.choice(data.CLOSINGS)) if part
    )
    report = Report(
        category=category,
        title=title,
        description=description,
        attributes=answers(rng, spec, created),
        created_at=created,
        updated_at=created,
        state=State.UNCONFIRMED,
    )
    if category.needs_place:
        report.district = rng.choice(city.districts)
        report.latitude, report.longitude = city.point(report.district)
        report.address = f"{street}, {rng.randint(1, 120)}"
    else:
        report.provider = rng.choice(city.providers)
    report.body = city.route(category, report.district)
    n = city.next_serial()
    if app:
        report.source, report.app_key = Report.Source.OPEN311, city.app_key
    if rng.random() < 0.55 and not app:
        user = rng.choice(city.residents[26:])
        report.reporter = user
        report.show_name = rng.random() < 0.4
        report.reporter_name = city.display_names.get(user.pk, "") if report.show_name else ""
    else:
        report.reporter_email = _email(rng, n)
        report.show_name = rng.random() < 0.3
        if report.show_name:
            report.reporter_name = rng.choice(["Олена", "Петро", "Ірина", "Тарас", "Марія"])
    return report


def answers(rng: random.Random, spec: data.DemoCategory, created: datetime) -> dict:
    replies = {}
    for question in spec.attributes:
        if not question.required and rng.random() < 0.4:
            continue
        if question.datatype == CategoryAttribute.Datatype.SINGLEVALUELIST:
            replies[question.code] = rng.choice(question.values)[0]
        elif question.datatype == CategoryAttribute.Datatype.MULTIVALUELIST:
            replies[question.code] = [v[0] for v in question.values if rng.random() < 0.5][:2] or [
                question.values[0][0]
            ]
        elif question.datatype == CategoryAttribute.Datatype.NUMBER:
            replies[question.code] = str(rng.choice([1, 2, 3, 5, 8, 12]))
        elif question.datatype == CategoryAttribute.Datatype.DATETIME:
            replies[question.code] = (created - timedelta(hours=rng.randint(2, 60))).isoformat()
        else:
            replies[question.code] = f"ВО-{rng.randint(100, 9999)}"
    return replies


def _live(city: City, life: _Life, target: str) -> None:
    """The report's life after confirmation: its body answers in its own time (or never),
    and each later step follows in days; a life that would reach past today is shortened, and
    a report younger than its body's first answer is still waiting for it."""
    rng, report = city.rng, life.report
    body = next(b for b in data.BODIES if b.slug == report.body.slug)
    silent = rng.random() < body.silent_share
    moves = _moves(rng, target, silent)
    if not moves:
        return
    gaps = [rng.uniform(*body.response_days)]
    for _kind, state in moves[1:]:
        gaps.append(rng.uniform(2, 20) if state == State.OPEN else rng.uniform(0.5, 12))
    start = report.confirmed_at
    room = (city.now - timedelta(hours=1) - start).total_seconds() / 86400
    if room <= 0 or (moves[0][0] == Kind.OFFICIAL and gaps[0] > room):
        return
    scale = min(1.0, room / sum(gaps))
    at = start
    team = city.teams.get(report.body_id) or [None]
    for (kind, state), gap in zip(moves, gaps, strict=True):
        at += timedelta(days=gap * scale)
        if kind == Kind.OFFICIAL:
            extra = _official(city, report, at, team)
            if state == State.ACTION_SCHEDULED:
                report.expected_at = at + timedelta(days=rng.randint(3, 21))
            texts = data.OFFICIAL if report.provider_id is None else data.OFFICIAL_COMPLAINT
            life.step(at, kind, state, rng.choice(texts[state]), **extra)
        elif kind == Kind.REPORTER and report.reporter_id is None and not report.reporter_email:
            life.step(at, Kind.PUBLIC, state, **_resident(city, report))
        elif kind == Kind.REPORTER:
            text = rng.choice(data.REOPEN if state == State.OPEN else data.RESIDENT_FIXED)
            life.step(at, kind, state, text, **_as_reporter(report))
        else:
            life.step(at, kind, state, rng.choice(data.RESIDENT_FIXED), **_resident(city, report))


def _official(city: City, report: Report, at: datetime, team: list) -> dict:
    """Who wrote the body's update and how: its system on Open311 (the lighting company, once
    it had its key), its emailed link, or a member signed in."""
    rng = city.rng
    system = city.system_key
    if report.body_id == system.body_id and at > system.created_at and rng.random() < 0.6:
        return {"body": report.body, "source": ReportUpdate.Source.OPEN311}
    if rng.random() < 0.3:
        return {"body": report.body, "source": ReportUpdate.Source.BODY_LINK}
    return {"body": report.body, "source": ReportUpdate.Source.WEB, "author": rng.choice(team)}


def _as_reporter(report: Report) -> dict:
    if report.reporter_id:
        return {"author": report.reporter, "author_name": report.reporter_name}
    return {"author_email": report.reporter_email, "author_name": report.reporter_name}


def _resident(city: City, report: Report) -> dict:
    others = [u for u in city.residents[26:] if u.pk != report.reporter_id]
    return {"author": city.rng.choice(others)}


def _supporters(city: City, life: _Life) -> list[ReportSupporter]:
    """ "Me too" while the report was open: signed-in residents (counted at once) and now and
    then someone by email, counted once confirmed (one still waits)."""
    rng, report = city.rng, life.report
    if report.duplicate_of is not None or rng.random() < 0.45:
        return []
    ends = next(
        (u.created_at for u in life.updates if u.state_after and u.state_after not in OPEN_STATES),
        city.now,
    )
    span = (ends - report.confirmed_at).total_seconds()
    if span < 600:
        return []
    count = rng.choice([1, 1, 2, 2, 3, 4, 5, 7, 9, 14])
    people = [u for u in city.residents[26:] if u.pk != report.reporter_id]
    rows = []
    for user in rng.sample(people, count):
        at = report.confirmed_at + timedelta(seconds=span * rng.random())
        rows.append(ReportSupporter(report=report, user=user, confirmed_at=at, created_at=at))
    if rng.random() < 0.15:
        at = report.confirmed_at + timedelta(seconds=span * rng.random())
        waiting = rng.random() < 0.3
        rows.append(
            ReportSupporter(
                report=report,
                email=f"susid.{city.next_serial()}@example.org",
                confirmed_at=None if waiting else at,
                created_at=at,
            )
        )
    report.supporter_count = sum(1 for row in rows if row.confirmed_at is not None)
    return rows
