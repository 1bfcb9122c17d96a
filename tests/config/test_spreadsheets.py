"""Every CSV the site writes opens in a spreadsheet as data, never as a formula."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

import pytest

from config.spreadsheets import csv_safe
from tests.factories import UserFactory


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert csv_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_ordinary_text_numbers_dates_and_empty_cells_are_written_as_they_are():
    day = datetime.date(2025, 5, 1)

    assert [csv_safe(v) for v in ["Вул. Шевченка, 5", -3, 2.5, day, None]] == [
        "Вул. Шевченка, 5",
        -3,
        2.5,
        day,
        "",
    ]


def test_wagtails_own_admin_exports_keep_a_hostile_page_title_as_text(client, home_page):
    """Wagtail's reports (here: locked pages) write CSV through the same guard as ours."""
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    hostile = '=HYPERLINK("http://evil.example","click")'
    page = home_page.add_child(instance=type(home_page)(title=hostile, slug="hostile"))
    page.locked, page.locked_by, page.locked_at = True, admin, timezone.now()
    page.save()
    client.force_login(admin)

    response = client.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == [f"'{hostile}"]
