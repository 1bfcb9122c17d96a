"""The timeline's moves: who may give official updates, what each state sets, and the
reporter's and residents' word (fixed, still broken) with its confirmation."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from profiles.models import NotificationSetting
from reports import services
from reports.models import ReportUpdate
from reports.states import ReportError, State
from tests.reports import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(pothole, body, district):
    return factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)


def _official(report, **fields):
    values = {"report": report, "text": "Приїдемо в четвер."}
    values.update(fields)
    return services.report_update_official(**values)


def test_body_member_gives_official_updates(report, member):
    update = _official(report, state=State.INVESTIGATING, user=member)
    report.refresh_from_db()
    assert report.state == State.INVESTIGATING and report.first_response_at is not None
    assert update.kind == ReportUpdate.Kind.OFFICIAL and update.body == report.body
    assert (update.state_before, update.state_after) == (State.OPEN, State.INVESTIGATING)
    assert update.is_public and update.source == ReportUpdate.Source.WEB


@pytest.mark.parametrize("who", ["other_member", "resident", "anonymous"])
def test_others_cannot_give_official_updates(report, other_body, resident, who):
    user = {
        "other_member": factories.body_member(other_body),
        "resident": resident,
        "anonymous": None,
    }[who]
    with pytest.raises(ReportError) as error:
        _official(report, state=State.FIXED, user=user)
    assert error.value.code == "not_allowed"
    report.refresh_from_db()
    assert report.state == State.OPEN and not report.updates.exists()


def test_signed_link_and_the_bodys_key_may_update(report, body, other_body):
    _official(report, state=State.IN_PROGRESS, via_link=True)
    key, _secret = services.open311_key_issue(
        application="Body CRM", contact_email="it@example.org", body=body
    )
    update = _official(report, state=State.FIXED, app_key=key)
    assert update.source == ReportUpdate.Source.OPEN311
    report.refresh_from_db()
    assert report.state == State.FIXED


def test_another_bodys_key_or_a_revoked_key_may_not(report, body, other_body):
    other_key, _ = services.open311_key_issue(
        application="Other", contact_email="it@example.org", body=other_body
    )
    app_key, _ = services.open311_key_issue(application="App", contact_email="a@example.org")
    own_key, _ = services.open311_key_issue(
        application="Own", contact_email="it@example.org", body=body
    )
    services.open311_key_revoke(key=own_key)
    for key in (other_key, app_key, own_key):
        with pytest.raises(ReportError):
            _official(report, state=State.FIXED, app_key=key)


def test_states_set_their_dates(report, member):
    _official(report, state=State.FIXED, user=member)
    report.refresh_from_db()
    assert report.fixed_at is not None and report.closed_at is None
    _official(report, state=State.OPEN, user=member)
    report.refresh_from_db()
    assert report.fixed_at is None and report.state == State.OPEN
    expected = timezone.now() + timedelta(days=5)
    _official(report, state=State.UNABLE_TO_FIX, user=member, expected_at=expected)
    report.refresh_from_db()
    assert report.closed_at is not None and report.expected_at == expected


def test_illegal_move_is_refused(report, member):
    _official(report, state=State.FIXED, user=member)
    with pytest.raises(ReportError) as error:
        _official(report, state=State.UNABLE_TO_FIX, user=member)
    assert error.value.code == "illegal_transition"


def test_duplicate_needs_another_public_report(report, member, pothole, body, district):
    with pytest.raises(ReportError) as error:
        _official(report, state=State.DUPLICATE, user=member)
    assert error.value.code == "duplicate_of_required"
    with pytest.raises(ReportError):
        _official(report, state=State.DUPLICATE, user=member, duplicate_of=report)
    hidden = factories.report_in(
        cat=pothole, organization=body, district=district, hidden_at=timezone.now()
    )
    with pytest.raises(ReportError):
        _official(report, state=State.DUPLICATE, user=member, duplicate_of=hidden)
    original = factories.report_in(cat=factories.category(), organization=body)
    _official(report, state=State.DUPLICATE, user=member, duplicate_of=original)
    report.refresh_from_db()
    assert report.duplicate_of == original and report.closed_at is not None
    with pytest.raises(ReportError) as error:
        _official(original, state=State.DUPLICATE, user=member, duplicate_of=report)
    assert error.value.code == "bad_duplicate"


def test_reporter_is_emailed_unless_they_turned_it_off(
    pothole, body, district, member, resident, django_capture_on_commit_callbacks
):
    report = factories.report_in(
        cat=pothole, organization=body, district=district, reporter=resident
    )
    with django_capture_on_commit_callbacks(execute=True):
        _official(report, state=State.INVESTIGATING, user=member)
    [message] = mail.outbox
    assert message.to == [resident.email] and "Приїдемо в четвер." in message.body
    assert "List-Unsubscribe" in message.extra_headers
    NotificationSetting.objects.create(user=resident, kind="reports.updated", wanted=False)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        _official(report, text="Ще працюємо.", user=member)
    assert mail.outbox == []


def test_reporter_without_account_is_emailed(report, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _official(report, state=State.FIXED, user=member)
    assert [m.to for m in mail.outbox] == [[report.reporter_email]]


def test_resident_says_fixed(report, resident):
    update = services.report_update_public(
        report=report, text="Залатали!", state=State.FIXED, user=resident
    )
    report.refresh_from_db()
    assert report.state == State.FIXED and report.fixed_at is not None
    assert update.kind == ReportUpdate.Kind.PUBLIC and update.is_public


def test_reporter_reopens_within_28_days_not_after(pothole, body, district, resident):
    now = timezone.now()
    recent = factories.report_in(
        State.FIXED,
        cat=pothole,
        organization=body,
        district=district,
        reporter=resident,
        fixed_at=now - timedelta(days=27),
    )
    update = services.report_update_public(
        report=recent, text="Знову яма.", state=State.OPEN, user=resident
    )
    recent.refresh_from_db()
    assert recent.state == State.OPEN and recent.fixed_at is None
    assert update.kind == ReportUpdate.Kind.REPORTER
    old = factories.report_in(
        State.FIXED,
        cat=pothole,
        organization=body,
        district=district,
        reporter=resident,
        fixed_at=now - timedelta(days=29),
    )
    with pytest.raises(ReportError) as error:
        services.report_update_public(report=old, text="Знову.", state=State.OPEN, user=resident)
    assert error.value.code == "reopen_too_late"
    old.refresh_from_db()
    assert old.state == State.FIXED


def test_anonymous_update_applies_only_on_confirm(report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update = services.report_update_public(
            report=report,
            text="Полагодили.",
            state=State.FIXED,
            email="p@example.org",
            name="Петро",
            show_name=True,
        )
    report.refresh_from_db()
    assert report.state == State.OPEN and not update.is_public
    assert [m.to for m in mail.outbox] == [["p@example.org"]]
    assert "/confirm/" in mail.outbox[0].body
    services.update_confirm(update=update)
    services.update_confirm(update=update)
    report.refresh_from_db()
    update.refresh_from_db()
    assert report.state == State.FIXED and update.is_public and update.author_name == "Петро"


def test_confirm_after_the_move_became_illegal_keeps_the_text(report, member):
    update = services.report_update_public(
        report=report, text="Полагодили.", state=State.FIXED, email="p@example.org"
    )
    _official(report, state=State.NOT_RESPONSIBLE, user=member)
    services.update_confirm(update=update)
    update.refresh_from_db()
    report.refresh_from_db()
    assert update.is_public and update.state_after == "" and update.text == "Полагодили."
    assert report.state == State.NOT_RESPONSIBLE


def test_public_cannot_close_or_update_a_hidden_report(report, resident):
    with pytest.raises(ReportError):
        services.report_update_public(
            report=report, text="x", state=State.UNABLE_TO_FIX, user=resident
        )
    report.hidden_at = timezone.now()
    report.save()
    with pytest.raises(ReportError) as error:
        services.report_update_public(report=report, text="x", user=resident)
    assert error.value.code == "not_public"
