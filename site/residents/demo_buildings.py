"""The demo city's buildings: five condominium associations, each with an administrator from
the demo residents and a building whose register is full (60–250 units with realistic areas,
about 15 % of them co-owned in halves, thirds or quarters, a few non-residential premises), a
few co-owners who accepted (demo residents, verified as co-owners), the others invited or not
yet; and buildings without an association in other districts.

Deterministic (`demo_random("residents.buildings")`) and idempotent: a building whose register
is already filled is left alone. Units and ownerships are written in bulk.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from config.demo import Progress, demo_random
from config.models import District
from profiles.demo import demo_users
from profiles.models import Membership, Organization
from residents.models import Building, Ownership, Unit, VerifiedAttribute
from residents.services.attributes import attribute_grant
from residents.services.register import ownership_token, token_hash

# slug, name, district slug, address, units, administrator (demo resident number)
ASSOCIATIONS = [
    ("osbb-sadova-7", "ОСББ «Садова 7»", "tsentralnyi", "вул. Садова, 7", 96, 90),
    (
        "osbb-dnipro-hvylia",
        "ОСББ «Дніпровська хвиля»",
        "zaliznychnyi",
        "просп. Дніпровський, 21",
        180,
        91,
    ),
    ("osbb-lisova-42", "ОСББ «Лісова 42»", "lisovyi", "вул. Лісова, 42", 64, 92),
    ("osbb-zoriany", "ОСББ «Зоряний»", "pivnichnyi", "вул. Зоряна, 3А", 248, 93),
    ("osbb-kashtan", "ОСББ «Каштан»", "shevchenkivskyi", "бульв. Шевченка, 15", 132, 94),
]
# Buildings no association keeps on the platform (yet): facts only.
UNATTACHED = [
    ("pivdennyi", "вул. Південна, 12", 40),
    ("zavodskyi", "вул. Заводська, 5", 72),
    ("sobornyi", "пл. Соборна, 2", 24),
]
CO_OWNED_SPLITS = [(1, 2, 1, 2), (1, 3, 2, 3), (1, 4, 3, 4), (1, 2, 1, 4, 1, 4)]
# Demo residents who accepted their invitation: one or two per building.
ACCEPTED = {0: [60, 61], 1: [62, 63], 2: [64], 3: [65, 66], 4: [67]}


def seed(*, progress: Progress) -> None:
    districts = {d.slug: d for d in District.objects.all()}
    if not districts:
        return
    fallback = next(iter(districts.values()))
    people = {int(u.email[8:11]): u for u in demo_users()}
    rng = demo_random("residents.buildings")
    with transaction.atomic():
        for index, spec in enumerate(progress.iterate("residents: buildings", ASSOCIATIONS)):
            slug, name, district_slug, address, units, admin_number = spec
            association = _association(slug, name, districts.get(district_slug, fallback))
            admin = people.get(admin_number)
            if admin is not None:
                Membership.objects.get_or_create(
                    organization=association,
                    user=admin,
                    defaults={"role": Membership.Role.ADMIN, "title": "Голова правління"},
                )
            building, _ = Building.objects.get_or_create(
                address=address,
                defaults={
                    "district": districts.get(district_slug, fallback),
                    "association": association,
                },
            )
            if building.units.exists():
                continue
            accepted = [people[n] for n in ACCEPTED[index] if n in people]
            _fill(building, units, rng, admin=admin, accepted=accepted)
        for district_slug, address, units in UNATTACHED:
            building, _ = Building.objects.get_or_create(
                address=address, defaults={"district": districts.get(district_slug, fallback)}
            )
            if not building.units.exists():
                _fill(building, units, rng, admin=None, accepted=[], owners=False)


def _association(slug: str, name: str, district) -> Organization:
    association, _ = Organization.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": Organization.Kind.CONDOMINIUM,
            "district": district,
            "about": "Об'єднання співвласників багатоквартирного будинку.",
            "activity": "Утримання будинку, ремонти, збори співвласників.",
        },
    )
    return association


def _area(rng, *, residential: bool) -> Decimal:
    if not residential:
        low, high = 50, 300
    elif rng.random() < 0.2:
        low, high = 25, 35  # studios
    else:
        low, high = 40, 120
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _fill(building, count: int, rng, *, admin, accepted, owners: bool = True) -> None:
    premises = max(2, count // 30)
    units = [
        Unit(building=building, number=str(n), area=_area(rng, residential=True))
        for n in range(1, count - premises + 1)
    ] + [
        Unit(
            building=building,
            number=f"Н-{n}",
            area=_area(rng, residential=False),
            is_residential=False,
        )
        for n in range(1, premises + 1)
    ]
    Unit.objects.bulk_create(units)
    if not owners:
        return
    units = list(building.units.order_by("pk"))
    ownerships = []
    for unit in units:
        if rng.random() < 0.15:
            split = rng.choice(CO_OWNED_SPLITS)
            shares = list(zip(split[::2], split[1::2], strict=True))
        else:
            shares = [(1, 1)]
        for position, (numerator, denominator) in enumerate(shares):
            known = rng.random() < 0.85
            email = f"owner.{building.pk}.{unit.number}.{position + 1}@example.org".lower()
            ownerships.append(
                Ownership(
                    unit=unit,
                    share_numerator=numerator,
                    share_denominator=denominator,
                    email=email if known else "",
                )
            )
    ownerships = Ownership.objects.bulk_create(ownerships)
    now = timezone.now()
    whole = [o for o in ownerships if o.share_denominator == 1 and o.email]
    for person, ownership in zip(accepted, whole[:: max(1, len(whole) // 7)], strict=False):
        ownership.user, ownership.email = person, ""
        ownership.invited_at = ownership.accepted_at = now
        ownership.save()
        attribute_grant(
            user=person,
            kind=VerifiedAttribute.Kind.CO_OWNER,
            target=ownership,
            source=VerifiedAttribute.Source.BUILDING_REGISTER,
            verified_by=admin,
        )
    if admin is None:
        return
    invited = [o for o in ownerships if o.email and o.user_id is None and rng.random() < 0.6]
    for ownership in invited:
        ownership.invited_at = now
        ownership.invitation_token_hash = token_hash(ownership_token(ownership, admin.pk))
    Ownership.objects.bulk_update(invited, ["invited_at", "invitation_token_hash"], batch_size=500)
