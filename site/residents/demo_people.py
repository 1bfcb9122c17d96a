"""The demo city's verified people: residents in every district (a registrar verified them),
residents of the registers' buildings (they typed the code from a letter), a few whose
residence expired or was revoked, and the professions and memberships other apps' demo data
imply (`residents_sync`).

`settings.DEMO_NEIGHBOURS` accounts `neighbour001@example.org` …, password
`config.demo.DEMO_PASSWORD`, are made in bulk with the password hashed once (as
`profiles.demo` does); demo residents resident033–resident092 are verified residents too, so
logging in as one shows it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from config.demo import ADMIN_EMAIL, DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District
from profiles import demo_content as content
from profiles.demo import demo_users
from profiles.models import Profile
from profiles.text import sort_key
from residents.derived import derived_sync
from residents.models import Building, VerifiedAttribute
from residents.services.attributes import attribute_grant, attribute_revoke

MOVED_AWAY = "Переїхав(-ла) до іншого міста."
Kind = VerifiedAttribute.Kind
Source = VerifiedAttribute.Source


def neighbour_email(number: int) -> str:
    return f"neighbour{number:03d}@example.org"


def _neighbours(rng) -> list:
    User = get_user_model()
    emails = [neighbour_email(n) for n in range(1, settings.DEMO_NEIGHBOURS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is the slow part
        created = User.objects.bulk_create([User(email=e, password=password) for e in missing])
        created = list(User.objects.filter(email__in=missing).order_by("email"))
        profiles = []
        for user in created:
            first = rng.choice(rng.choice([content.FEMALE_NAMES, content.MALE_NAMES]))
            name = f"{first} {rng.choice(content.SURNAMES)}"
            profiles.append(Profile(user=user, display_name=name, sort_name=sort_key(name)))
        Profile.objects.bulk_create(profiles, ignore_conflicts=True)
        verify_emails(created)
    return list(User.objects.filter(email__in=emails).order_by("email"))


def seed(*, progress: Progress) -> None:
    rng = demo_random("residents.people")
    with transaction.atomic():
        people = _neighbours(rng) + list(demo_users())[32:92]
        already = VerifiedAttribute.objects.filter(
            user__in=people, kind__in=VerifiedAttribute.RESIDENCE_KINDS
        ).values_list("user_id", flat=True)
        already = set(already)
        registrar = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
        districts = list(District.objects.all())
        buildings = list(Building.objects.order_by("pk"))
        now = timezone.now()
        for number, person in enumerate(progress.iterate("residents: verified people", people)):
            if person.pk in already or not districts:
                continue
            if buildings and number % 4 == 3:
                kind, target = Kind.BUILDING_RESIDENT, rng.choice(buildings)
            else:  # round the districts, so that every district has its residents
                kind, target = Kind.DISTRICT_RESIDENT, districts[number % len(districts)]
            source = Source.POSTAL_CODE if kind == Kind.BUILDING_RESIDENT else Source.REGISTRAR
            roll = rng.random()
            if roll < 0.05:  # verified over a year ago and never again
                expires_at = now - timedelta(days=rng.randint(1, 60))
            else:
                expires_at = now + timedelta(days=rng.randint(35, 365))
            attribute = attribute_grant(
                user=person,
                kind=kind,
                target=target,
                source=source,
                verified_by=registrar if source == Source.REGISTRAR else None,
                expires_at=expires_at,
            )
            if 0.05 <= roll < 0.08:
                attribute_revoke(attribute=attribute, by=None, reason=MOVED_AWAY)
        derived_sync(progress=progress)
