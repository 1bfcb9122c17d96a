"""Staff opening a person's data in the admin is logged, and the person sees it."""

import io
import json
import zipfile

from django.urls import reverse

import pytest

from profiles.data_rights import export_archive
from profiles.models import PersonalDataAccess
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("english_ui")


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@spilno.localhost", is_staff=True, is_superuser=True)


def test_opening_a_user_in_wagtails_user_editor_is_logged(client, superuser, outsider):
    client.force_login(superuser)
    client.get(reverse("wagtailusers_users:edit", args=[outsider.pk]))
    access = PersonalDataAccess.objects.get()
    assert (access.staff, access.subject) == (superuser, outsider)
    assert access.path == reverse("wagtailusers_users:edit", args=[outsider.pk])


def test_opening_a_profile_in_the_community_admin_is_logged(client, staff, outsider):
    client.force_login(staff)
    client.get(reverse("profiles_profile_modeladmin_inspect", args=[outsider.profile.pk]))
    assert PersonalDataAccess.objects.filter(staff=staff, subject=outsider).exists()


def test_the_person_finds_each_look_in_their_data_archive(client, superuser, outsider):
    client.force_login(superuser)
    client.get(reverse("wagtailusers_users:edit", args=[outsider.pk]))
    data = json.loads(zipfile.ZipFile(io.BytesIO(export_archive(outsider))).read("profiles.json"))
    assert "Wagtail" in data["staff_views_of_my_data"][0]["what"]
