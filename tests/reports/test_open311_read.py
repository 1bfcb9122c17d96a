"""Open311 GeoReport v2, reading: discovery, services, service definitions, requests and their
filters, in JSON and XML, with the spec's field names and error shape."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

import pytest

from reports.models import Report
from reports.states import State
from tests.reports import factories

pytestmark = pytest.mark.django_db

BASE = "/open311/v2/"
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def xml_of(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own responses)


def get_json(client, path, **params):
    response = client.get(BASE + path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def get_xml(client, path, **params):
    response = client.get(BASE + path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    return xml_of(response.content)


def error_of(response, status):
    assert response.status_code == status, response.content
    if response["Content-Type"].startswith("application/json"):
        [error] = json.loads(response.content)
        assert error["code"] == status
        return error["description"]
    root = xml_of(response.content)
    assert root.tag == "errors"
    assert root.find("error/code").text == str(status)
    return root.find("error/description").text


def test_discovery_names_the_endpoint_and_formats(client):
    data = get_json(client, "discovery.json")
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(data)
    [endpoint] = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}

    root = get_xml(client, "discovery.xml")
    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert set(formats) == {"application/json", "text/xml"}
    assert root.find("endpoints/endpoint/type").text == "production"


def test_services_list_active_categories_in_the_asked_language(client, pothole):
    factories.attribute(pothole)
    plain = factories.category("graffiti", group="buildings", keywords="стіни, фарба")
    factories.category("retired", active=False)

    data = get_json(client, "services.json", locale="en")
    by_code = {s["service_code"]: s for s in data}
    assert set(by_code) == {"pothole", "graffiti"}
    assert by_code["pothole"]["service_name"] == "Pothole pothole"
    assert by_code["pothole"]["metadata"] is True
    assert by_code["graffiti"]["metadata"] is False
    assert by_code["graffiti"]["type"] == "realtime"
    assert by_code["graffiti"]["keywords"] == plain.keywords
    assert by_code["graffiti"]["group"] == "Buildings and yards"

    root = get_xml(client, "services.xml")  # Ukrainian by default
    assert root.tag == "services"
    names = {s.find("service_code").text: s.find("service_name").text for s in root}
    assert names["pothole"] == "Яма на дорозі pothole"
    metadata = {s.find("service_code").text: s.find("metadata").text for s in root}
    assert metadata == {"pothole": "true", "graffiti": "false"}


def test_services_follow_accept_language(client, pothole):
    response = client.get(BASE + "services.json", HTTP_ACCEPT_LANGUAGE="en")
    assert json.loads(response.content)[0]["service_name"] == "Pothole pothole"


def test_service_definition_lists_the_questions(client, pothole):
    factories.attribute(pothole)
    factories.attribute(
        pothole, "note", datatype="string", required=False, values=[], question_en="Anything?"
    )
    data = get_json(client, "services/pothole.json", locale="en")
    assert data["service_code"] == "pothole"
    depth, note = data["attributes"]
    assert depth == {
        "variable": True,
        "code": "depth",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "How deep is it?",
        "values": [{"key": "shallow", "name": "Shallow"}, {"key": "deep", "name": "Deep"}],
    }
    assert note["required"] is False and note["order"] == 2

    root = get_xml(client, "services/pothole.xml")
    assert root.tag == "service_definition"
    [first, _second] = root.findall("attributes/attribute")
    assert first.find("code").text == "depth"
    assert first.find("required").text == "true"
    assert [v.find("key").text for v in first.findall("values/value")] == ["shallow", "deep"]
    assert first.find("values/value/name").text == "Неглибока"


def test_unknown_service_is_404(client, pothole):
    assert error_of(client.get(BASE + "services/nothing.json"), 404)
    assert error_of(client.get(BASE + "services/nothing.xml"), 404)


def test_unknown_format_is_refused_in_the_spec_shape(client, pothole):
    assert error_of(client.get(BASE + "services.csv"), 404)
    assert error_of(client.get(BASE + "requests.html"), 404)


def test_unknown_jurisdiction_is_404(client, settings, pothole):
    settings.OPEN311_JURISDICTION = "spilno.example"
    assert get_json(client, "services.json", jurisdiction_id="spilno.example")
    assert error_of(client.get(BASE + "services.json", {"jurisdiction_id": "elsewhere"}), 404)


def test_wrong_method_is_405_in_the_spec_shape(client):
    response = client.post(BASE + "services.json")
    assert error_of(response, 405)
    assert response["Allow"] == "GET"
    response = client.delete(BASE + "requests.xml")
    assert error_of(response, 405)
    assert error_of(client.put(BASE + "servicerequestupdates.json"), 405)


@pytest.fixture
def reports(pothole, body, other_body, district):
    now = timezone.now()
    other = factories.category("streetlight", group="lighting")
    factories.route(other, other_body)
    made = {
        "open": factories.report_in(
            cat=pothole, organization=body, district=district, created_at=now - timedelta(days=2)
        ),
        "fixed": factories.report_in(
            State.FIXED,
            cat=pothole,
            organization=body,
            district=district,
            created_at=now - timedelta(days=5),
        ),
        "light": factories.report_in(
            cat=other, organization=other_body, district=district, created_at=now - timedelta(1)
        ),
        "old": factories.report_in(
            cat=pothole, organization=body, district=district, created_at=now - timedelta(120)
        ),
        "unconfirmed": factories.report_in(
            State.UNCONFIRMED, cat=pothole, organization=body, district=district
        ),
        "hidden": factories.report_in(
            cat=pothole, organization=body, district=district, hidden_at=now
        ),
    }
    return made


def ids(data):
    return [r["service_request_id"] for r in data]


def test_requests_have_the_spec_fields_newest_first_last_90_days(client, reports):
    factories.official_update(reports["fixed"], text="Залатали.", state=State.FIXED)
    data = get_json(client, "requests.json", locale="en")
    assert ids(data) == [reports["light"].pk, reports["open"].pk, reports["fixed"].pk]
    fixed = data[2]
    assert set(fixed) >= REQUEST_FIELDS
    assert fixed["status"] == "closed"
    assert fixed["status_notes"] == "Залатали."
    assert fixed["service_code"] == "pothole"
    assert fixed["service_name"] == "Pothole pothole"
    assert fixed["agency_responsible"] == reports["fixed"].body.name
    assert fixed["lat"] == pytest.approx(float(reports["fixed"].latitude))
    assert fixed["long"] == pytest.approx(float(reports["fixed"].longitude))
    assert fixed["requested_datetime"].startswith(
        timezone.localtime(reports["fixed"].created_at).strftime("%Y-%m-%dT%H:%M:%S")
    )
    assert data[0]["status"] == "open"

    root = get_xml(client, "requests.xml")
    assert root.tag == "service_requests"
    assert [int(r.find("service_request_id").text) for r in root.findall("request")] == ids(data)
    assert {child.tag for child in root.find("request")} >= REQUEST_FIELDS


def test_xml_leaves_out_characters_xml_cannot_carry(client, reports):
    Report.objects.filter(pk=reports["open"].pk).update(description="Яма\x0b глибока & <широка>")
    root = get_xml(client, f"requests/{reports['open'].pk}.xml")
    assert root.find("request/description").text == "Яма глибока & <широка>"


def test_head_is_answered_like_get(client, pothole):
    assert client.head(BASE + "services.json").status_code == 200


def test_requests_filters(client, reports, other_body):
    assert ids(get_json(client, "requests.json", service_code="streetlight")) == [
        reports["light"].pk
    ]
    assert ids(get_json(client, "requests.json", status="closed")) == [reports["fixed"].pk]
    assert ids(get_json(client, "requests.json", agency_responsible=other_body.slug)) == [
        reports["light"].pk
    ]
    assert ids(get_json(client, "requests.json", agency_responsible=other_body.name)) == [
        reports["light"].pk
    ]
    start = (timezone.now() - timedelta(days=200)).isoformat()
    end = (timezone.now() - timedelta(days=4)).isoformat()
    assert ids(get_json(client, "requests.json", start_date=start, end_date=end)) == [
        reports["fixed"].pk,
        reports["old"].pk,
    ]
    wanted = f"{reports['old'].pk},{reports['hidden'].pk},{reports['unconfirmed'].pk}"
    assert ids(get_json(client, "requests.json", service_request_id=wanted)) == [reports["old"].pk]


def test_requests_paging(client, reports):
    first = get_json(client, "requests.json", page_size=2)
    second = get_json(client, "requests.json", page_size=2, page=2)
    assert ids(first) == [reports["light"].pk, reports["open"].pk]
    assert ids(second) == [reports["fixed"].pk]


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": "1001"},
        {"page_size": "0"},
        {"page": "x"},
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45"},
        {"start_date": "2026-12-01", "end_date": "2026-11-01"},
        {"status": "broken"},
        {"service_request_id": "1,abc"},
    ],
)
def test_bad_request_parameters_are_400(client, reports, params):
    assert error_of(client.get(BASE + "requests.json", params), 400)
    assert error_of(client.get(BASE + "requests.xml", params), 400)


def test_one_request_and_404_for_what_is_not_public(client, reports):
    [data] = get_json(client, f"requests/{reports['open'].pk}.json")
    assert data["service_request_id"] == reports["open"].pk
    root = get_xml(client, f"requests/{reports['open'].pk}.xml")
    assert root.find("request/service_request_id").text == str(reports["open"].pk)
    for name in ("hidden", "unconfirmed"):
        assert error_of(client.get(f"{BASE}requests/{reports[name].pk}.json"), 404)
    assert error_of(client.get(f"{BASE}requests/99999999.xml"), 404)
    assert error_of(client.get(f"{BASE}requests/abc.json"), 404)


def test_first_photo_or_the_apps_link_is_the_media_url(client, reports):
    from reports.models import ReportPhoto

    ReportPhoto.objects.create(report=reports["open"], file="reports/1/a.jpg", sort_order=0)
    ReportPhoto.objects.create(report=reports["open"], file="reports/1/b.jpg", sort_order=1)
    reports["light"].media_url = "https://app.example/p/1.jpg"
    reports["light"].save()
    data = {r["service_request_id"]: r for r in get_json(client, "requests.json")}
    assert data[reports["open"].pk]["media_url"].startswith("http://testserver/")
    assert data[reports["open"].pk]["media_url"].endswith("reports/1/a.jpg")
    assert data[reports["light"].pk]["media_url"] == "https://app.example/p/1.jpg"
    assert data[reports["fixed"].pk]["media_url"] == ""


def test_no_reporter_details_anywhere(client, reports, resident):
    report = reports["open"]
    report.reporter_email = "secret-person@example.org"
    report.reporter_name = "Таємна Особа"
    report.show_name = True
    report.save()
    mine = factories.report_in(
        cat=report.category, organization=report.body, reporter=resident, reporter_email=""
    )
    factories.official_update(report, text="Дякуємо.")
    for path in (
        "requests.json",
        "requests.xml",
        f"requests/{report.pk}.json",
        f"requests/{mine.pk}.xml",
        "servicerequestupdates.json",
        "servicerequestupdates.xml",
    ):
        body = client.get(BASE + path).content.decode()
        for secret in ("secret-person", "Таємна", resident.email, "reporter-", "Коваль"):
            assert secret not in body, (path, secret)
        assert '"reporter' not in body and "<reporter" not in body
