"""Reporting through the web pages: the whole anonymous flow (form, email, confirmation by a
POST, the public page without the email), a signed-in report, the look at nearby reports and
"me too", updates on the timeline, the honeypot, the rate limits, and hostile input on every
field and link."""

import io
import re
import zlib
from decimal import Decimal

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import pytest
from PIL import Image

from reports import tokens
from reports.models import Report, ReportSupporter, ReportUpdate
from reports.states import State
from tests.reports import factories
from tests.reports.factories import signed_in

pytestmark = pytest.mark.django_db

NEW = "/en/reports/new/"


@pytest.fixture(autouse=True)
def _after_commit_work_runs(monkeypatch, django_capture_on_commit_callbacks):
    """What a request leaves for after its commit (the emails) runs as the request ends, as it
    would outside the test's transaction."""
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def form_data(district, **extra) -> dict:
    lat, lon = factories.point_in(district)
    data = {
        "category": "pothole",
        "title": "A hole by the school",
        "description": "Half a metre wide, filled with water.",
        "latitude": str(lat),
        "longitude": str(lon),
        "email": "olena@example.org",
        "name": "Olena K.",
    }
    data.update(extra)
    return data


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/reports/confirm/[^/\s]+/)", message.body).group(1)


def png(colour="red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")


def test_an_anonymous_report_is_confirmed_by_email_and_published_without_the_email(
    pothole, district, body, messages_in_english
):
    client = Client()
    response = client.post(NEW, form_data(district, photos=[png(), png("blue")]))
    assert response.status_code == 302 and response["Location"].endswith("/reports/new/sent/")
    assert "Check your email" in client.get(response["Location"]).content.decode()
    report = Report.objects.get()
    assert report.state == State.UNCONFIRMED and report.district == district
    assert report.reporter_email == "olena@example.org" and not report.show_name
    assert report.photos.count() == 2
    assert client.get(f"/en/reports/{report.pk}/").status_code == 404

    assert [m.to for m in mail.outbox] == [["olena@example.org"]]
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Confirm your report" in page.content.decode()
    report.refresh_from_db()
    assert report.state == State.UNCONFIRMED  # a GET changes nothing

    done = client.post(link)
    assert done.status_code == 302 and done["Location"].endswith(f"/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.state == State.OPEN
    shown = client.get(done["Location"]).content.decode()
    assert "A hole by the school" in shown and "your report is confirmed" in shown
    assert "olena@example.org" not in shown and "Olena K." not in shown
    assert f"Photo 2 of report #{report.pk}" in shown
    again = client.get(link).content.decode()
    assert "confirmed already" in again


def test_an_anonymous_reporter_may_show_their_name(pothole, district, body):
    client = Client()
    client.post(NEW, form_data(district, show_name="on"))
    client.post(link_in(mail.outbox[0]))
    report = Report.objects.get()
    assert "Olena K." in client.get(f"/en/reports/{report.pk}/").content.decode()


def test_a_signed_in_resident_reports_at_once_without_an_email(pothole, district, resident):
    data = form_data(district)
    del data["email"]
    response = signed_in(resident).post(NEW, data)
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    assert report.state == State.OPEN and report.reporter == resident
    assert report.reporter_email == ""


def test_an_address_with_a_district_is_a_place_too(pothole, district):
    data = form_data(district, latitude="", longitude="", address="Shevchenka St. 5")
    data["district"] = str(district.pk)
    assert Client().post(NEW, data).status_code == 302
    assert Report.objects.get().address == "Shevchenka St. 5"


def test_the_questions_of_the_category_are_asked_and_required(pothole, district):
    factories.attribute(pothole)
    client = Client()
    page = client.get(NEW, {"category": "pothole"}).content.decode()
    assert "How deep is it?" in page
    response = client.post(NEW, form_data(district))
    assert response.status_code == 400 and not Report.objects.exists()
    client.post(NEW, form_data(district, attribute_depth="deep"))
    assert Report.objects.get().attributes == {"depth": "deep"}


def test_a_complaint_names_the_provider(provider_complaint, provider):
    data = {
        "category": "poor-service",
        "title": "No hot water",
        "description": "For a week.",
        "provider": str(provider.pk),
        "email": "a@example.org",
    }
    assert Client().post(NEW, data).status_code == 302
    assert Report.objects.get().provider == provider


@pytest.mark.parametrize(
    "changes",
    [
        {"latitude": "NaN", "longitude": "NaN"},
        {"latitude": "inf", "longitude": "-inf"},
        {"latitude": "1e308", "longitude": "1e308"},
        {"latitude": "9" * 400, "longitude": "1"},
        {"latitude": "91", "longitude": "30"},
        {"latitude": "0", "longitude": "0"},  # far outside the city
        {"latitude": "49.5", "longitude": ""},
        {"latitude": "<script>", "longitude": "x"},
        {
            "latitude": "",
            "longitude": "",
            "address": "Somewhere",
            "district": "999999999999999999999",
        },
        {"latitude": "", "longitude": "", "address": "Somewhere", "district": "abc"},
        {"category": "no-such-category"},
        {"category": ""},
        {"title": ""},
        {"description": "x" * 4001},
        {"email": "not-an-email"},
        {"email": ""},
    ],
)
def test_hostile_report_input_is_refused_clearly_and_writes_nothing(changes, pothole, district):
    data = form_data(district)
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    response = Client().post(NEW, data)
    assert response.status_code in (200, 400, 404)
    assert not Report.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "abc", "0", "123456"])
def test_hostile_provider_ids_are_refused(value, provider_complaint, provider):
    data = {
        "category": "poor-service",
        "title": "T",
        "description": "D",
        "provider": value,
        "email": "a@example.org",
    }
    response = Client().post(NEW, data)
    assert response.status_code == 400 and not Report.objects.exists()


def test_more_than_three_photos_are_refused(pothole, district):
    response = Client().post(NEW, form_data(district, photos=[png() for _ in range(4)]))
    assert response.status_code == 400
    assert "at most 3 photos" in response.content.decode()
    assert not Report.objects.exists()


def test_a_file_that_is_no_picture_is_refused(pothole, district, messages_in_english):
    bad = SimpleUploadedFile("x.jpg", b"not a picture", content_type="image/jpeg")
    response = Client().post(NEW, form_data(district, photos=[bad]))
    assert response.status_code == 400 and not Report.objects.exists()


def test_the_honeypot_creates_nothing(pothole, district):
    response = Client().post(NEW, form_data(district, website="http://spam.example"))
    assert response.status_code == 302
    assert not Report.objects.exists() and mail.outbox == []


def test_reporting_is_rate_limited_per_address(pothole, district):
    client = Client()
    for _ in range(5):
        client.post(NEW, {"category": "pothole"})
    response = client.post(NEW, form_data(district))
    assert response.status_code == 429
    assert not Report.objects.exists()


class FakeClock:
    """django-ratelimit's windows, moved on by hand: a new minute for every request, all in
    one day's window of the address."""

    def __init__(self, address: str):
        day = 86400
        self.now = 20_000 * day + zlib.crc32(address.encode()) % day + 1

    def window(self, value, period):
        value = value if isinstance(value, bytes) else value.encode()
        end = self.now - self.now % period + zlib.crc32(value) % period
        return end + period if end < self.now else end


def test_reporting_is_rate_limited_per_day(pothole, district, monkeypatch):
    import django_ratelimit.core

    clock = FakeClock("10.9.9.9")
    monkeypatch.setattr(django_ratelimit.core, "_get_window", clock.window)
    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(30):
        clock.now += 61
        assert client.post(NEW, {"category": "pothole"}).status_code != 429
    clock.now += 61
    assert client.post(NEW, form_data(district)).status_code == 429
    assert not Report.objects.exists()


def test_reporting_is_rate_limited_per_person_across_addresses(pothole, district, resident):
    client = signed_in(resident)
    for number in range(5):
        client.post(NEW, {"category": "pothole"}, REMOTE_ADDR=f"10.0.{number}.1")
    data = form_data(district)
    assert client.post(NEW, data, REMOTE_ADDR="10.0.99.1").status_code == 429
    assert not Report.objects.exists()


def test_the_nearby_step_offers_me_too_then_sends_on_request(pothole, district, body):
    lat, lon = factories.point_in(district)
    near = factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        latitude=lat,
        longitude=lon,
        title="Already reported hole",
    )
    client = Client()
    data = form_data(
        district, latitude=str(lat), longitude=str(lon + Decimal("0.0003"))
    )  # ~22 m east
    response = client.post(NEW, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Is it already reported?" in page and "Already reported hole" in page
    assert f'action="/en/reports/{near.pk}/support/"' in page
    assert "My problem is different, send it" in page
    assert 'value="A hole by the school"' in page  # nothing typed is lost
    assert "choose them again" in page
    assert Report.objects.count() == 1

    supported = client.post(f"/en/reports/{near.pk}/support/", {"email": "olena@example.org"})
    assert supported.status_code == 302
    supporter = ReportSupporter.objects.get()
    assert supporter.email == "olena@example.org" and supporter.confirmed_at is None
    client.post(link_in(mail.outbox[-1]))
    near.refresh_from_db()
    assert near.supporter_count == 1

    client.post(NEW, {**data, "confirmed_new": "1"})
    assert Report.objects.count() == 2


def test_a_point_further_than_50_m_is_no_duplicate(pothole, district, body):
    lat, lon = factories.point_in(district)
    factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, latitude=lat, longitude=lon
    )
    response = Client().post(
        NEW, form_data(district, latitude=str(lat + Decimal("0.001")), longitude=str(lon))
    )
    assert response.status_code == 302 and Report.objects.count() == 2


def test_a_signed_in_me_too_counts_at_once(pothole, district, body, resident):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    client = signed_in(resident)
    response = client.post(f"/en/reports/{report.pk}/support/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.supporter_count == 1
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "You said “me too”." in page


def test_me_too_needs_csrf(pothole, district, body, resident):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    assert client.post(f"/en/reports/{report.pk}/support/").status_code == 403
    assert not ReportSupporter.objects.exists()


def test_an_anonymous_update_waits_for_its_email_then_shows(pothole, district, body):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    client = Client()
    data = {"update-text": "Still there, deeper now.", "update-email": "pass@example.org"}
    response = client.post(f"/en/reports/{report.pk}/update/", data)
    assert response.status_code == 302
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "Still there, deeper now." not in page
    client.post(link_in(mail.outbox[-1]))
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "Still there, deeper now." in page and "A resident" in page
    assert "pass@example.org" not in page


def test_a_resident_marks_a_report_fixed_and_the_reporter_reopens_it(
    pothole, district, body, resident
):
    reporter = factories.person()
    report = factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, reporter=reporter
    )
    response = signed_in(resident).post(
        f"/en/reports/{report.pk}/update/",
        {"update-text": "Patched today.", "update-state": "fixed"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == State.FIXED
    page = signed_in(reporter).get(f"/en/reports/{report.pk}/").content.decode()
    assert "Still broken (reopen)" in page
    signed_in(reporter).post(
        f"/en/reports/{report.pk}/update/",
        {"update-text": "It broke again.", "update-state": "open"},
    )
    report.refresh_from_db()
    assert report.state == State.OPEN
    kinds = list(ReportUpdate.objects.filter(report=report).values_list("kind", flat=True))
    assert "reporter" in kinds and "public" in kinds


def test_reopening_is_not_offered_after_28_days(pothole, district, body):
    report = factories.report_in(
        State.FIXED,
        cat=pothole,
        organization=body,
        district=district,
        created_at=timezone.now() - timezone.timedelta(days=40),
    )
    page = Client().get(f"/en/reports/{report.pk}/").content.decode()
    assert "Still broken (reopen)" not in page
    response = Client().post(
        f"/en/reports/{report.pk}/update/",
        {"update-text": "No.", "update-state": "open", "update-email": "a@example.org"},
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == State.FIXED


@pytest.mark.parametrize(
    "data",
    [
        {"update-text": ""},
        {"update-text": "x" * 2001, "update-email": "a@example.org"},
        {"update-text": "Hi", "update-email": "nope"},
        {"update-text": "Hi", "update-email": "a@example.org", "update-state": "duplicate"},
        {"update-text": "Hi", "update-email": "a@example.org", "update-state": "<x>"},
    ],
)
def test_hostile_updates_are_refused(data, pothole, district, body):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    response = Client().post(f"/en/reports/{report.pk}/update/", data)
    assert response.status_code == 400
    assert not ReportUpdate.objects.exists()


def test_an_update_honeypot_writes_nothing(pothole, district, body):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    Client().post(
        f"/en/reports/{report.pk}/update/",
        {"update-text": "Buy now", "update-email": "a@example.org", "update-website": "x"},
    )
    assert not ReportUpdate.objects.exists() and mail.outbox == []


def test_updates_and_support_on_hidden_or_unconfirmed_reports_are_404(pothole, district, body):
    report = factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district
    )
    client = Client()
    assert (
        client.post(f"/en/reports/{report.pk}/support/", {"email": "a@example.org"}).status_code
        == 404
    )
    assert (
        client.post(
            f"/en/reports/{report.pk}/update/",
            {"update-text": "x", "update-email": "a@example.org"},
        ).status_code
        == 404
    )
    assert client.get(f"/en/reports/{report.pk}/support/").status_code in (404, 405)


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 600, "eyJ:bad:sig", "%00", "..", "W10:1a:bad"],
)
def test_bad_confirmation_links_are_a_clear_400(token):
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/en/reports/confirm/{token}/")
        assert response.status_code in (400, 404)
        if response.status_code == 400 and token != "%00":
            assert "This link does not work" in response.content.decode()


def test_a_link_to_a_deleted_report_or_another_kind_does_not_work(pothole, district, body):
    token = tokens.confirm_token("report", 987654)
    assert Client().get(f"/en/reports/confirm/{token}/").status_code == 400
    huge = tokens.confirm_token("update", 2**70)
    assert Client().post(f"/en/reports/confirm/{huge}/").status_code == 400


def test_an_expired_link_does_not_work(pothole, district, body, settings):
    report = factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district
    )
    token = tokens.confirm_token("report", report.pk)
    settings.REPORT_CONFIRM_DAYS = -1
    assert Client().post(f"/en/reports/confirm/{token}/").status_code == 400
    report.refresh_from_db()
    assert report.state == State.UNCONFIRMED
