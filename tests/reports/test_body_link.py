"""The body's side: the signed link emailed with each report (works, tampered, re-routed, another
report's), and the cabinet of the people who act for a body (its members may act, another
body's may not)."""

from django.test import Client

import pytest

from reports import services
from reports.models import Report, ReportUpdate
from reports.states import State
from reports.tokens import body_link_token
from tests.reports import factories
from tests.reports.factories import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


@pytest.fixture
def report(pothole, body, district):
    return factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Deep pothole by the stop",
        reporter_email="reporter-contact@example.org",
    )


def act_url(token: str) -> str:
    return f"/en/reports/act/{token}/"


def test_the_link_shows_the_report_with_the_reporters_contact_and_the_legal_states(report):
    page = Client().get(act_url(body_link_token(report))).content.decode()
    assert "Deep pothole by the stop" in page
    assert "reporter-contact@example.org" in page
    assert 'value="investigating"' in page and 'value="fixed"' in page
    # Not a state a body may move an open report to.
    assert 'value="unconfirmed"' not in page and 'value="open"' not in page


def test_the_reporters_email_is_not_on_the_public_page(report):
    page = Client().get(f"/en/reports/{report.pk}/").content.decode()
    assert "reporter-contact@example.org" not in page


def test_an_update_through_the_link_is_official_and_moves_the_state(report):
    response = Client().post(
        act_url(body_link_token(report)), {"text": "A crew is on its way.", "state": "in_progress"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == State.IN_PROGRESS and report.first_response_at is not None
    update = ReportUpdate.objects.get(report=report, kind=ReportUpdate.Kind.OFFICIAL)
    assert update.text == "A crew is on its way." and update.source == "body_link"


def test_a_duplicate_needs_the_number_of_another_public_report(report, pothole, body, district):
    token = body_link_token(report)
    response = Client().post(act_url(token), {"text": "Same hole.", "state": "duplicate"})
    assert response.status_code == 200
    assert "Give the number of the original report." in response.content.decode()
    original = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    Client().post(
        act_url(token), {"text": "Same hole.", "state": "duplicate", "duplicate_of": original.pk}
    )
    report.refresh_from_db()
    assert report.state == State.DUPLICATE and report.duplicate_of_id == original.pk


def test_an_illegal_move_is_refused_with_a_message_and_changes_nothing(report):
    token = body_link_token(report)
    response = Client().post(act_url(token), {"text": "x", "state": "unconfirmed"})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.state == State.OPEN
    assert not ReportUpdate.objects.filter(report=report).exists()


def test_a_tampered_link_is_a_400(report):
    token = body_link_token(report)
    response = Client().get(act_url(token[:-3] + "abc"))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Client().post(act_url("nonsense"), {"text": "x"}).status_code == 400


def test_a_rerouted_reports_old_link_says_it_is_no_longer_yours(report, other_body, moderator):
    token = body_link_token(report)
    services.report_reroute(report=report, user=moderator, body=other_body)
    response = Client().get(act_url(token))
    assert response.status_code == 410
    assert "no longer yours" in response.content.decode()
    response = Client().post(act_url(token), {"text": "Fixed it.", "state": "fixed"})
    assert response.status_code == 410
    assert Report.objects.get(pk=report.pk).state == State.OPEN


def test_a_link_acts_only_on_its_own_report(report, pothole, body, district):
    other = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    Client().post(act_url(body_link_token(other)), {"text": "Done.", "state": "fixed"})
    report.refresh_from_db()
    other.refresh_from_db()
    assert report.state == State.OPEN and other.state == State.FIXED


def test_the_cabinet_lists_the_bodys_reports_to_its_member(report, member, other_body, pothole):
    elsewhere = factories.report_in(
        State.OPEN, cat=pothole, organization=other_body, title="Someone else's pothole"
    )
    page = signed_in(member).get("/en/reports/cabinet/").content.decode()
    assert "Deep pothole by the stop" in page
    assert "reporter-contact@example.org" in page
    assert elsewhere.title not in page


def test_a_member_acts_from_the_cabinet(report, member):
    response = signed_in(member).post(
        f"/en/reports/cabinet/{report.pk}/",
        {f"r{report.pk}-text": "Scheduled.", f"r{report.pk}-state": "investigating"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == State.INVESTIGATING
    assert ReportUpdate.objects.get(report=report).author == member


def test_another_bodys_member_may_not_act_or_see_the_cabinet(report, other_body, resident):
    stranger = factories.body_member(other_body)
    response = signed_in(stranger).post(
        f"/en/reports/cabinet/{report.pk}/",
        {f"r{report.pk}-text": "Mine now.", f"r{report.pk}-state": "fixed"},
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.state == State.OPEN
    assert signed_in(resident).get("/en/reports/cabinet/").status_code == 403
    assert Client().get("/en/reports/cabinet/").status_code == 302


def test_the_cabinet_can_put_overdue_reports_first(pothole, body, district, member):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, title="Fresh one"
    )
    factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Old one",
        created_at=now - timedelta(days=40),
    )
    page = signed_in(member).get("/en/reports/cabinet/?overdue_first=on").content.decode()
    assert page.index("Old one") < page.index("Fresh one")
    assert "Overdue" in page


def test_the_cabinet_section_lists_my_reports(pothole, body, district, resident, member):
    factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        reporter=resident,
        title="My own pothole",
    )
    from reports.cabinet import cabinet_section

    section = cabinet_section(user=resident)
    assert [r.title for r in section.context["reports"]] == ["My own pothole"]
    assert section.context["bodies"] == []
    assert cabinet_section(user=member).context["bodies"] == [body]


def test_the_personal_cabinet_shows_my_reports_and_the_way_to_answer(report, member, resident):
    factories.report_in(
        State.OPEN,
        cat=report.category,
        organization=report.body,
        reporter=resident,
        title="Own pothole of the resident",
    )
    page = signed_in(resident).get("/en/account/").content.decode()
    assert "My reports" in page and "Own pothole of the resident" in page
    assert "/en/reports/cabinet/" not in page
    page = signed_in(member).get("/en/account/").content.decode()
    assert "/en/reports/cabinet/" in page


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_body_pages_render_in_both_languages(report, member, body, prefix):
    assert Client().get(f"{prefix}/reports/act/{body_link_token(report)}/").status_code == 200
    assert signed_in(member).get(f"{prefix}/reports/cabinet/").status_code == 200
    assert Client().get(f"{prefix}/reports/bodies/{body.slug}/").status_code == 200
    fixed = factories.report_in(
        State.FIXED, cat=report.category, organization=body, title="Fixed bench by the school"
    )
    page = Client().get(f"{prefix}/organizations/{body.slug}/").content.decode()
    assert fixed.title in page
