"""Open311 GeoReport v2, writing: a registered app's new requests (token flow, validation,
keys), FixMyStreet's update extension posted by a body's own system, and the rate limits."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from reports import services
from reports.models import Report, ReportUpdate
from reports.states import State
from tests.reports import factories
from tests.reports.test_open311_read import BASE, error_of, xml_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_key(db):
    return services.open311_key_issue(application="Міський застосунок", contact_email="dev@x.org")


@pytest.fixture
def secret(app_key):
    return app_key[1]


@pytest.fixture
def place(district):
    lat, lon = factories.point_in(district)
    return {"lat": str(lat), "long": str(lon)}


def new_request(secret, place, **extra):
    return {
        "api_key": secret,
        "service_code": "pothole",
        "description": "Глибока яма біля зупинки «Центр».",
        "email": "person@example.org",
        "first_name": "Марія",
        "last_name": "Шевчук",
        **place,
        **extra,
    }


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_post_gives_a_token_and_the_report_waits_for_email(
    client, pothole, secret, place, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "requests.json", new_request(secret, place))
    assert response.status_code == 200, response.content
    [answer] = json.loads(response.content)
    assert set(answer) == {"token", "service_notice", "account_id"}
    report = Report.objects.get()
    assert answer["token"] == str(report.token)
    assert report.state == State.UNCONFIRMED
    assert report.source == Report.Source.OPEN311
    assert report.app_key.application == "Міський застосунок"
    assert report.reporter_email == "person@example.org"
    assert report.reporter_name == "Марія Шевчук"
    assert not report.show_name
    assert [m.to for m in mail.outbox] == [["person@example.org"]]

    token_path = f"{BASE}tokens/{answer['token']}.json"
    assert json.loads(client.get(token_path).content) == [
        {"service_request_id": None, "token": answer["token"]}
    ]
    assert error_of(client.get(f"{BASE}requests/{report.pk}.json"), 404)

    services.report_confirm(report=report)
    assert json.loads(client.get(token_path).content) == [
        {"service_request_id": report.pk, "token": answer["token"]}
    ]
    root = xml_of(client.get(f"{BASE}tokens/{answer['token']}.xml").content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == str(report.pk)
    assert root.find("request/token").text == answer["token"]
    [public] = json.loads(client.get(f"{BASE}requests/{report.pk}.json").content)
    assert "Марія" not in json.dumps(public, ensure_ascii=False)
    assert "person@example.org" not in json.dumps(public)


def test_post_in_xml_with_answers_photos_and_link(client, pothole, secret, place):
    factories.attribute(pothole)
    factories.attribute(
        pothole,
        "hazards",
        datatype="multivaluelist",
        required=False,
        values=[{"key": "kids", "name_uk": "Діти"}, {"key": "cars", "name_uk": "Машини"}],
    )
    data = new_request(
        secret,
        place,
        **{
            "attribute[depth]": "deep",
            "attribute[hazards][]": ["kids", "cars"],
            "media_url": "https://app.example/p/7.jpg",
            "media": [jpeg("a.jpg"), jpeg("b.jpg")],
        },
    )
    response = client.post(BASE + "requests.xml", data)
    assert response.status_code == 200, response.content
    root = xml_of(response.content)
    assert root.tag == "service_requests"
    assert root.find("request/token").text
    assert root.find("request/service_notice") is not None
    assert root.find("request/account_id") is not None
    report = Report.objects.get()
    assert report.attributes == {"depth": "deep", "hazards": ["kids", "cars"]}
    assert report.photos.count() == 2
    assert report.media_url == "https://app.example/p/7.jpg"


def test_provider_complaint_names_the_provider(client, provider_complaint, provider, secret):
    data = new_request(secret, {}, service_code="poor-service", provider=provider.slug)
    response = client.post(BASE + "requests.json", data)
    assert response.status_code == 200, response.content
    assert Report.objects.get().provider == provider


@pytest.mark.parametrize(
    "change",
    [
        {"api_key": ""},
        {"service_code": ""},
        {"service_code": "nothing"},
        {"email": ""},
        {"email": "not-an-address"},
        {"description": ""},
        {"description": "я" * 4001},
        {"lat": "north", "long": "30.5"},
        {"lat": "91", "long": "30.5"},
        {"lat": "", "long": "30.5"},
        {"lat": "", "long": "", "address_string": ""},
        {"lat": "0", "long": "0"},  # in no district of the city
        {"media_url": "javascript:alert(1)"},
        {"provider": "no-such-organization"},
        {"attribute[depth]": "bottomless"},
    ],
)
def test_bad_posts_are_400_and_write_nothing(client, pothole, secret, place, change):
    factories.attribute(pothole, required=False)
    data = new_request(secret, place, **change)
    assert error_of(client.post(BASE + "requests.json", data), 400)
    assert error_of(client.post(BASE + "requests.xml", data), 400)
    assert not Report.objects.exists()
    assert not mail.outbox


def test_too_many_photos_are_refused(client, pothole, secret, place):
    data = new_request(secret, place, media=[jpeg(f"{n}.jpg") for n in range(4)])
    assert error_of(client.post(BASE + "requests.json", data), 400)
    assert not Report.objects.exists()


def test_a_file_that_is_no_picture_is_refused(client, pothole, secret, place):
    fake = SimpleUploadedFile("x.jpg", b"not a picture", content_type="image/jpeg")
    data = new_request(secret, place, media=fake)
    assert error_of(client.post(BASE + "requests.json", data), 400)
    assert not Report.objects.exists()


def test_unknown_and_revoked_keys_are_403(client, pothole, app_key, place):
    key, secret = app_key
    assert error_of(client.post(BASE + "requests.json", new_request("wrong", place)), 403)
    services.open311_key_revoke(key=key)
    assert error_of(client.post(BASE + "requests.xml", new_request(secret, place)), 403)
    assert not Report.objects.exists()


def test_post_needs_no_csrf_token(pothole, secret, place):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(BASE + "requests.json", new_request(secret, place)).status_code == 200


def test_posts_are_rate_limited_per_address(client, pothole, secret, place):
    data = new_request(secret, place, description="")
    statuses = [client.post(BASE + "requests.json", data).status_code for _ in range(25)]
    assert statuses[0] == 400
    assert statuses[-1] == 429
    assert error_of(client.post(BASE + "requests.json", data), 429)


def test_unknown_token_is_404(client):
    assert error_of(client.get(BASE + "tokens/0f1e2d3c-0000-4000-8000-000000000000.json"), 404)
    assert error_of(client.get(BASE + "tokens/nonsense.xml"), 404)


@pytest.fixture
def body_secret(body):
    return services.open311_key_issue(application="CRM", contact_email="it@x.org", body=body)[1]


@pytest.fixture
def open_report(pothole, body, district):
    made = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/Kyiv"))
    return factories.report_in(cat=pothole, organization=body, district=district, created_at=made)


def test_body_system_posts_an_update(client, body_secret, open_report, messages_in_english):
    data = {
        "api_key": body_secret,
        "service_request_id": str(open_report.pk),
        "update_id": "crm-77",
        "status": "IN_PROGRESS",
        "description": "Бригада виїхала.",
        "updated_datetime": "2026-12-01T10:00:00+02:00",
    }
    response = client.post(BASE + "servicerequestupdates.json", data)
    assert response.status_code == 200, response.content
    [answer] = json.loads(response.content)
    update = ReportUpdate.objects.get(report=open_report)
    assert answer == {"update_id": update.pk}
    assert update.kind == ReportUpdate.Kind.OFFICIAL
    assert update.source == ReportUpdate.Source.OPEN311
    assert update.text == "Бригада виїхала."
    open_report.refresh_from_db()
    assert open_report.state == State.IN_PROGRESS

    listed = json.loads(
        client.get(
            BASE + "servicerequestupdates.json",
            {"start_date": "2026-11-30", "end_date": "2026-12-02"},
        ).content
    )
    assert listed == [
        {
            "update_id": update.pk,
            "service_request_id": open_report.pk,
            "status": "IN_PROGRESS",
            "updated_datetime": "2026-12-01T10:00:00+02:00",
            "description": "Бригада виїхала.",
            "media_url": "",
        }
    ]
    root = xml_of(
        client.get(BASE + "servicerequestupdates.xml", {"start_date": "2026-11-30"}).content
    )
    assert root.tag == "service_request_updates"
    assert root.find("request_update/update_id").text == str(update.pk)

    closing = {**data, "status": "closed", "description": "Готово.", "updated_datetime": ""}
    xml = client.post(BASE + "servicerequestupdates.xml", closing)
    assert xml_of(xml.content).find("request_update/update_id").text
    open_report.refresh_from_db()
    assert open_report.state == State.FIXED


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("fixed", State.FIXED),
        ("NOT_COUNCILS_RESPONSIBILITY", State.NOT_RESPONSIBLE),
        ("unable_to_fix", State.UNABLE_TO_FIX),
        ("Action Scheduled", State.ACTION_SCHEDULED),
    ],
)
def test_update_statuses_map_to_states(client, body_secret, open_report, status, state):
    data = {"api_key": body_secret, "service_request_id": open_report.pk, "status": status}
    assert client.post(BASE + "servicerequestupdates.json", data).status_code == 200
    open_report.refresh_from_db()
    assert open_report.state == state


def test_open_reopens_a_fixed_report(client, body_secret, pothole, body):
    fixed = factories.report_in(State.FIXED, cat=pothole, organization=body)
    data = {"api_key": body_secret, "service_request_id": fixed.pk, "status": "OPEN"}
    assert client.post(BASE + "servicerequestupdates.json", data).status_code == 200
    fixed.refresh_from_db()
    assert fixed.state == State.OPEN


def test_open_on_an_open_report_without_words_changes_nothing(client, body_secret, open_report):
    data = {"api_key": body_secret, "service_request_id": open_report.pk, "status": "open"}
    assert error_of(client.post(BASE + "servicerequestupdates.json", data), 400)
    assert not ReportUpdate.objects.exists()


def test_duplicate_names_the_original(client, body_secret, open_report, pothole, body):
    original = factories.report_in(cat=pothole, organization=body)
    data = {
        "api_key": body_secret,
        "service_request_id": open_report.pk,
        "status": "duplicate",
        "duplicate_of": original.pk,
    }
    assert client.post(BASE + "servicerequestupdates.json", data).status_code == 200
    open_report.refresh_from_db()
    assert open_report.duplicate_of == original


def test_another_bodys_key_or_an_apps_key_may_not_post_updates(
    client, open_report, other_body, secret
):
    other = services.open311_key_issue(application="X", contact_email="a@x.org", body=other_body)
    for key in (other[1], secret):
        data = {"api_key": key, "service_request_id": open_report.pk, "description": "Ні."}
        assert error_of(client.post(BASE + "servicerequestupdates.json", data), 403)
    assert not ReportUpdate.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"service_request_id": ""},
        {"status": "teleported"},
        {"status": "", "description": ""},
        {"updated_datetime": "soon"},
        {"updated_datetime": "2999-01-01T00:00:00Z"},
        {"updated_datetime": "2026-11-01T00:00:00Z"},  # before the report
        {"status": "duplicate"},  # without the original
    ],
)
def test_bad_updates_are_refused(client, body_secret, open_report, change):
    data = {
        "api_key": body_secret,
        "service_request_id": open_report.pk,
        "status": "investigating",
        "description": "Дивимось.",
        **change,
    }
    assert error_of(client.post(BASE + "servicerequestupdates.xml", data), 400)
    assert not ReportUpdate.objects.exists()


def test_updates_for_unknown_or_hidden_requests_are_404(client, body_secret, open_report):
    data = {"api_key": body_secret, "service_request_id": "99999999", "description": "Так."}
    assert error_of(client.post(BASE + "servicerequestupdates.json", data), 404)
    Report.objects.filter(pk=open_report.pk).update(hidden_at=open_report.created_at)
    data["service_request_id"] = open_report.pk
    assert error_of(client.post(BASE + "servicerequestupdates.json", data), 404)


def test_hidden_and_unconfirmed_updates_are_not_listed(client, open_report):
    shown = factories.official_update(open_report, text="Видно.")
    hidden = factories.official_update(open_report, text="Приховано.")
    ReportUpdate.objects.filter(pk=hidden.pk).update(hidden_at=hidden.created_at)
    ReportUpdate.objects.create(report=open_report, kind="public", text="Чекає.")
    listed = json.loads(client.get(BASE + "servicerequestupdates.json").content)
    assert [u["update_id"] for u in listed] == [shown.pk]
