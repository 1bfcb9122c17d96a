"""Races on PostgreSQL, with real threads released together: "me too" counts exactly, and two
official moves at once do not both pass from the same state."""

from collections import Counter

import pytest

from reports import services
from reports.models import Report, ReportSupporter, ReportUpdate
from reports.states import ReportError, State
from tests.concurrency import race
from tests.reports import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 20


def _kinds(outcomes) -> Counter:
    return Counter(
        outcome.code if isinstance(outcome, ReportError) else type(outcome).__name__
        for outcome in outcomes
    )


def test_twenty_me_toos_at_once_count_exactly(on_postgres, pothole, body, district):
    report = factories.report_in(State.OPEN, cat=pothole, organization=body, district=district)
    people = [factories.person() for _ in range(THREADS)]

    def support(person):
        return lambda: services.report_support(report=Report.objects.get(pk=report.pk), user=person)

    jobs = [support(person) for person in people] + [support(people[0]) for _ in range(5)]
    outcomes = race(jobs, threads=THREADS)

    assert _kinds(outcomes) == {"ReportSupporter": THREADS, "already": 5}, _kinds(outcomes)
    report.refresh_from_db()
    assert report.supporter_count == THREADS == ReportSupporter.objects.count()


def test_official_moves_at_once_from_the_same_state_pass_once(
    on_postgres, pothole, body, district, member
):
    report = factories.report_in(State.FIXED, cat=pothole, organization=body, district=district)

    def reopen():
        return services.report_update_official(
            report=Report.objects.get(pk=report.pk), text="", state=State.IN_PROGRESS, user=member
        )

    outcomes = race([reopen for _ in range(10)], threads=10)

    assert _kinds(outcomes) == {"ReportUpdate": 1, "empty": 9}, _kinds(outcomes)
    assert ReportUpdate.objects.filter(state_after=State.IN_PROGRESS).count() == 1
