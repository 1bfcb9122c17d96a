"""Geometry of the two server-rendered charts of a petition; templates draw the SVG.

Numbers come already suppressed (see `disclosure`): a hidden group gets no bar of its own
size, only a marker and the words "fewer than 5", exactly as in the table beside the chart.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import formats

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
