""" "Me too": counted once per person, by account at once or by email on confirmation."""

from django.core import mail

import pytest

from reports import services
from reports.states import ReportError, State
from tests.reports import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(pothole, body, district):
    return factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        reporter_email="owner@example.org",
    )


def test_signed_in_me_too_counts_once(report, resident):
    services.report_support(report=report, user=resident)
    with pytest.raises(ReportError) as error:
        services.report_support(report=report, user=resident)
    assert error.value.code == "already"
    report.refresh_from_db()
    assert report.supporter_count == 1


def test_the_reporter_cannot_say_me_too(pothole, body, district, resident, report):
    own = factories.report_in(cat=pothole, organization=body, district=district, reporter=resident)
    with pytest.raises(ReportError) as error:
        services.report_support(report=own, user=resident)
    assert error.value.code == "own_report"
    with pytest.raises(ReportError):
        services.report_support(report=report, email="OWNER@example.org")


def test_me_too_by_email_counts_on_confirmation(report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        supporter = services.report_support(report=report, email="n@example.org")
    report.refresh_from_db()
    assert report.supporter_count == 0 and supporter.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["n@example.org"]]
    services.supporter_confirm(supporter=supporter)
    services.supporter_confirm(supporter=supporter)
    report.refresh_from_db()
    assert report.supporter_count == 1
    with pytest.raises(ReportError):
        services.report_support(report=report, email="N@example.org")


def test_only_open_public_reports(pothole, body, district, resident):
    for state in (State.FIXED, State.UNCONFIRMED, State.NOT_RESPONSIBLE):
        report = factories.report_in(state, cat=pothole, organization=body, district=district)
        with pytest.raises(ReportError) as error:
            services.report_support(report=report, user=resident)
        assert error.value.code == "not_open"
