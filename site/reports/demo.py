"""The demo city's problem reports: fourteen categories (ten at a place, four complaints about
providers) routed to nine municipal bodies, with district administrations taking some
categories in their own districts; 600 reports over the past year in every state, with their
timelines, "me too"s, photos, hidden ones, and an app and a body's own system on Open311.

The year of history is written in bulk (reports, updates, supporters and photos in a few
statements), because a service call per step would take the seed far past its budget (the
tests seed the city once per process): every row is laid down as the services leave it
(`_Life` mirrors `reports.services.updates` and checks each move with `reports.states`), so a
report's state is its timeline's last move, `first_response_at` its first official update,
`fixed_at`/`closed_at` its last move's date, `supporter_count` its confirmed supporters. The
last days go through the services themselves: the keys, the newest reports (some still
unconfirmed), a "me too", official updates by a body's member and by its own system, and the
moderator's hiding. The demo's people are invented, so their mail is not sent. A second run
finds the first category and writes nothing.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from PIL import Image, ImageDraw
from shapely.geometry import Point
from shapely.prepared import prep

from config.demo import Progress, demo_random
from config.maps import district_shape, inner_point
from config.models import District
from profiles.demo import demo_users
from profiles.images import picture_reencode
from profiles.models import Membership, Organization, Profile
from profiles.text import latin_slug
from reports import demo_data as data
from reports.models import (
    Category,
    CategoryAttribute,
    Report,
    ReportPhoto,
    ReportSupporter,
    ReportUpdate,
    Route,
)
from reports.states import (
    CLOSED_STATES,
    OPEN_STATES,
    State,
    check_body_transition,
    check_public_transition,
)

MODERATOR_EMAIL = "moderator@spilno.localhost"
DEVELOPER_EMAIL = "resident040@example.org"  # a citizen of the profiles demo who writes apps
APP_NAME = "Міський застосунок"
SYSTEM_NAME = "Диспетчерська система КП «Міськсвітло»"
PLACE_REPORTS, COMPLAINTS, APP_REPORTS = 560, 36, 20
PHOTO_REPORTS = 38
EDGE_MARGIN = 0.003  # degrees (about 300 m): no marker sits on a district's border
KEYS_AGO = timedelta(days=120)
Kind = ReportUpdate.Kind


def seed(*, progress: Progress) -> None:
    districts = [d for d in District.objects.order_by("pk") if district_shape(d.boundary)]
    if not districts or Category.objects.filter(code=data.CATEGORIES[0].code).exists():
        return
    residents = list(demo_users())
    if len(residents) < 60:
        return
    rng = demo_random("reports")
    # Mail of invented people to invented bodies goes nowhere (dev prints mail to the console).
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with quiet, transaction.atomic():
        city = _City(rng=rng, districts=districts, residents=residents)
        city.display_names = dict(
            Profile.objects.filter(user__in=residents).values_list("user_id", "display_name")
        )
        city.pictures = _source_pictures(rng)
        city.bodies = _bodies(rng, residents)
        city.providers = _providers()
        city.categories = _categories(progress, city.bodies)
        city.teams = _teams(city.bodies)
        city.moderator = _moderator()
        city.app_key, city.system_key = _keys(city)
        reports = _history(progress, city)
        _photos(progress, city, reports[:PHOTO_REPORTS])
        _recent(progress, city, reports)


@dataclass
class _City:
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


def _bodies(rng: random.Random, residents: list) -> dict[str, Organization]:
    """The bodies that receive reports: the profiles demo's departments, and the lighting and
    greenery companies, consumer protection and three district administrations, each with an
    owner and an administrator from the demo's municipal officials (resident005–014)."""
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    districts = {d.slug: d for d in District.objects.all()}
    now = timezone.now()
    bodies = {}
    for n, spec in enumerate(data.BODIES):
        body = Organization.objects.filter(slug=spec.slug).first()
        if body is None:
            body = Organization.objects.create(
                slug=spec.slug,
                name=spec.name or spec.slug,
                kind=Organization.Kind.MUNICIPAL_BODY,
                about=spec.about,
                district=districts.get(spec.district),
                registry_code=f"{rng.randint(10**7, 10**8 - 1)}",
                address=f"{rng.choice(data.STREETS)}, {rng.randint(1, 60)}, м. Ясногород",
                email=f"{latin_slug(spec.name, max_length=30)}@example.org" if n % 2 else "",
                is_verified=True,
                verified_at=now,
                verified_by=admin,
                authority_granted_at=now,
                authority_granted_by=admin,
            )
            # One by one, not in bulk: saving a membership grants its verified attribute
            # (`residents.signals`), which a bulk write would skip.
            for user, role in [
                (residents[4 + n % 10], Membership.Role.OWNER),
                (residents[5 + (n + 3) % 9], Membership.Role.ADMIN),
            ]:
                Membership.objects.get_or_create(
                    organization=body, user=user, defaults={"role": role}
                )
        bodies[spec.slug] = body
    return bodies


def _providers() -> list[Organization]:
    providers = []
    for slug, name, about in data.PROVIDERS:
        provider, _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "about": about, "kind": Organization.Kind.RESPONSIBLE_BUSINESS},
        )
        providers.append(provider)
    return providers


def _categories(progress: Progress, bodies: dict) -> list[Category]:
    districts = {d.slug: d for d in District.objects.all()}
    categories, attributes, routes = [], [], []
    for order, spec in enumerate(progress.iterate("reports: categories", data.CATEGORIES)):
        category = Category.objects.create(
            code=spec.code,
            name_uk=spec.name_uk,
            name_en=spec.name_en,
            description_uk=spec.description_uk,
            description_en=spec.description_en,
            kind=spec.kind,
            group=spec.group,
            keywords=spec.keywords,
            target_days=spec.target_days,
            sort_order=order,
        )
        categories.append(category)
        for k, question in enumerate(spec.attributes):
            attributes.append(
                CategoryAttribute(
                    category=category,
                    code=question.code,
                    question_uk=question.question_uk,
                    question_en=question.question_en,
                    datatype=question.datatype,
                    required=question.required,
                    values=[
                        {"key": v, "name_uk": uk, "name_en": en} for v, uk, en in question.values
                    ],
                    sort_order=k,
                )
            )
        routes.append(Route(category=category, body=bodies[spec.body]))
        for slug, body in spec.overrides.items():
            if slug in districts:
                routes.append(Route(category=category, district=districts[slug], body=bodies[body]))
    CategoryAttribute.objects.bulk_create(attributes)
    Route.objects.bulk_create(routes)
    return categories


def _teams(bodies: dict) -> dict[int, list]:
    """Who answers for each body (its owners and administrators)."""
    teams = {}
    for body in bodies.values():
        rows = Membership.objects.filter(
            organization=body, role__in=[Membership.Role.OWNER, Membership.Role.ADMIN]
        )
        teams[body.pk] = [m.user for m in rows.select_related("user").order_by("pk")]
    return teams


def _moderator():
    """The demo's moderator (the group "Moderators" holds `reports.moderate_report`)."""
    return get_user_model().objects.filter(email=MODERATOR_EMAIL).first()


def _keys(city: _City):
    """The city's app (issued months ago to a demo developer) and the lighting company's
    dispatch system, which posts its updates itself."""
    from reports.services import open311_key_issue

    developer = next((u for u in city.residents if u.email == DEVELOPER_EMAIL), city.residents[39])
    app_key, _secret = open311_key_issue(
        application=APP_NAME, contact_email=developer.email, owner=developer
    )
    system_key, _secret = open311_key_issue(
        application=SYSTEM_NAME,
        contact_email="dispatch.misksvitlo@example.org",
        body=city.bodies[data.LIGHTING],
    )
    for key in (app_key, system_key):
        key.created_at = city.now - KEYS_AGO
        key.last_used_at = city.now - timedelta(hours=city.rng.randint(2, 60))
        key.save(update_fields=["created_at", "last_used_at"])
    return app_key, system_key


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


def _history(progress: Progress, city: _City) -> list[Report]:
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


def _report(city: _City, category: Category, created: datetime, *, app: bool) -> Report:
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
        attributes=_answers(rng, spec, created),
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


def _answers(rng: random.Random, spec: data.DemoCategory, created: datetime) -> dict:
    answers = {}
    for question in spec.attributes:
        if not question.required and rng.random() < 0.4:
            continue
        if question.datatype == CategoryAttribute.Datatype.SINGLEVALUELIST:
            answers[question.code] = rng.choice(question.values)[0]
        elif question.datatype == CategoryAttribute.Datatype.MULTIVALUELIST:
            answers[question.code] = [v[0] for v in question.values if rng.random() < 0.5][:2] or [
                question.values[0][0]
            ]
        elif question.datatype == CategoryAttribute.Datatype.NUMBER:
            answers[question.code] = str(rng.choice([1, 2, 3, 5, 8, 12]))
        elif question.datatype == CategoryAttribute.Datatype.DATETIME:
            answers[question.code] = (created - timedelta(hours=rng.randint(2, 60))).isoformat()
        else:
            answers[question.code] = f"ВО-{rng.randint(100, 9999)}"
    return answers


def _live(city: _City, life: _Life, target: str) -> None:
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


def _official(city: _City, report: Report, at: datetime, team: list) -> dict:
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


def _resident(city: _City, report: Report) -> dict:
    others = [u for u in city.residents[26:] if u.pk != report.reporter_id]
    return {"author": city.rng.choice(others)}


def _supporters(city: _City, life: _Life) -> list[ReportSupporter]:
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


PALETTES = [
    ("#5b5f63", "#2f3133", "#8c8f91"),  # asphalt
    ("#3d6b35", "#6b4f2a", "#9bbf6a"),  # trees and grass
    ("#7a6a58", "#b8a48a", "#3b3026"),  # rubbish
    ("#1f2a44", "#f2c94c", "#46506b"),  # night and a lamp
]


def _source_pictures(rng: random.Random) -> list[bytes]:
    """A few 640×480 "photos" drawn here (shapes on noise), written as a phone writes them:
    with EXIF naming the camera and the GPS position, which re-encoding must drop."""
    pictures = []
    for n in range(8):
        ground, thing, light = PALETTES[n % len(PALETTES)]
        image = Image.new("RGB", (640, 480), ground)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 640, rng.randint(120, 220)), fill=light)
        for _shape in range(rng.randint(3, 7)):
            x, y = rng.randint(0, 560), rng.randint(150, 420)
            w, h = rng.randint(40, 200), rng.randint(20, 120)
            box = (x, y, x + w, y + h)
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=thing)
        noise = Image.effect_noise((640, 480), 40).convert("RGB")
        image = Image.blend(image, noise, 0.18)
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "DemoPhone", "Spilno Camera 3"
        exif[0x8825] = {1: "N", 2: (49.0, 30.0, 0.0), 3: "E", 4: (30.0, 49.0, 0.0)}
        output = io.BytesIO()
        image.save(output, format="JPEG", quality=80, exif=exif)
        pictures.append(output.getvalue())
    return pictures


def _photos(progress: Progress, city: _City, reports: list[Report]) -> None:
    """1–3 photos on the newest public reports, each re-encoded as an upload is."""
    rng, pictures = city.rng, city.pictures
    rows = []
    for report in progress.iterate("reports: photos", reports):
        for order in range(rng.choice([1, 1, 2, 3])):
            upload = ContentFile(rng.choice(pictures), name="photo.jpg")
            content = picture_reencode(upload, longest_side=2048)
            photo = ReportPhoto(report=report, sort_order=order, created_at=report.created_at)
            photo.file.save(content.name, content, save=False)
            rows.append(photo)
    ReportPhoto.objects.bulk_create(rows)


def _recent(progress: Progress, city: _City, history: list[Report]) -> None:
    """The last hours, through the services: new reports from signed-in residents and from
    people still to confirm their email, a "me too", the lighting company's system and a
    body's member answering, and the moderator hiding what breaks the rules."""
    from reports import services

    rng, now = city.rng, city.now
    by_code = {c.code: c for c in city.categories}
    pictures = city.pictures
    new = []
    plan = [
        ("streetlight", city.residents[60], "", 9),
        ("pothole", city.residents[61], "", 7),
        ("rubbish", city.residents[62], "", 5),
        ("fallen-tree", city.residents[63], "", 4),
        ("graffiti", None, "mariia.nova@example.org", 3),
        ("blocked-drain", None, "petro.nova@example.org", 2),
    ]
    for n, (code, user, email, hours) in enumerate(progress.iterate("reports: newest", plan)):
        category = by_code[code]
        spec = city.spec(category)
        district = city.districts[n % len(city.districts)]
        latitude, longitude = city.point(district)
        photos = [SimpleUploadedFile("p.jpg", pictures[n], "image/jpeg")] if n % 2 == 0 else []
        new.append(
            services.report_create(
                category=category,
                title=spec.titles[0],
                description=f"{rng.choice(data.STREETS)}: {spec.details[0]}",
                latitude=latitude,
                longitude=longitude,
                address=f"{rng.choice(data.STREETS)}, {rng.randint(1, 80)}",
                attributes=_answers(rng, spec, now),
                photos=photos,
                reporter=user,
                reporter_email=email,
                show_name=n == 1,
                now=now - timedelta(hours=hours),
            )
        )
    light, pothole = new[0], new[1]
    for user in city.residents[70:73]:
        services.report_support(report=pothole, user=user, now=now - timedelta(hours=6))
    services.report_update_official(
        report=light,
        text=data.OFFICIAL[State.INVESTIGATING][0],
        state=State.INVESTIGATING,
        app_key=city.system_key,
        now=now - timedelta(hours=8),
    )
    member = (city.teams.get(pothole.body_id) or [None])[0]
    services.report_update_official(
        report=pothole,
        text=data.OFFICIAL[State.ACTION_SCHEDULED][1],
        state=State.ACTION_SCHEDULED,
        user=member,
        expected_at=now + timedelta(days=6),
        now=now - timedelta(hours=5),
    )
    if city.moderator is None:
        return
    originals = {r.duplicate_of_id for r in history if r.duplicate_of_id}
    hidden = [r for r in history[40:] if not r.duplicate_of_id and r.pk not in originals][:5]
    for n, report in enumerate(hidden):
        services.report_hide(
            report=report,
            user=city.moderator,
            reason=data.HIDDEN_REASONS[n % len(data.HIDDEN_REASONS)],
            now=min(report.updated_at + timedelta(hours=3), now - timedelta(minutes=10)),
        )
