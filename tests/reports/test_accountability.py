"""A body's accountability numbers on a known set of reports (received, medians, share fixed,
small months hidden, overdue), their pages, and the open data of reports (never an email or a
name)."""

import csv
import io
import json
from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone

import pytest

from reports.charts import accountability, body_months
from reports.states import State
from tests.reports import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

NOW = timezone.make_aware(datetime(2026, 6, 20, 12, 0))


def made(cat, body, district, *, day, state=State.OPEN, response_hours=None, fixed_days=None):
    created = timezone.make_aware(datetime(2026, 6, day, 9, 0))
    fields = {"created_at": created}
    if response_hours is not None:
        fields["first_response_at"] = created + timedelta(hours=response_hours)
    if fixed_days is not None:
        fields["fixed_at"] = created + timedelta(days=fixed_days)
    elif state != State.FIXED:
        fields["fixed_at"] = None
    return factories.report_in(state, cat=cat, organization=body, district=district, **fields)


@pytest.fixture
def june(pothole, body, district):
    """Five reports in June 2026: responses after 2, 4, 6, 8 and 10 hours; three fixed, after
    1, 3 and 5 days."""
    made(pothole, body, district, day=1, state=State.FIXED, response_hours=2, fixed_days=1)
    made(pothole, body, district, day=2, state=State.FIXED, response_hours=4, fixed_days=3)
    made(pothole, body, district, day=3, state=State.FIXED, response_hours=6, fixed_days=5)
    made(pothole, body, district, day=4, state=State.INVESTIGATING, response_hours=8)
    made(pothole, body, district, day=5, state=State.IN_PROGRESS, response_hours=10)


def test_a_month_shows_its_medians_and_share_fixed(june, body):
    months = body_months(body=body, now=NOW)
    assert len(months) == 12 and months[-1].start.month == 6
    current = months[-1]
    assert current.received == 5
    assert current.median_response_hours == 6
    assert current.median_fixed_days == 3
    assert current.share_fixed == 60


def test_a_month_with_fewer_than_five_reports_shows_only_its_count(pothole, body, district):
    for day in (1, 2, 3):
        made(pothole, body, district, day=day, state=State.FIXED, response_hours=1, fixed_days=1)
    current = body_months(body=body, now=NOW)[-1]
    assert current.received == 3
    assert current.small
    assert current.median_response_hours is None
    assert current.median_fixed_days is None
    assert current.share_fixed is None


def test_hidden_unconfirmed_and_other_bodies_reports_do_not_count(
    june, pothole, body, other_body, district
):
    made(pothole, other_body, district, day=6)
    made(pothole, body, district, day=7, state=State.UNCONFIRMED)
    hidden = made(pothole, body, district, day=8)
    hidden.hidden_at = NOW
    hidden.save()
    assert body_months(body=body, now=NOW)[-1].received == 5


def test_overdue_lists_open_reports_past_their_categorys_target(pothole, body, district):
    pothole.target_days = 10
    pothole.save()
    old = made(pothole, body, district, day=1)  # 19 days old: overdue
    made(pothole, body, district, day=15)  # 5 days old: not yet
    made(pothole, body, district, day=2, state=State.FIXED, fixed_days=30)  # fixed: done
    numbers = accountability(body=body, now=NOW)
    assert numbers["overdue_count"] == 1
    assert [item.report.pk for item in numbers["overdue"]] == [old.pk]
    assert numbers["overdue"][0].days_over == 9


def test_the_median_charts_draw_a_bar_for_a_month_of_five_and_a_grey_mark_for_fewer(june, body):
    numbers = accountability(body=body, now=NOW)
    for chart in (numbers["response_chart"], numbers["fix_chart"]):
        # June has five reports (a bar); the eleven months before have none (grey marks).
        assert chart.count('height="3" fill="#') == 11
        assert chart.count("<rect") == 12


def test_the_numbers_take_the_same_queries_however_many_reports(
    june, body, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        accountability(body=body, now=NOW)


def test_the_body_page_has_charts_table_and_overdue(pothole, body, district):
    now = timezone.now()
    for days in (40, 41):
        factories.report_in(
            State.OPEN,
            cat=pothole,
            organization=body,
            district=district,
            title=f"Old pothole {days}",
            created_at=now - timedelta(days=days),
        )
    response = Client().get(f"/en/reports/bodies/{body.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    # Received, share fixed, median time to the first response, median time to the fix.
    assert page.count('role="img"') == 4
    for chart in ("received-chart", "fixed-chart", "response-chart", "fix-chart"):
        assert f'aria-labelledby="{chart}-title"' in page
    assert "<table" in page and "fewer than 5 reports" in page
    assert "Overdue: 2 reports" in page and "Old pothole 40" in page


def test_the_bodies_index_lists_the_bodies_that_receive_reports(pothole, body, other_body):
    page = Client().get("/en/reports/bodies/").content.decode()
    assert body.name in page
    assert other_body.name not in page  # no route, no report
    assert Client().get(f"/en/reports/bodies/{other_body.slug}/").status_code == 404
    assert Client().get("/reports/bodies/").status_code == 200


def test_open_data_has_the_public_reports_and_never_an_email_or_a_name(
    pothole, body, district, resident
):
    shown = factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Broken bench",
        reporter=resident,
        reporter_email="private-person@example.org",
        reporter_name="Private Person",
        show_name=True,
    )
    hidden = factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, title="Unlawful text"
    )
    hidden.hidden_at = timezone.now()
    hidden.save()
    factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district, title="Not yet"
    )
    for fmt in ("json", "csv"):
        response = Client().get(f"/en/reports/opendata/reports.{fmt}")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Broken bench" in text
        assert "Unlawful text" not in text and "Not yet" not in text
        assert "private-person@example.org" not in text and "Private Person" not in text
        assert resident.email not in text
    document = json.loads(Client().get("/en/reports/opendata/reports.json").content)
    (record,) = document["reports"]
    assert record["id"] == shown.pk and record["category"] == "pothole"
    assert len(record["latitude"].split(".")[1]) == 4
    rows = list(
        csv.DictReader(
            io.StringIO(Client().get("/en/reports/opendata/reports.csv").content.decode())
        )
    )
    assert rows[0]["body"] == body.name
    assert Client().get("/en/reports/opendata/reports.xml").status_code == 404
