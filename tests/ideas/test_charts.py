"""The support-over-time chart: a server-rendered SVG of the cumulative count with the
threshold, and a table of the same numbers on the idea's page."""

import re
from datetime import date, timedelta

from django.test import Client

import pytest

from ideas.charts import support_chart, support_rows, support_svg
from ideas.models import Support
from tests.ideas import factories


def test_rows_give_each_days_change_and_the_total():
    series = [(date(2026, 5, 1), 1), (date(2026, 5, 2), 4), (date(2026, 5, 3), 3)]
    assert support_rows(series) == [
        (date(2026, 5, 1), 1, 1),
        (date(2026, 5, 2), 3, 4),
        (date(2026, 5, 3), -1, 3),
    ]


def test_the_svg_draws_the_curve_and_the_threshold_line():
    series = [(date(2026, 5, 1) + timedelta(days=i), i + 1) for i in range(5)]
    svg = support_svg(series, threshold=10)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<polygon" in svg
    assert 'stroke-dasharray="6 4"' in svg  # the threshold


def test_the_curve_never_leaves_the_drawing_when_support_passes_the_threshold():
    svg = support_svg([(date(2026, 5, 1), 50)], threshold=10)
    corners = re.search(r'<polygon points="([^"]+)"', svg).group(1)
    ys = [float(corner.split(",")[1]) for corner in corners.split()]
    assert min(ys) >= 0


def test_an_empty_series_is_an_empty_chart_not_an_error():
    chart = support_chart([], threshold=100)
    assert chart.rows == [] and chart.svg.startswith("<svg")


@pytest.mark.django_db
def test_the_idea_page_shows_the_chart_and_the_table_of_its_numbers(make_idea):
    idea = make_idea("published", threshold=10)
    extra = factories.people(2)
    day = idea.published_at + timedelta(days=2)
    Support.objects.bulk_create([Support(idea=idea, user=u, created_at=day) for u in extra])
    body = Client().get("/en" + idea.get_absolute_url()).content.decode()
    assert 'aria-labelledby="support-chart-title"' in body
    assert "<table>" in body
    assert "Supporters so far" in body or "Supporters" in body
