"""Reports in the Wagtail admin: the lists load for editors (who get the permissions from
migration 0002), moderation hides, restores and re-routes through the services (a reason is
required; staff without the permission are kept out), and Open311 keys are issued with the
secret shown once and revoked."""

from django.test import Client
from django.urls import reverse

import pytest

from reports.models import Open311Key, Report, ReportUpdate
from reports.states import State
from tests.reports import factories
from tests.reports.factories import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


@pytest.fixture
def report(pothole, body, district):
    return factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, title="Rude words here"
    )


@pytest.fixture
def editor(db):
    return factories.editor()


def test_editors_see_every_reports_admin_page(editor, report, pothole):
    client = signed_in(editor)
    for name in (
        "reports_category_modeladmin_index",
        "reports_categoryattribute_modeladmin_index",
        "reports_route_modeladmin_index",
        "reports_admin:moderation",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert "Rude words here" in client.get(reverse("reports_admin:moderation")).content.decode()
    assert client.get(reverse("reports_admin:moderation") + "?show=updates").status_code == 200
    detail = client.get(reverse("reports_admin:report", args=[report.pk]))
    assert detail.status_code == 200 and report.reporter_email in detail.content.decode()
    edit = client.get(reverse("reports_category_modeladmin_edit", args=[pothole.pk]))
    assert edit.status_code == 200


def test_hiding_needs_a_reason_then_the_report_404s_publicly(editor, report):
    client = signed_in(editor)
    refused = client.post(reverse("reports_admin:report_hide", args=[report.pk]), {"reason": ""})
    assert refused.status_code == 200
    assert Report.objects.get(pk=report.pk).hidden_at is None
    client.post(reverse("reports_admin:report_hide", args=[report.pk]), {"reason": "Abuse"})
    report.refresh_from_db()
    assert report.hidden_at is not None and report.hidden_reason == "Abuse"
    assert Client().get(f"/en/reports/{report.pk}/").status_code == 404
    client.post(reverse("reports_admin:report_restore", args=[report.pk]))
    assert Client().get(f"/en/reports/{report.pk}/").status_code == 200


def test_staff_without_the_permission_cannot_hide(report):
    staff = factories.person(is_staff=True)
    response = signed_in(staff).post(
        reverse("reports_admin:report_hide", args=[report.pk]), {"reason": "Because"}
    )
    assert response.status_code in (302, 403)
    assert Report.objects.get(pk=report.pk).hidden_at is None


def test_a_moderator_reroutes_a_report_to_another_body(editor, report, other_body):
    signed_in(editor).post(
        reverse("reports_admin:report_reroute", args=[report.pk]),
        {"body": other_body.pk, "note": "Their street."},
    )
    assert Report.objects.get(pk=report.pk).body == other_body


def test_a_moderator_hides_an_update(editor, report):
    update = factories.official_update(report, text="Offensive answer")
    signed_in(editor).post(
        reverse("reports_admin:update_hide", args=[update.pk]), {"reason": "Insult"}
    )
    update = ReportUpdate.objects.get(pk=update.pk)
    assert update.hidden_at is not None and update.hidden_reason == "Insult"


def test_a_key_is_issued_with_its_secret_shown_once_and_revoked(body):
    admin = factories.person(is_staff=True, is_superuser=True)
    client = signed_in(admin)
    response = client.post(
        reverse("reports_admin:key_issue"),
        {"application": "City app", "contact_email": "dev@example.org", "body": body.pk},
    )
    assert response.status_code == 200
    key = Open311Key.objects.get(application="City app")
    page = response.content.decode()
    secret = page.split('id="secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(key.prefix) and key.digest not in page
    assert key.body == body
    assert client.get(reverse("reports_open311key_modeladmin_index")).status_code == 200
    client.post(reverse("reports_admin:key_revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_editors_cannot_issue_keys(editor):
    response = signed_in(editor).post(
        reverse("reports_admin:key_issue"),
        {"application": "Sneaky", "contact_email": "dev@example.org"},
    )
    assert response.status_code in (302, 403)
    assert not Open311Key.objects.exists()
