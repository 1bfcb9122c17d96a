"""The support-over-time chart of an idea: its supporters counted cumulatively, in steps of at
least 5 (`selectors.support_series`), with the threshold as a dashed line, drawn as SVG in
Python the way the petitions', polls' and meetings' charts are (`petitions.charts`); the
template places it beside a table of the same numbers (`support_rows`). Axis labels are HTML
beside the drawing, so they stay readable when a phone shrinks it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 4, 8, 14, 4
LINE, FILL, MARK, AXIS = "#0b5394", "#dbe7f3", "#1e6b34", "#4a5260"


@dataclass(frozen=True)
class SupportChart:
    svg: SafeString
    rows: list[tuple[date, int, int]]  # day, supporters that day, supporters so far
    first: str
    last: str
    highest: str
    threshold_text: str


def support_rows(series: list[tuple[date, int]]) -> list[tuple[date, int, int]]:
    """(day, new that day, total so far) from the cumulative series; a withdrawal shows as a
    negative change, as the total really fell."""
    rows, before = [], 0
    for day, total in series:
        rows.append((day, total - before, total))
        before = total
    return rows


def support_svg(
    series: list[tuple[date, int]], *, threshold: int | None, chart_id: str = "support-chart"
) -> SafeString:
    """A step line of the cumulative count, filled below, on a scale that reaches the
    threshold, so the distance still to go is visible."""
    title = _(
        "Line chart of the idea's supporters over time, counted from its publication; "
        "the dashed line is the number it needs. The same numbers are in the table."
    )
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    highest = max([total for _day, total in series] + [threshold or 0, 1])
    step = plot_width / max(len(series), 1)

    def y_of(total: int) -> float:
        return round(baseline - plot_height * max(total, 0) / highest, 1)

    points = [(LEFT, baseline)]
    for i, (_day, total) in enumerate(series):
        y = y_of(total)
        points += [(round(LEFT + i * step, 1), y), (round(LEFT + (i + 1) * step, 1), y)]
    points.append((round(LEFT + len(series) * step, 1), baseline))
    corners = " ".join(f"{x},{y}" for x, y in points)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-title" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<line x1="{LEFT}" y1="{baseline}" x2="{WIDTH - RIGHT}" y2="{baseline}" '
        f'stroke="{AXIS}" stroke-width="1"></line>'
    ]
    if series:
        parts.append(
            f'<polygon points="{corners}" fill="{FILL}" stroke="{LINE}" stroke-width="2" '
            'stroke-linejoin="round"></polygon>'
        )
    if threshold:
        y = y_of(threshold)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{MARK}" '
            'stroke-width="2" stroke-dasharray="6 4"></line>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - the only text (the title) is escaped


def support_chart(series: list[tuple[date, int]], *, threshold: int | None) -> SupportChart:
    labels = [formats.date_format(day, "SHORT_DATE_FORMAT") for day, _total in series]
    highest = max([total for _day, total in series] + [threshold or 0, 0])
    return SupportChart(
        svg=support_svg(series, threshold=threshold),
        rows=support_rows(series),
        first=labels[0] if labels else "",
        last=labels[-1] if labels else "",
        highest=formats.number_format(highest, force_grouping=True),
        threshold_text=formats.number_format(threshold, force_grouping=True) if threshold else "",
    )
