"""Moderation: hiding and restoring reports and updates, re-routing; only with the
permission."""

from django.core import mail

import pytest

from reports import services
from reports.models import Report
from reports.states import ReportError, State
from reports.tokens import body_link_read, body_link_token
from tests.reports import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(pothole, body, district):
    return factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)


def test_moderation_needs_the_permission(report, resident, member, other_body):
    update = factories.official_update(report)
    for user in (resident, member, None):
        for call, fields in (
            (services.report_hide, {"report": report, "reason": "Образи"}),
            (services.report_restore, {"report": report}),
            (services.update_hide, {"update": update, "reason": "Образи"}),
            (services.report_reroute, {"report": report, "body": other_body}),
        ):
            with pytest.raises(ReportError) as error:
                call(user=user, **fields)
            assert error.value.code == "not_allowed"
    report.refresh_from_db()
    assert report.hidden_at is None and report.body_id != other_body.pk


def test_editors_moderate_too(report):
    services.report_hide(report=report, user=factories.editor(), reason="Образи")
    report.refresh_from_db()
    assert report.hidden_at is not None


def test_hide_and_restore_a_report(report, moderator):
    services.report_hide(report=report, user=moderator, reason="Персональні дані")
    assert not Report.objects.public().filter(pk=report.pk).exists()
    report.refresh_from_db()
    assert report.state == State.OPEN and report.hidden_by == moderator
    services.report_restore(report=report, user=moderator)
    assert Report.objects.public().filter(pk=report.pk).exists()


def test_hiding_needs_a_reason(report, moderator):
    with pytest.raises(ReportError) as error:
        services.report_hide(report=report, user=moderator, reason="  ")
    assert error.value.code == "required"


def test_hide_an_update(report, moderator):
    from reports.selectors import report_timeline

    update = factories.official_update(report)
    services.update_hide(update=update, user=moderator, reason="Спам")
    assert report_timeline(report=report) == []


def test_reroute_moves_the_report_and_invalidates_the_old_link(
    report, moderator, other_body, django_capture_on_commit_callbacks
):
    new_admin = factories.body_member(other_body)
    token = body_link_token(report)
    assert body_link_read(token) == report
    with django_capture_on_commit_callbacks(execute=True):
        services.report_reroute(report=report, user=moderator, body=other_body, note="Не їхнє")
    report.refresh_from_db()
    assert report.body == other_body and report.sent_at is not None
    assert body_link_read(token) is None
    assert body_link_read(body_link_token(report)) == report
    assert [m.to for m in mail.outbox] == [[new_admin.email]]
    note = report.updates.get()
    assert note.kind == "site" and "Не їхнє" in note.text
    with pytest.raises(ReportError):
        services.report_update_official(report=report, text="x", via_link=False, user=None)
