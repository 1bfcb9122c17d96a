"""Fixtures of the profiles tests: people in every relation to one organization."""

from django.contrib.auth.models import Permission
from django.utils import translation

import pytest

from profiles.models import Membership
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory, member, profiled_user


@pytest.fixture
def english_ui():
    """Tests read the English interface (`reverse` then gives /en/ addresses); the Ukrainian
    one is checked by test_translation. Modules opt in with `pytestmark`."""
    with translation.override("en"):
        yield


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="ГО «Зелений двір»", slug="zelenyi-dvir")


@pytest.fixture
def owner(organization):
    user = profiled_user(display_name="Ольга Власниця", email="owner@example.org")
    member(organization, user, Membership.Role.OWNER)
    return user


@pytest.fixture
def admin_member(organization):
    user = profiled_user(display_name="Андрій Адмін", email="admin@example.org")
    member(organization, user, Membership.Role.ADMIN)
    return user


@pytest.fixture
def plain_member(organization):
    user = profiled_user(display_name="Марія Учасниця", email="member@example.org")
    member(organization, user, Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider(db):
    return profiled_user(display_name="Петро Сторонній", email="outsider@example.org")


@pytest.fixture
def staff(db):
    """A staff member allowed to decide statuses, verify organizations and moderate posts."""
    user = UserFactory(email="staff@spilno.localhost", is_staff=True)
    for codename in [
        "access_admin",
        "decide_statusrequest",
        "view_statusrequest",
        "verify_organization",
        "view_organization",
        "moderate_blogpost",
        "view_postreport",
        "view_profile",
    ]:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user
