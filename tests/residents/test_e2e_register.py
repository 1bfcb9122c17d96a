"""In a real browser: an association's administrator adds a co-owner with an email address in
the building register, the co-owner opens the emailed link signed in with that address,
accepts, and finds the building in their cabinet. axe checks every page on the way."""

import re

from django.core import mail

import pytest

from profiles.models import Membership
from tests.factories import PASSWORD
from tests.profiles.factories import member, profiled_user
from tests.residents.factories import AssociationFactory, DistrictFactory, building_with_units

pytestmark = pytest.mark.e2e


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My account").wait_for()


def test_an_invited_co_owner_accepts_and_sees_the_building_in_the_cabinet(page, axe):
    district = DistrictFactory(slug="podil", name_uk="Поділ", name_en="Podil")
    association = AssociationFactory(name="ОСББ «Садова 7»", slug="osbb-sadova-7")
    admin = profiled_user(display_name="Ірина Управителька", email="osbb-admin@example.org")
    member(association, admin, Membership.Role.ADMIN)
    building = building_with_units(
        district=district, association=association, address="вул. Садова, 7", units=4
    )
    profiled_user(display_name="Мирослава Співвласниця", email="myroslava@example.org")

    sign_in(page, "osbb-admin@example.org")
    page.goto(f"/en/organizations/{association.slug}/register/")
    assert page.get_by_role("heading", name="вул. Садова, 7").is_visible()
    axe(page)
    page.get_by_role("link", name="Add a co-owner of unit 3").click()
    axe(page)
    page.get_by_label("Co-owner's email address").fill("myroslava@example.org")
    page.get_by_label("Share").fill("1/2")
    page.get_by_role("button", name="Add the co-owner").click()
    page.get_by_text("an invitation is sent to myroslava@example.org").wait_for()
    assert page.locator("[data-state=invited]").count() == 1
    axe(page)
    message = mail.outbox[-1]
    assert message.to == ["myroslava@example.org"]
    link = re.search(r"https?://\S+(/en/buildings/invitation/\S+/)", message.body).group(1)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "myroslava@example.org")
    page.goto(link)
    assert page.get_by_role("heading", name="Invitation to the building register").is_visible()
    axe(page)
    page.get_by_role("button", name="Accept: I co-own this unit").click()
    page.wait_for_url(re.compile(r"/en/account/$"))
    buildings = page.get_by_role("region", name="My buildings")
    buildings.get_by_role("link", name="вул. Садова, 7").wait_for()
    assert "unit 3" in buildings.inner_text()
    axe(page)

    buildings.get_by_role("link", name="вул. Садова, 7").click()
    page.wait_for_url(re.compile(rf"/en/buildings/{building.pk}/$"))
    assert "Мирослава" not in page.content() and "myroslava@" not in page.content()
    axe(page)
    page.goto("/en/buildings/")
    axe(page)


def test_the_register_pages_hold_on_a_360px_phone(page, axe):
    district = DistrictFactory(slug="podil", name_uk="Поділ", name_en="Podil")
    association = AssociationFactory(slug="osbb-phone")
    admin = profiled_user(email="phone-admin@example.org")
    member(association, admin, Membership.Role.ADMIN)
    building = building_with_units(district=district, association=association, units=3)
    sign_in(page, "phone-admin@example.org")
    page.set_viewport_size({"width": 360, "height": 740})
    for path in [
        f"/en/organizations/{association.slug}/register/",
        f"/en/organizations/{association.slug}/register/buildings/{building.pk}/import/",
        f"/en/buildings/{building.pk}/",
    ]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
        axe(page)
