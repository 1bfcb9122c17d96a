"""The demo city's problem reports: fourteen categories (ten at a place, four complaints about
providers) routed to nine municipal bodies, with district administrations taking some
categories in their own districts; 600 reports over the past year in every state, with their
timelines, "me too"s, photos, hidden ones, and an app and a body's own system on Open311.

The year of history is written in bulk, because a service call per step would take the seed far
past its budget (the tests seed the city once per process): the reports, their updates and
supporters in `reports.demo_history` (which also holds the `City` drawn in), their photos in
`reports.demo_photos`. The last days go through the services themselves: the keys, the newest
reports (some still unconfirmed), a "me too", official updates by a body's member and by its
own system, and the moderator's hiding. The demo's people are invented, so their mail is not
sent. A second run finds the first category and writes nothing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from config.demo import Progress, demo_random
from config.maps import district_shape
from config.models import District
from profiles.demo import demo_users
from profiles.models import Membership, Organization, Profile
from profiles.text import latin_slug
from reports import demo_data as data
from reports import demo_history, demo_photos
from reports.models import Category, CategoryAttribute, Report, Route
from reports.states import State

MODERATOR_EMAIL = "moderator@spilno.localhost"
DEVELOPER_EMAIL = "resident040@example.org"  # a citizen of the profiles demo who writes apps
APP_NAME = "Міський застосунок"
SYSTEM_NAME = "Диспетчерська система КП «Міськсвітло»"
PHOTO_REPORTS = 38
KEYS_AGO = timedelta(days=120)


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
        city = demo_history.City(rng=rng, districts=districts, residents=residents)
        city.display_names = dict(
            Profile.objects.filter(user__in=residents).values_list("user_id", "display_name")
        )
        city.pictures = demo_photos.source_pictures(rng)
        city.bodies = _bodies(rng, residents)
        city.providers = _providers()
        city.categories = _categories(progress, city.bodies)
        city.teams = _teams(city.bodies)
        city.moderator = _moderator()
        city.app_key, city.system_key = _keys(city)
        reports = demo_history.history(progress, city)
        demo_photos.photos(progress, city, reports[:PHOTO_REPORTS])
        _recent(progress, city, reports)


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


def _keys(city: demo_history.City):
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


def _recent(progress: Progress, city: demo_history.City, history: list[Report]) -> None:
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
                attributes=demo_history.answers(rng, spec, now),
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
