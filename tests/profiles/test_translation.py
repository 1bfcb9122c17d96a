"""The Ukrainian interface (the default language) of people and organization pages. (Every
string having a translation is checked for all apps by tests/config/test_translations.py.)"""

from django.urls import reverse
from django.utils import translation

import pytest

from tests.profiles.factories import OrganizationFactory, profiled_user


@pytest.mark.django_db
def test_the_people_directory_speaks_ukrainian_at_the_root(client):
    profiled_user(display_name="Олена Коваль")
    with translation.override("uk"):
        url = reverse("profiles:people")
    assert url == "/people/"
    body = client.get(url).content.decode()
    assert "<h1>Люди</h1>" in body and "Знайти" in body


@pytest.mark.django_db
def test_an_organization_page_speaks_ukrainian(client):
    organization = OrganizationFactory(kind="informal_group", registry_code="", address="")
    with translation.override("uk"):
        body = client.get(organization.get_absolute_url()).content.decode()
    assert "Неформальна група" in body and "Команда" in body
