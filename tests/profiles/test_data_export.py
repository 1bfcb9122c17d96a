"""'Download my data': a ZIP with a JSON file per app and the files the person uploaded."""

import io
import json
import zipfile

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from profiles.data_rights import export_archive, personal_data_modules
from profiles.exceptions import ProfilesError
from profiles.models import DataExport, PersonalDataAccess, Status
from profiles.services.blog import post_report
from profiles.services.join_requests import join_request_create
from profiles.services.organizations import invitation_create
from profiles.services.people import notification_settings_update, profile_update
from profiles.services.privacy import data_export_request, data_exports_expire
from profiles.services.statuses import status_request_create
from tests.profiles.factories import BlogPostFactory, OrganizationFactory, jpeg_bytes

pytestmark = pytest.mark.usefixtures("english_ui")


def archive_of(user) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(export_archive(user)))


@pytest.fixture
def active_person(owner, organization, outsider, staff, districts):
    """The owner, with something in every part of profiles."""
    profile_update(
        profile=owner.profile,
        actor=owner,
        display_name="Ольга Власниця",
        about="Приватне про мене",
        skills=["право"],
        district=districts[0],
        building="вул. Тиха, 5",
        visibility={"about": "private"},
        photo=SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg"),
    )
    status_request_create(
        user=owner,
        status=Status.ORGANIZATION_REPRESENTATIVE,
        evidence="Статут організації",
        organization=organization,
        evidence_file=SimpleUploadedFile("statut.pdf", b"%PDF-1.4 statut"),
    )
    invitation_create(organization=organization, inviter=owner, email="friend@example.org")
    join_request_create(organization=OrganizationFactory(), user=owner, message="Візьміть мене")
    BlogPostFactory(author=owner, title="Мій допис", state="draft", published_at=None)
    post_report(post=BlogPostFactory(author=outsider), reporter=owner, reason="spam")
    notification_settings_update(user=owner, choices={"profiles.team_changes": False})
    PersonalDataAccess.objects.create(staff=staff, subject=owner, what="Profile", path="/admin/")
    return owner


def test_the_archive_has_a_readme_and_one_json_file_per_app(active_person):
    names = archive_of(active_person).namelist()
    assert "README.txt" in names
    for label in personal_data_modules():
        assert f"{label}.json" in names


def test_the_archive_holds_everything_profiles_stores_including_private_fields(active_person):
    data = json.loads(archive_of(active_person).read("profiles.json"))
    assert data["account"]["email"] == "owner@example.org"
    assert data["profile"]["about"] == "Приватне про мене"
    assert data["profile"]["building"] == "вул. Тиха, 5"
    assert data["profile"]["visibility"]["about"] == "private"
    assert data["profile"]["skills"] == ["право"]
    assert data["memberships"][0]["role"] == "owner"
    assert data["invitations_sent"][0]["email"] == "friend@example.org"
    assert data["join_requests"][0]["message"] == "Візьміть мене"
    assert data["status_requests"][0]["evidence"] == "Статут організації"
    assert data["blog_posts"][0]["title"] == "Мій допис"
    assert data["post_reports"][0]["reason"] == "spam"
    assert data["notification_settings"]["profiles.team_changes"] is False
    assert data["staff_views_of_my_data"][0]["what"] == "Profile"
    assert data["account"]["email_addresses"][0]["verified"] is True


def test_the_archive_holds_the_photo_and_the_evidence_document(active_person):
    archive = archive_of(active_person)
    assert archive.read("files/photo.jpg")[:3] == b"\xff\xd8\xff"
    evidence = [n for n in archive.namelist() if n.startswith("files/status-evidence-")]
    assert archive.read(evidence[0]) == b"%PDF-1.4 statut"


def test_invitations_sent_to_my_address_before_i_had_an_account_are_in_my_archive(
    organization, owner, outsider
):
    invitation_create(organization=organization, inviter=owner, email="outsider@example.org")
    data = json.loads(archive_of(outsider).read("profiles.json"))
    assert data["invitations_received"][0]["organization__name"] == organization.name


def test_invitations_to_an_address_i_added_but_never_confirmed_are_not_in_my_archive(
    organization, owner, outsider
):
    invitation_create(organization=organization, inviter=owner, email="someone@example.org")
    EmailAddress.objects.create(user=outsider, email="someone@example.org", verified=False)
    data = json.loads(archive_of(outsider).read("profiles.json"))
    assert data["invitations_received"] == []


def test_asking_for_the_archive_builds_it_and_emails_a_link(
    client, active_person, django_capture_on_commit_callbacks
):
    client.force_login(active_person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profiles:export_request"))
    export = DataExport.objects.get()
    assert export.state == "ready" and export.size > 0
    assert "Your data archive is ready" in mail.outbox[-1].subject
    response = client.get(reverse("profiles:export_download", args=[export.pk]))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "profiles.json" in archive.namelist()


def test_nobody_else_downloads_my_archive(
    client, active_person, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=active_person)
    client.force_login(outsider)
    assert client.get(reverse("profiles:export_download", args=[export.pk])).status_code == 404


def test_an_archive_is_deleted_after_seven_days(active_person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=active_person)
    export.refresh_from_db()
    name, storage = export.file.name, export.file.storage
    assert data_exports_expire(now=timezone.now() + timezone.timedelta(days=8)) == 1
    export.refresh_from_db()
    assert export.state == "expired" and not storage.exists(name)


def test_one_archive_is_prepared_at_a_time(active_person):
    data_export_request(user=active_person)
    with pytest.raises(ProfilesError, match="already being prepared"):
        data_export_request(user=active_person)
