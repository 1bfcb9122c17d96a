"""The public report pages through the views: the list with its filters and map data, a
report's page, the book of complaints, in both languages, for the anonymous and the signed in;
and what the reporter's privacy asks of every one of them."""

from django.test import Client
from django.utils import timezone

import pytest

from reports.models import Report
from reports.states import State
from tests.reports import factories
from tests.reports.factories import signed_in

pytestmark = pytest.mark.django_db

INDEX = "/en/reports/"


@pytest.fixture
def open_report(pothole, body, district):
    return factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Deep pothole by the stop",
        reporter_email="secret-reporter@example.org",
        reporter_name="Taras Secretenko",
    )


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_every_public_page_renders_in_both_languages(
    language, who, open_report, provider_complaint, provider, body, resident
):
    factories.report_in(
        State.OPEN, cat=provider_complaint, organization=body, provider=provider, title="Cold"
    )
    client = signed_in(resident) if who == "resident" else Client()
    base = "/en/reports/" if language == "en" else "/reports/"
    for path in (
        base,
        f"{base}new/",
        f"{base}new/?category=pothole",
        f"{base}new/?category=poor-service",
        f"{base}{open_report.pk}/",
        f"{base}complaints/",
        f"{base}data/",
        f"{base}new/sent/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    page = client.get(base).content.decode()
    assert f'lang="{language}"' in page


def test_the_list_shows_public_reports_only_newest_first(pothole, body, district):
    factories.report_in(State.OPEN, cat=pothole, organization=body, district=district, title="Old")
    factories.report_in(
        State.FIXED,
        cat=pothole,
        organization=body,
        district=district,
        title="New",
        created_at=timezone.now(),
    )
    factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district, title="Unconfirmed"
    )
    factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Hidden",
        hidden_at=timezone.now(),
    )
    response = Client().get(INDEX)
    titles = [report.title for _number, report in response.context["numbered"]]
    assert titles == ["New", "Old"]
    assert b"Unconfirmed" not in response.content and b"Hidden" not in response.content


def test_the_list_filters_by_category_district_and_status(pothole, body, district, other_district):
    other = factories.category("graffiti", group="buildings")
    factories.route(other, body)
    factories.report_in(State.OPEN, cat=pothole, organization=body, district=district, title="A")
    factories.report_in(
        State.FIXED, cat=pothole, organization=body, district=other_district, title="B"
    )
    factories.report_in(
        State.DUPLICATE,
        cat=other,
        organization=body,
        district=district,
        title="C",
        duplicate_of=Report.objects.get(title="A"),
    )

    def titles(**query):
        response = Client().get(INDEX, query)
        assert response.status_code == 200
        return sorted(report.title for _n, report in response.context["numbered"])

    assert titles(category="graffiti") == ["C"]
    assert titles(district=other_district.slug) == ["B"]
    assert titles(status="open") == ["A"]
    assert titles(status="fixed") == ["B"]
    assert titles(status="closed") == ["C"]
    assert titles(category="pothole", district=district.slug) == ["A"]


@pytest.mark.parametrize(
    "query",
    [
        {"category": "nope"},
        {"district": "<script>"},
        {"status": "everything"},
        {"page": "99999999999999999999999999"},
        {"page": "-1"},
        {"page": "NaN"},
        {"category": ["a", "b"]},
        {"category": "x" * 5000},
    ],
)
def test_hostile_filters_are_ignored_with_a_message_never_a_500(query, open_report):
    for path in (INDEX, INDEX + "data/"):
        response = Client().get(path, query)
        assert response.status_code == 200, (path, query)
    page = Client().get(INDEX, query).content.decode()
    assert "<script>" not in page


def test_map_data_is_geojson_of_the_filtered_public_reports_with_a_point(
    open_report, pothole, body, district, provider_complaint, provider
):
    factories.report_in(State.UNCONFIRMED, cat=pothole, organization=body, district=district)
    factories.report_in(State.OPEN, cat=provider_complaint, organization=body, provider=provider)
    data = Client().get(INDEX + "data/").json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["properties"]["id"] == open_report.pk
    assert feature["properties"]["url"].endswith(f"/reports/{open_report.pk}/")
    assert feature["properties"]["state"] == "open"
    assert feature["geometry"]["coordinates"] == [
        float(open_report.longitude),
        float(open_report.latitude),
    ]
    assert "secret-reporter" not in str(data)
    assert Client().get(INDEX + "data/", {"status": "fixed"}).json()["features"] == []


def test_map_data_is_bounded(settings, open_report, monkeypatch):
    from reports.views import public

    monkeypatch.setattr(public, "MAP_DATA_LIMIT", 0)
    assert Client().get(INDEX + "data/").json()["features"] == []


def test_no_page_shows_the_reporters_email_or_a_name_not_meant_to_be_shown(open_report, resident):
    for client in (Client(), signed_in(resident)):
        for path in (INDEX, f"{INDEX}{open_report.pk}/", INDEX + "data/", INDEX + "complaints/"):
            page = client.get(path).content.decode()
            assert "secret-reporter@example.org" not in page, path
            assert "Secretenko" not in page, path


def test_the_name_is_shown_when_the_reporter_chose_so(open_report):
    Report.objects.filter(pk=open_report.pk).update(show_name=True)
    assert "Taras Secretenko" in Client().get(f"{INDEX}{open_report.pk}/").content.decode()
    assert "Taras Secretenko" in Client().get(INDEX).content.decode()


def test_a_reports_page_shows_its_facts_place_and_timeline(open_report, body):
    factories.official_update(open_report, state=State.INVESTIGATING, text="We are looking.")
    response = Client().get(f"{INDEX}{open_report.pk}/")
    page = response.content.decode()
    assert "Deep pothole by the stop" in page
    assert open_report.category.name_en in page
    assert open_report.district.name in page
    assert body.name in page and "We are looking." in page and "Investigating" in page
    assert "<svg" in page  # the small map
    assert str(open_report.latitude) in page


def test_photos_have_numbered_alt_text_and_a_media_link_is_nofollow(open_report):
    from django.core.files.base import ContentFile

    from reports.models import ReportPhoto

    ReportPhoto.objects.create(report=open_report, file=ContentFile(b"x", name="a.jpg"))
    Report.objects.filter(pk=open_report.pk).update(media_url="https://media.example.org/1.jpg")
    page = Client().get(f"{INDEX}{open_report.pk}/").content.decode()
    assert f'alt="Photo 1 of report #{open_report.pk}"' in page
    assert 'href="https://media.example.org/1.jpg" rel="nofollow noopener ugc"' in page
    cards = Client().get(INDEX).content.decode()
    assert "report-card__photo" in cards


def test_a_duplicate_links_to_its_original(open_report, pothole, body, district):
    copy = factories.report_in(
        State.DUPLICATE, cat=pothole, organization=body, district=district, duplicate_of=open_report
    )
    page = Client().get(f"{INDEX}{copy.pk}/").content.decode()
    assert f'href="/en/reports/{open_report.pk}/"' in page


def test_unconfirmed_and_hidden_reports_are_404_but_a_moderator_sees_a_hidden_one(
    pothole, body, district, moderator
):
    unconfirmed = factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district
    )
    hidden = factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        hidden_at=timezone.now(),
        hidden_reason="Insults",
    )
    assert Client().get(f"{INDEX}{unconfirmed.pk}/").status_code == 404
    assert Client().get(f"{INDEX}{hidden.pk}/").status_code == 404
    response = signed_in(moderator).get(f"{INDEX}{hidden.pk}/")
    assert response.status_code == 200
    assert "hidden from the public" in response.content.decode()
    assert signed_in(moderator).get(f"{INDEX}{unconfirmed.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["0/", "99999999999999999999/", "9223372036854775807/", "abc/", "-1/", "12345/update/"],
)
def test_hostile_report_numbers_are_404(path, open_report):
    response = Client().get(INDEX + path)
    assert response.status_code in (404, 405)


def test_the_book_of_complaints_lists_providers_with_counts(
    provider_complaint, provider, body, pothole, district
):
    factories.report_in(State.OPEN, cat=provider_complaint, organization=body, provider=provider)
    factories.report_in(State.FIXED, cat=provider_complaint, organization=body, provider=provider)
    factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    response = Client().get(INDEX + "complaints/")
    page = response.content.decode()
    assert response.status_code == 200
    assert [(row["provider"].name, row["count"]) for row in response.context["rows"]] == [
        ("Водоканал", 2)
    ]
    assert "/en/reports/new/?category=poor-service" in page
    assert "Poor quality of a service" in page


def test_the_first_step_groups_categories_and_refuses_unknown_codes(pothole, provider_complaint):
    page = Client().get(INDEX + "new/").content.decode()
    assert "?category=pothole" in page and "?category=poor-service" in page
    assert "Roads and pavements" in page
    for code in ("nope", "<b>", "x" * 300):
        response = Client().get(INDEX + "new/", {"category": code})
        assert response.status_code == 404
        assert "There is no such category" in response.content.decode()
    pothole.active = False
    pothole.save()
    assert Client().get(INDEX + "new/", {"category": "pothole"}).status_code == 404


def test_csp_is_unchanged_without_tiles_and_allows_the_tile_host_with_them(settings, open_report):
    settings.MAP_TILE_URL = ""
    policy = Client().get(INDEX)["Content-Security-Policy"]
    assert "img-src 'self' data:;" in policy
    assert "tile" not in policy
    assert b'"tile_url": ""' in Client().get(INDEX).content
    settings.MAP_TILE_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    response = Client().get(f"{INDEX}new/?category=pothole")
    assert "img-src 'self' data: https://*.tile.example.org;" in response["Content-Security-Policy"]
    assert b"https://{s}.tile.example.org/{z}/{x}/{y}.png" in response.content


def test_csp_refuses_a_tile_url_that_would_smuggle_a_directive(settings):
    settings.MAP_TILE_URL = "https://evil.example.org;script-src *"
    policy = Client().get(INDEX)["Content-Security-Policy"]
    assert "evil" not in policy and "script-src 'self'" in policy


def test_the_report_links_to_its_bodys_accountability_page(open_report, body):
    page = Client().get(f"{INDEX}{open_report.pk}/").content.decode()
    assert f'href="/en/reports/bodies/{body.slug}/"' in page


def test_the_list_map_is_an_svg_beside_the_list_with_data_for_the_movable_map(open_report):
    page = Client().get(INDEX).content.decode()
    assert "<svg" in page and 'id="reports-map-config"' in page
    assert '"data_url": "/en/reports/data/"' in page
    assert "vendor/leaflet/leaflet.js" in page and "reports/map.js" in page
