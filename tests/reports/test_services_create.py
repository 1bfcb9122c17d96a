"""Making a report: what it needs, where it goes, and its confirmation."""

from django.core import mail

import pytest

from reports import services
from reports.models import Report, ReportUpdate
from reports.states import ReportError, State
from reports.tokens import body_link_read, confirm_read
from tests.reports import factories

pytestmark = pytest.mark.django_db

DESCRIPTION = "Глибока вибоїна на проїжджій частині біля зупинки."


def _create(category, in_district, **fields):
    lat, lon = factories.point_in(in_district)
    values = {
        "category": category,
        "title": "Яма",
        "description": DESCRIPTION,
        "latitude": lat,
        "longitude": lon,
        "reporter_email": "someone@example.org",
    }
    values.update(fields)
    return services.report_create(**values)


def token_after(marker: str, body: str) -> str:
    """The token of the first link in an email that contains `marker` ("/act/", "/confirm/")."""
    line = next(line for line in body.splitlines() if marker in line)
    return line.strip().rstrip("/").rsplit("/", 1)[-1]


def test_signed_in_reporter_makes_an_open_report_sent_to_the_body(
    pothole, district, member, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(pothole, district, reporter=resident, reporter_email="")

    report.refresh_from_db()
    assert report.state == State.OPEN and report.confirmed_at is not None
    assert report.district == district and report.body == pothole.routes.get().body
    assert report.sent_at is not None
    assert report.reporter_email == ""  # the account's address is used, not copied
    site = ReportUpdate.objects.get(report=report)
    assert site.kind == ReportUpdate.Kind.SITE and site.state_after == State.OPEN
    [to_body] = mail.outbox
    assert to_body.to == [member.email]
    assert resident.email not in to_body.body
    token = token_after("/act/", to_body.body)
    assert body_link_read(token) == report


def test_report_without_account_waits_for_its_email(
    pothole, district, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(pothole, district)

    assert report.state == State.UNCONFIRMED and report.sent_at is None
    assert not Report.objects.public().filter(pk=report.pk).exists()
    [confirmation] = mail.outbox
    assert confirmation.to == ["someone@example.org"]
    token = token_after("/confirm/", confirmation.body)
    assert confirm_read(token, "report") == report.pk

    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.report_confirm(report=report)
        services.report_confirm(report=report)
    report.refresh_from_db()
    assert report.state == State.OPEN and report.sent_at is not None
    assert ReportUpdate.objects.filter(report=report, kind=ReportUpdate.Kind.SITE).count() == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "someone@example.org" not in mail.outbox[0].body


def test_point_outside_the_city_is_refused(pothole, district):
    with pytest.raises(ReportError) as error:
        services.report_create(
            category=pothole,
            title="Яма",
            description=DESCRIPTION,
            latitude="10.0",
            longitude="10.0",
            reporter_email="a@example.org",
        )
    assert error.value.code == "outside"
    assert not Report.objects.exists()


def test_address_needs_an_explicit_district(pothole, district):
    with pytest.raises(ReportError) as error:
        _create(pothole, district, latitude=None, longitude=None, address="вул. Шевченка, 1")
    assert error.value.code == "place_required"
    report = _create(
        pothole,
        district,
        latitude=None,
        longitude=None,
        address="вул. Шевченка, 1",
        district=district,
    )
    assert report.district == district and report.latitude is None


def test_inactive_category_is_refused(pothole, district):
    pothole.active = False
    pothole.save()
    with pytest.raises(ReportError) as error:
        _create(pothole, district)
    assert error.value.code == "bad_category"


def test_bad_input_is_refused_with_nothing_written(pothole, district):
    cases = [
        ({"description": "x" * 4001}, "too_long"),
        ({"title": ""}, "required"),
        ({"latitude": "north"}, "bad_point"),
        ({"reporter_email": "not an email"}, "bad_email"),
        ({"reporter_email": ""}, "email_required"),
        ({"media_url": "javascript:alert(1)"}, "bad_url"),
    ]
    for fields, code in cases:
        with pytest.raises(ReportError) as error:
            _create(pothole, district, **fields)
        assert error.value.code == code, fields
    assert not Report.objects.exists()


def test_provider_complaint_names_the_provider_and_takes_no_point(
    provider_complaint, provider, district
):
    with pytest.raises(ReportError) as error:
        services.report_create(
            category=provider_complaint,
            title="Погана вода",
            description=DESCRIPTION,
            reporter_email="a@example.org",
        )
    assert error.value.code == "provider_required"
    with pytest.raises(ReportError) as error:
        _create(provider_complaint, district, provider=provider)
    assert error.value.code == "no_point"
    report = services.report_create(
        category=provider_complaint,
        title="Погана вода",
        description=DESCRIPTION,
        provider=provider,
        reporter_email="a@example.org",
    )
    assert report.provider == provider and report.latitude is None


def test_answers_are_checked_against_the_questions(pothole, district):
    factories.attribute(pothole, "depth")
    factories.attribute(pothole, "lanes", datatype="number", required=False, values=[])
    for attributes, code in [
        ({}, "answer_required"),
        ({"depth": "bottomless"}, "bad_answer"),
        ({"depth": "deep", "lanes": "two"}, "bad_answer"),
    ]:
        with pytest.raises(ReportError) as error:
            _create(pothole, district, attributes=attributes)
        assert error.value.code == code
    report = _create(pothole, district, attributes={"depth": "deep", "lanes": "2", "x": "y"})
    assert report.attributes == {"depth": "deep", "lanes": "2"}


def test_emails_go_in_the_recipients_language(db):
    from wagtail.users.models import UserProfile

    from reports.emails import language_of

    english = factories.person()
    assert language_of(english) == "uk" and language_of(None) == "uk"
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    english.refresh_from_db()
    assert language_of(english) == "en"
