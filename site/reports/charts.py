"""A body's accountability in numbers, and the SVG bar charts that show them.

Per month of the last 12 (by the month a report was made, in the city's time zone): reports
received, the median time to the body's first official response, the median time to fixed,
and the share fixed. The medians are computed in Python over one query of the body's reports
of the period (a few thousand rows at most for a city body), so the number of queries never
grows with the number of reports; a second query lists the open reports for the overdue list.

Small groups. A month with fewer than `SMALL_GROUP` (5) reports shows its count (a count of
reports is about the body's workload, not about people) but not its medians or its share
fixed: with two or three reports a "median time to fixed" is one person's report, and a share
of 0 % or 100 % says more about chance than about the body.

Only public reports count (confirmed, not hidden by a moderator): what anyone can check
report by report on the site. The charts are drawn in Python as the ideas' and petitions' are
(`ideas.charts`), with `role="img"` and a title, and the template puts a table of the same
numbers beside them.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.models import Report
from reports.states import OPEN_STATES

SMALL_GROUP = 5
MONTHS = 12
OVERDUE_SHOWN = 50

WIDTH = 640
HEIGHT = 180
LEFT, RIGHT, TOP, BOTTOM = 4, 4, 10, 4
BAR, EMPTY, AXIS = "#0b5394", "#6b7280", "#4a5260"


@dataclass
class Month:
    start: date
    received: int = 0
    response_hours: list[float] = field(default_factory=list)
    fixed_days: list[float] = field(default_factory=list)

    @property
    def small(self) -> bool:
        return self.received < SMALL_GROUP

    @property
    def fixed(self) -> int:
        return len(self.fixed_days)

    @property
    def median_response_hours(self) -> float | None:
        if self.small or not self.response_hours:
            return None
        return round(statistics.median(self.response_hours), 1)

    @property
    def median_fixed_days(self) -> float | None:
        if self.small or not self.fixed_days:
            return None
        return round(statistics.median(self.fixed_days), 1)

    @property
    def share_fixed(self) -> int | None:
        """Percent of the month's reports fixed by now, None for a small month."""
        if self.small:
            return None
        return round(100 * self.fixed / self.received)


@dataclass(frozen=True)
class Overdue:
    report: Report
    due: datetime
    days_over: int


def month_starts(now: datetime, months: int = MONTHS) -> list[date]:
    """The first days of the last `months` months, the current one last, in local time."""
    local = timezone.localtime(now).date().replace(day=1)
    starts = []
    year, month = local.year, local.month
    for _i in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def body_months(*, body, now: datetime | None = None) -> list[Month]:
    """The body's numbers per month of the last 12 (one query)."""
    now = now or timezone.now()
    starts = month_starts(now)
    months = {start: Month(start=start) for start in starts}
    rows = (
        Report.objects.public()
        .filter(body=body, created_at__gte=_aware(starts[0]), created_at__lte=now)
        .values_list("created_at", "first_response_at", "fixed_at")
    )
    for created, responded, fixed in rows:
        month = months.get(timezone.localtime(created).date().replace(day=1))
        if month is None:
            continue
        month.received += 1
        if responded is not None and responded >= created:
            month.response_hours.append((responded - created).total_seconds() / 3600)
        if fixed is not None and fixed >= created:
            month.fixed_days.append((fixed - created).total_seconds() / 86400)
    return [months[start] for start in starts]


def overdue_reports(*, body=None, now: datetime | None = None) -> list[Overdue]:
    """Open public reports older than their category's `target_days`, the longest overdue
    first (one query: the open reports with their category; the age test is in Python, since
    each category has its own target)."""
    now = now or timezone.now()
    reports = (
        Report.objects.public()
        .filter(state__in=OPEN_STATES, created_at__lt=now - timedelta(days=1))
        .select_related("category", "district", "body")
        .order_by("created_at", "pk")
    )
    if body is not None:
        reports = reports.filter(body=body)
    found = []
    for report in reports:
        due = report.created_at + timedelta(days=report.category.target_days)
        if due < now:
            found.append(Overdue(report=report, due=due, days_over=(now - due).days))
    return found


def body_year_counts(*, now: datetime | None = None) -> dict[int, dict]:
    """{body id: {"received", "fixed"}} over the last 12 months, for every body at once (one
    grouped query)."""
    start = _aware(month_starts(now or timezone.now())[0])
    rows = (
        Report.objects.public()
        .filter(created_at__gte=start)
        .values("body")
        .annotate(received=Count("pk"), fixed=Count("pk", filter=Q(fixed_at__isnull=False)))
        .order_by()
    )
    return {row["body"]: {"received": row["received"], "fixed": row["fixed"]} for row in rows}


def share_fixed(fixed: int, received: int) -> int | None:
    """Percent fixed, None under `SMALL_GROUP` reports."""
    return round(100 * fixed / received) if received >= SMALL_GROUP else None


def headline(months: list[Month]) -> dict:
    """The year in three numbers: received, fixed, and the share fixed (hidden when small)."""
    received = sum(m.received for m in months)
    fixed = sum(m.fixed for m in months)
    return {
        "received": received,
        "fixed": fixed,
        "share_fixed": share_fixed(fixed, received),
    }


def month_label(start: date) -> str:
    return formats.date_format(start, "YEAR_MONTH_FORMAT")


def bars_svg(
    values: list[float | None], *, title: str, chart_id: str, highest: float | None = None
) -> SafeString:
    """Vertical bars, one per month; a month without a value (small) gets a short grey tick
    on the axis instead of a bar, so a gap is never read as zero."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    top = highest or max([v for v in values if v is not None] + [1])
    step = plot_width / max(len(values), 1)
    bar = round(step * 0.7, 1)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-title" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    ]
    for i, value in enumerate(values):
        x = round(LEFT + i * step + (step - bar) / 2, 1)
        if value is None:
            parts.append(
                f'<rect x="{x}" y="{baseline - 3}" width="{bar}" height="3" fill="{EMPTY}"></rect>'
            )
            continue
        height = round(plot_height * max(value, 0) / top, 1)
        parts.append(
            f'<rect x="{x}" y="{round(baseline - height, 1)}" width="{bar}" height="{height}" '
            f'fill="{BAR}"></rect>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{baseline}" x2="{WIDTH - RIGHT}" y2="{baseline}" '
        f'stroke="{AXIS}" stroke-width="1"></line></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - the only text (the title) is escaped


def accountability(*, body, now: datetime | None = None) -> dict:
    """Everything the body's page shows: the months (table), four charts, the headline and
    the overdue reports."""
    months = body_months(body=body, now=now)
    overdue = overdue_reports(body=body, now=now)
    return {
        "months": months,
        "month_labels": [month_label(m.start) for m in months],
        "rows": [(month_label(m.start), m) for m in months],
        "received_chart": bars_svg(
            [m.received for m in months],
            title=_(
                "Bar chart of the reports the body received in each of the last 12 months. "
                "The same numbers are in the table."
            ),
            chart_id="received-chart",
        ),
        "fixed_chart": bars_svg(
            [m.share_fixed for m in months],
            title=_(
                "Bar chart of the share of each month's reports fixed so far, in percent; a "
                "month with fewer than 5 reports has a grey mark instead of a bar. The same "
                "numbers are in the table."
            ),
            chart_id="fixed-chart",
            highest=100,
        ),
        "response_chart": bars_svg(
            [None if m.small else m.median_response_hours for m in months],
            title=_(
                "Bar chart of the median time to the body's first response, in hours, for the "
                "reports of each of the last 12 months; a month with fewer than 5 reports, or "
                "with none answered yet, has a grey mark instead of a bar. The same numbers are "
                "in the table."
            ),
            chart_id="response-chart",
        ),
        "fix_chart": bars_svg(
            [None if m.small else m.median_fixed_days for m in months],
            title=_(
                "Bar chart of the median time to the fix, in days, for the reports of each of "
                "the last 12 months; a month with fewer than 5 reports, or with none fixed yet, "
                "has a grey mark instead of a bar. The same numbers are in the table."
            ),
            chart_id="fix-chart",
        ),
        "headline": headline(months),
        "overdue": overdue[:OVERDUE_SHOWN],
        "overdue_count": len(overdue),
        "small_group": SMALL_GROUP,
    }
