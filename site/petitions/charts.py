"""The two server-rendered charts of a petition: geometry and SVG, drawn here in Python.

A popular petition has a bar per day for months; drawing them with template loops cost more
than the rest of its page (`bench/pages_stack/profile.py`), so the SVG is built as one string
and the template only places it. Numbers come already suppressed (see `disclosure`): a hidden
group gets no bar of its own size, only a marker and the words "fewer than 5", exactly as in
the table beside the chart.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from petitions.disclosure import SMALLEST_SHOWN, Cell

DISTRICT_WIDTH = 320
DISTRICT_ROW = 44
TIMELINE_WIDTH = 640
TIMELINE_HEIGHT = 180
TIMELINE_LEFT = 4
TIMELINE_BOTTOM = 4


@dataclass(frozen=True)
class DistrictBar:
    name: str
    cell: Cell
    label_y: int
    bar_y: int
    width: float

    @property
    def value_x(self) -> float:
        return round(self.width + 6, 1)

    @property
    def value_y(self) -> int:
        return self.bar_y + 14


def district_bars(rows: list[tuple[str, Cell]]) -> dict:
    biggest = max((cell.count or 0 for _name, cell in rows), default=0) or 1
    usable = DISTRICT_WIDTH - 64
    bars = [
        DistrictBar(
            name=name,
            cell=cell,
            label_y=i * DISTRICT_ROW + 16,
            bar_y=i * DISTRICT_ROW + 22,
            width=round(usable * (cell.count or 0) / biggest, 1),
        )
        for i, (name, cell) in enumerate(rows)
    ]
    return {"bars": bars, "width": DISTRICT_WIDTH, "height": len(rows) * DISTRICT_ROW + 4}


@dataclass(frozen=True)
class DayBar:
    day: date
    cell: Cell
    x: float
    y: float
    width: float
    height: float


def timeline_bars(days: list[tuple[date, Cell]]) -> dict:
    """Bars per day from the first signature to the last (or today). The axis labels are HTML
    beside the SVG, so they stay readable when a phone shrinks the drawing."""
    plot_width = TIMELINE_WIDTH - TIMELINE_LEFT - 8
    plot_height = TIMELINE_HEIGHT - TIMELINE_BOTTOM - 12
    biggest = max((cell.count or 0 for _day, cell in days), default=0)
    biggest = max(biggest, SMALLEST_SHOWN)
    step = plot_width / max(len(days), 1)
    bars = []
    for i, (day, cell) in enumerate(days):
        value = SMALLEST_SHOWN / 2 if cell.suppressed else (cell.count or 0)
        height = round(plot_height * value / biggest, 1)
        bars.append(
            DayBar(
                day=day,
                cell=cell,
                x=round(TIMELINE_LEFT + i * step, 2),
                y=round(12 + plot_height - height, 1),
                width=round(max(step * 0.8, 0.8), 2),
                height=height,
            )
        )
    labels = [formats.date_format(day, "SHORT_DATE_FORMAT") for day, _cell in days]
    return {
        "bars": bars,
        "width": TIMELINE_WIDTH,
        "height": TIMELINE_HEIGHT,
        "left": TIMELINE_LEFT,
        "right": TIMELINE_WIDTH - 8,
        "top": 12,
        "baseline": 12 + plot_height,
        "highest": formats.number_format(biggest, force_grouping=True),
        "first": labels[0] if labels else "",
        "middle": labels[len(labels) // 2] if labels else "",
        "last": labels[-1] if labels else "",
    }


COUNT_FILL, HIDDEN_FILL = "#0b5394", "#8d99a8"
INK, MUTED = "#1b1f24", "#4a5260"


def district_svg(chart: dict) -> SafeString:
    """The district chart as SVG; numbers are written unlocalized (SVG wants a dot)."""
    title = _(
        "Bar chart of signatures by district of residence; the same numbers are in the table."
    )
    parts = [
        f'<svg viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        'aria-labelledby="district-chart-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="district-chart-title">{escape(title)}</title>'
    ]
    for bar in chart["bars"]:
        label = escape(bar.cell.label)
        parts.append(
            f'<text x="0" y="{bar.label_y}" font-size="14" fill="{INK}">{escape(bar.name)}</text>'
        )
        if bar.cell.suppressed:
            parts.append(
                f'<rect x="0" y="{bar.bar_y}" width="6" height="18" fill="{HIDDEN_FILL}"></rect>'
                f'<text x="12" y="{bar.value_y}" font-size="13" fill="{MUTED}">{label}</text>'
            )
        else:
            parts.append(
                f'<rect x="0" y="{bar.bar_y}" width="{bar.width}" height="18" '
                f'fill="{COUNT_FILL}"></rect><text x="{bar.value_x}" y="{bar.value_y}" '
                f'font-size="13" fill="{INK}">{label}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def timeline_svg(chart: dict) -> SafeString:
    title = _("Bar chart of confirmed signatures per day; the same numbers are in the table below.")
    left, right = chart["left"], chart["right"]
    parts = [
        f'<svg viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        'aria-labelledby="timeline-chart-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="timeline-chart-title">{escape(title)}</title>'
        f'<line x1="{left}" y1="{chart["baseline"]}" x2="{right}" y2="{chart["baseline"]}" '
        f'stroke="{MUTED}" stroke-width="1"></line>'
        f'<line x1="{left}" y1="{chart["top"]}" x2="{right}" y2="{chart["top"]}" '
        'stroke="#c9d0da" stroke-width="1" stroke-dasharray="4 4"></line>'
    ]
    parts += [
        f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
        f'fill="{HIDDEN_FILL if bar.cell.suppressed else COUNT_FILL}"></rect>'
        for bar in chart["bars"]
    ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - no text from outside in it
