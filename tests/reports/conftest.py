"""Fixtures of the reports tests: districts with their demo outlines, a body that receives
every category in them, and people. Reports are built with `tests/reports/factories.py`."""

from django.core.cache import cache
from django.utils import translation

import pytest

from tests.reports import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def messages_in_english():
    """For tests that read messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def mapped_districts(districts):
    """The demo districts with the demo city's outlines (`config.demo.district_boundaries`)."""
    from config.demo import district_boundaries

    boundaries = district_boundaries()
    for district in districts:
        district.boundary = boundaries[district.slug]
        district.save(update_fields=["boundary"])
    return districts


@pytest.fixture
def district(mapped_districts):
    return mapped_districts[0]


@pytest.fixture
def other_district(mapped_districts):
    return mapped_districts[1]


@pytest.fixture
def body(db):
    return factories.body(name="Департамент благоустрою", slug="blagoustrii")


@pytest.fixture
def other_body(db):
    return factories.body(name="Районна адміністрація", slug="raion-admin")


@pytest.fixture
def pothole(body, mapped_districts):
    """A place category routed to `body` in every district."""
    cat = factories.category("pothole")
    factories.route(cat, body)
    return cat


@pytest.fixture
def provider_complaint(body, db):
    """A complaint category about providers' services, routed to `body`."""
    cat = factories.category(
        "poor-service",
        kind="provider",
        group="services",
        name_uk="Неякісна послуга",
        name_en="Poor quality of a service",
    )
    factories.route(cat, body)
    return cat


@pytest.fixture
def provider(db):
    from profiles.models import Organization

    return Organization.objects.create(
        name="Водоканал", slug="vodokanal", kind=Organization.Kind.RESPONSIBLE_BUSINESS
    )


@pytest.fixture
def member(body):
    return factories.body_member(body)


@pytest.fixture
def resident(db):
    return factories.person(first_name="Олена", last_name="Коваль")


@pytest.fixture
def moderator(db):
    return factories.moderator()
