"""No public page or open-data file shows a verified attribute.

On top of the demo city, two people hold attributes of every kind with values found nowhere
else: one with a fully public profile, one with a private one. Everything an anonymous reader
can reach from the home pages (HTML, JSON, CSV, feeds), plus their building's page and the
public person's profile, is fetched and read:

- the private person's name, email and share appear nowhere;
- no page that names the public person also names their district, building, profession or
  share (a person's attributes never sit beside their name);
- no page that shows the building names a co-owner or resident;
- a revocation reason and the registrar who verified them appear nowhere.
"""

from collections import deque

from django.test import Client
from django.urls import reverse

import pytest

from profiles.models import Profile, Visibility
from residents.models import VerifiedAttribute
from residents.services.attributes import attribute_revoke
from tests.config.test_crawl import PAGES_PER_VIEW, SKIPPED, _links, _view_of
from tests.experts.factories import CompetencyFactory
from tests.factories import UserFactory
from tests.profiles.factories import everything_private, profiled_user
from tests.residents.factories import (
    AssociationFactory,
    BuildingFactory,
    DistrictFactory,
    UnitFactory,
    accepted_ownership,
    grant,
)

Kind = VerifiedAttribute.Kind
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]

PUBLIC_NAME = "Зиновій Таємничий"
PRIVATE_NAME = "Ярослава Невидима"
DISTRICT = "Район Таємниць"
ADDRESS = "вул. Прихована, 13"
PROFESSION = "Фахівець з таємниць"
REGISTRAR = "Реєстраторка Потаємна"
REASON = "Причина-відкликання-QX7"


def _person(name, registrar, *, district, building, competency, association, share, **profile):
    person = profiled_user(display_name=name, **profile)
    grant(person, Kind.DISTRICT_RESIDENT, district, verified_by=registrar)
    grant(person, Kind.BUILDING_RESIDENT, building)
    grant(person, Kind.PROFESSION, competency)
    grant(person, Kind.MEMBER, association)
    accepted_ownership(
        unit=UnitFactory(building=building), user=person, numerator=share[0], denominator=share[1]
    )
    old = grant(person, Kind.DISTRICT_RESIDENT, DistrictFactory(), verified_by=registrar)
    attribute_revoke(attribute=old, reason=REASON)
    return person


@pytest.fixture
def city():
    registrar = profiled_user(display_name=REGISTRAR)
    registrar.is_staff = True
    registrar.save()
    district = DistrictFactory(slug="taiemnytsi", name_uk=DISTRICT, name_en="Secrets District")
    association = AssociationFactory(name="ОСББ «Прихована 13»")
    building = BuildingFactory(address=ADDRESS, district=DistrictFactory(), association=association)
    competency = CompetencyFactory(name=PROFESSION, name_en="Secret keeper")
    common = {
        "district": district,
        "building": building,
        "competency": competency,
        "association": association,
    }
    visible = {f"{name}_visibility": Visibility.PUBLIC for name in Profile.VISIBILITY_FIELDS}
    public = _person(PUBLIC_NAME, registrar, share=(37, 91), **common, **visible)
    private = _person(
        PRIVATE_NAME, registrar, share=(23, 89), email="nevydyma@example.org",
        **common, **everything_private(),
    )  # fmt: skip
    UserFactory()  # someone with no attribute at all, for contrast
    return {"public": public, "private": private, "building": building}


def crawl(client: Client, extra: list[str]) -> dict[str, str]:
    """Every page reachable anonymously (as tests/config/test_crawl.py walks them, a few per
    view), read whatever its type: path → text."""
    start = ["/", "/en/", *extra]
    queue = deque((path, "start") for path in start)
    seen = set(start)
    per_view: dict[tuple[str, str], int] = {}
    pages = {}
    while queue:
        path, view = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not hasattr(response, "content"):
            continue
        text = response.content.decode("utf-8", errors="ignore")
        pages[path] = text
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(text, path):
            if link in seen or link.startswith(SKIPPED):
                continue
            seen.add(link)
            linked = _view_of(link)
            key = (linked, view)
            per_view[key] = per_view.get(key, 0) + 1
            if per_view[key] <= PAGES_PER_VIEW or linked.startswith("residents:"):
                queue.append((link, linked))
    return pages


def test_no_public_page_or_file_shows_an_attribute(city):
    building_url = reverse("residents:building", args=[city["building"].pk])
    profile_url = city["public"].profile.get_absolute_url()
    pages = crawl(Client(raise_request_exception=False), [building_url, profile_url])

    assert len(pages) > 100
    assert PUBLIC_NAME in pages[profile_url]  # the profile is public: the check is meaningful
    assert ADDRESS in pages.get(building_url, ADDRESS)
    leaks = []
    for path, text in pages.items():
        for secret in (PRIVATE_NAME, "nevydyma@example.org", "37/91", "23/89", REASON, REGISTRAR):
            if secret in text:
                leaks.append((path, secret))
        if PUBLIC_NAME in text:
            leaks += [(path, value) for value in (DISTRICT, ADDRESS, PROFESSION) if value in text]
        if ADDRESS in text and PUBLIC_NAME in text:
            leaks.append((path, "a person beside their building"))
    assert not leaks, leaks
