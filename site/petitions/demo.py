"""Demo petitions: 35 petitions in every state, about 25,000 signatures over districts and days.

Signatures are made in bulk with the counts they imply (tallies, threshold moments) computed
from the very same rows, so the demo is as consistent as real use: every tally equals its
confirmed signatures, and thresholds were reached at the moment the n-th signature came in.
"""

from collections import Counter
from datetime import timedelta
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from config.demo import DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District, HomePage
from config.privacy import keyed_hash
from petitions.dates import add_months
from petitions.demo_content import (
    AUTHORITIES,
    FIRST_NAMES,
    LAST_NAMES,
    LATIN,
    PETITIONS,
    REJECTIONS,
    RESPONSES,
)
from petitions.models import (
    PetitionIndexPage,
    PetitionPage,
    PetitionResponse,
    PetitionSettings,
    Signature,
    SignatureTally,
)
from petitions.normalize import mailbox_hash, normalize_email
from petitions.states import SUPPORT_STATES, State
from profiles.models import Membership, Organization

CREATORS = [
    ("Олена", "Гнатюк"),
    ("Тарас", "Мельник"),
    ("Ірина", "Савчук"),
    ("Богдан", "Руденко"),
    ("Дарина", "Левченко"),
    ("Максим", "Поліщук"),
]
RESPONDER_EMAIL = "vidpovidi@spilno.localhost"


def seed(*, progress: Progress) -> None:
    index = seed_index()
    if PetitionPage.objects.child_of(index).count() >= len(PETITIONS):
        return  # already seeded: idempotent and fast
    random = demo_random("petitions")
    authorities = seed_authorities()
    creators = seed_people(authorities["executive"])
    districts = {d.slug: d for d in District.objects.all()}
    settings = PetitionSettings.current()
    now = timezone.now()
    with transaction.atomic():
        for number, spec in enumerate(progress.iterate("petitions: petitions", PETITIONS)):
            seed_petition(
                index=index,
                spec=spec,
                creator=creators[number % len(creators)],
                authorities=authorities,
                districts=districts,
                settings=settings,
                random=random,
                now=now,
            )


def seed_index() -> PetitionIndexPage:
    home = HomePage.objects.get(locale__language_code="uk")
    index = PetitionIndexPage.objects.child_of(home).first()
    if index is None:
        index = PetitionIndexPage(
            title="Петиції",
            slug="petitions",
            show_in_menus=True,
            intro="<p>Попросіть місто діяти. Кожен підтверджений підпис рахується один раз, "
            "а петиції, що набрали поріг, отримують офіційну відповідь.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    english = Locale.objects.get_or_create(language_code="en")[0]
    if index.get_translation_or_none(english) is None:
        index_en = index.copy_for_translation(english)
        index_en.title = "Petitions"
        index_en.intro = (
            "<p>Ask the city to act. Every confirmed signature counts once, and petitions "
            "that reach their threshold get an official response.</p>"
        )
        index_en.show_in_menus = True
        index_en.save_revision().publish()
    return index


def seed_authorities() -> dict[str, Organization]:
    found = {}
    for key, (slug, name, kind) in AUTHORITIES.items():
        found[key], _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "is_verified": True,
                "verified_at": timezone.now(),
                "authority_granted_at": timezone.now(),
            },
        )
    return found


def seed_people(authority: Organization) -> list:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    people = [
        (f"petytsioner{number}@example.org", first, last)
        for number, (first, last) in enumerate(CREATORS, start=1)
    ]
    people.append((RESPONDER_EMAIL, "Марина", "Остапчук"))
    users = [
        User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "password": password}
        )[0]
        for email, first, last in people
    ]
    creators, responder = users[:-1], users[-1]
    Membership.objects.get_or_create(
        organization=authority,
        user=responder,
        # Administrators answer petitions on the authority's behalf; plain members do not.
        defaults={"title": "Секретарка виконкому", "role": Membership.Role.ADMIN},
    )
    verify_emails([*creators, responder])
    return creators


def latin(text: str) -> str:
    return "".join(LATIN.get(ch, ch) for ch in text.lower())


NETWORKS = [
    keyed_hash(f"10.{n // 200}.{n % 200}.0/24", purpose="petitions.network") for n in range(300)
]


def seed_petition(*, index, spec, creator, authorities, districts, settings, random, now):
    state, count, title, background, district_slug, authority_key = spec
    petition = make_page(
        index=index,
        state=state,
        title=title,
        background=background,
        district=districts.get(district_slug) if district_slug else None,
        authority=authorities[authority_key],
        creator=creator,
        settings=settings,
        random=random,
        now=now,
    )
    if count:
        signatures = make_signatures(
            petition, count, creator, list(districts.values()), random, now
        )
        insert_rows(Signature, signatures)
        record_counts(petition, signatures, now)
    if state == State.RESPONDED:
        summary, body = RESPONSES[title]
        PetitionResponse.objects.create(
            petition=petition,
            summary=summary,
            body=body,
            organization=petition.authority,
            author=None,
            published_at=petition.responded_at,
        )


def timeline(state, random, now) -> dict:
    """When each stage happened, working back from today."""
    age = {
        State.OPEN: random.randint(6, 150),
        State.AWAITING_RESPONSE: random.randint(50, 150),
        State.RESPONDED: random.randint(120, 330),
        State.CLOSED: random.choice([200, 260, 400]),
    }.get(state, random.randint(2, 40))
    submitted = now - timedelta(days=age + random.randint(8, 20))
    return {"submitted": submitted, "opened": now - timedelta(days=age)}


def make_page(
    *, index, state, title, background, district, authority, creator, settings, random, now
):
    moments = timeline(state, random, now)
    published = state in (State.OPEN, State.AWAITING_RESPONSE, State.RESPONDED, State.CLOSED)
    scope = "district" if district else "city"
    petition = PetitionPage(
        title=title,
        slug=f"new-{uuid4().hex[:16]}",
        background=background,
        scope=scope,
        district=district,
        authority=authority,
        creator=creator,
        owner=creator,
        state=state,
        live=published or state == State.REJECTED,
        locale_id=index.locale_id,
        supporters_required=settings.supporters_required,
        submitted_at=None if state == State.DRAFT else moments["submitted"],
    )
    if published:
        petition.opened_at = petition.first_published_at = moments["opened"]
        petition.closes_at = add_months(moments["opened"], settings.open_months)
        petition.response_threshold, petition.hearing_threshold = settings.thresholds(scope)
        if petition.closes_at <= now:
            petition.closed_at = petition.closes_at
    support = timedelta(days=settings.support_days)
    if state in SUPPORT_STATES:  # still within its support period, as the tick keeps them
        petition.submitted_at = max(petition.submitted_at, now - support + timedelta(days=3))
    if state == State.EXPIRED:
        petition.submitted_at = min(petition.submitted_at, now - support - timedelta(days=3))
    if state in SUPPORT_STATES or state == State.EXPIRED:
        petition.closes_at = petition.submitted_at + support
        petition.closed_at = petition.closes_at if state == State.EXPIRED else None
    if state == State.AWAITING_MODERATION:
        petition.moderation_requested_at = petition.submitted_at + timedelta(days=2)
        petition.moderation_deadline = petition.moderation_requested_at + timedelta(
            days=settings.moderation_days
        )
    if state == State.REJECTED:
        petition.rejection_reason, petition.rejection_details = REJECTIONS[title]
        petition.rejected_at = petition.closed_at = petition.first_published_at = moments[
            "submitted"
        ] + timedelta(days=4)
    if state == State.HIDDEN:
        petition.hidden_at = petition.closed_at = moments["submitted"] + timedelta(days=3)
        petition.hidden_note = "Заклики до насильства (ст. 6 правил)."
    index.add_child(instance=petition)
    petition.slug = str(petition.pk)
    petition.url_path = f"{index.url_path}{petition.slug}/"
    Page.objects.filter(pk=petition.pk).update(slug=petition.slug, url_path=petition.url_path)
    return petition


def make_signatures(petition, count, creator, districts, random, now) -> list[dict]:
    """Rows of the signature table (attribute name → value), the creator's first."""
    start = petition.opened_at or petition.submitted_at or now - timedelta(days=3)
    end = min(now, petition.closes_at or now, petition.closed_at or now)
    span = max((end - start).total_seconds(), 3600)
    home = petition.district_id
    district_ids = [d.pk for d in districts]
    weights = [random.choice([1, 2, 3, 5, 8]) for _ in districts]
    rows = [creator_signature(petition, creator, start, district_ids, random)]
    flood = petition.title.startswith("Повернути тролейбусний")  # a burst from one network
    for i in range(1, count):
        # Most signatures come in the first weeks, as on every petition site.
        moment = start + timedelta(seconds=span * random.random() ** 2.2)
        district = (
            home if home and random.random() < 0.8 else random.choices(district_ids, weights)[0]
        )
        first, last = random.choice(FIRST_NAMES), random.choice(LAST_NAMES)
        email = f"{latin(first)}.{latin(last)}.{petition.pk}.{i}@example.org"
        network = NETWORKS[random.randrange(len(NETWORKS))]
        if flood and i > count - 90:
            moment, network = end - timedelta(minutes=random.randint(1, 50)), NETWORKS[7]
            email = f"t{i}.{petition.pk}@mailinator.com"
        rows.append(
            signature_row(
                petition,
                name=f"{first} {last}",
                email=email,
                district_id=district,
                show_name=random.random() < 0.25,
                ip_prefix_hash=network,
                created_at=moment - timedelta(minutes=random.randint(1, 30)),
                confirmed_at=moment,
            )
        )
    if petition.state == State.OPEN:  # a few people have not clicked their link yet
        for j in range(3):
            rows.append(
                signature_row(
                    petition,
                    name=f"{random.choice(FIRST_NAMES)} {random.choice(LAST_NAMES)}",
                    email=f"ochikuie.{petition.pk}.{j}@example.org",
                    district_id=random.choice(district_ids),
                    ip_prefix_hash=random.choice(NETWORKS),
                    created_at=now - timedelta(hours=random.randint(1, 40)),
                )
            )
    return rows


def signature_row(petition, *, email: str, **values) -> dict:
    return {
        "petition_id": petition.pk,
        "email": email,
        "normalized_email": normalize_email(email),
        "mailbox_hash": mailbox_hash(normalize_email(email)),
        "email_domain": email.rpartition("@")[2],
        "language": "uk",
        "show_name": False,
        "user_id": None,
        "is_creator": False,
        "confirmed_at": None,
        **values,
    }


def creator_signature(petition, creator, start, district_ids, random) -> dict:
    return signature_row(
        petition,
        name=f"{creator.first_name} {creator.last_name}",
        email=creator.email,
        district_id=petition.district_id or random.choice(district_ids),
        show_name=True,
        user_id=creator.pk,
        is_creator=True,
        created_at=start,
        confirmed_at=start,
        ip_prefix_hash=NETWORKS[0],
    )


def insert_rows(model, rows: list[dict]) -> None:
    """A plain INSERT of many rows: tens of thousands of demo rows in a fraction of
    bulk_create's time. Dates are converted for the database as the ORM would."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: None if f.null else f.get_default() for f in fields}
    convert = {
        models.DateTimeField: connection.ops.adapt_datetimefield_value,
        models.DateField: connection.ops.adapt_datefield_value,
    }
    converters = [convert.get(type(f), lambda value: value) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 (names from the model)
    values = [
        [
            conv(row.get(f.attname, defaults[f.attname]))
            for f, conv in zip(fields, converters, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def record_counts(petition, signatures, now) -> None:
    """Tallies and threshold moments, derived from the signatures just made."""
    confirmed = [s for s in signatures if s["confirmed_at"]]
    tally = Counter((s["district_id"], timezone.localdate(s["confirmed_at"])) for s in confirmed)
    insert_rows(
        SignatureTally,
        [
            {"petition_id": petition.pk, "district_id": d, "day": day, "count": n}
            for (d, day), n in sorted(tally.items())
        ],
    )
    moments = sorted(s["confirmed_at"] for s in confirmed)
    changed = {}
    if petition.response_threshold and len(moments) >= petition.response_threshold:
        reached = moments[petition.response_threshold - 1]
        changed["response_threshold_reached_at"] = reached
        changed["response_deadline"] = reached + timedelta(days=30)
        if petition.state == State.RESPONDED:
            changed["responded_at"] = min(reached + timedelta(days=21), now)
        if petition.title.startswith("Побудувати спортивний"):  # the overdue one
            changed["response_deadline"] = now - timedelta(days=9)
    if petition.hearing_threshold and len(moments) >= petition.hearing_threshold:
        changed["hearing_threshold_reached_at"] = moments[petition.hearing_threshold - 1]
    if changed:
        PetitionPage.objects.filter(pk=petition.pk).update(**changed)
        for field, value in changed.items():
            setattr(petition, field, value)
    if petition.closed_at and add_months(petition.closed_at, 6) <= now:
        # Closed more than six months ago: retention has already erased the signers.
        Signature.objects.filter(petition=petition).update(
            name="",
            email="",
            normalized_email=None,
            email_domain="",
            ip_prefix_hash="",
            user=None,
            erased_at=now,
        )
    if petition.state == State.RESPONDED:
        Signature.objects.filter(petition=petition).update(notified_at=now)
