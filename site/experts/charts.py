"""Server-drawn SVG charts: the geometry is computed here, the template only draws it."""

from dataclasses import dataclass
from decimal import Decimal

SCALE_MAX = Decimal(5)
BAR_AREA = Decimal(340)  # viewBox units for a score of 5
ROW_HEIGHT = 50
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    score: Decimal
    mean: Decimal
    label_y: int
    bar_y: int
    width: Decimal
    value_x: Decimal
    value_y: int
    mean_x: Decimal


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    axis_y: int
    ticks: list[tuple[int, Decimal]]


def _x(value: Decimal) -> Decimal:
    return (BAR_AREA * value / SCALE_MAX).quantize(Decimal("0.1"))


def score_chart(scores) -> BarChart:
    """Horizontal bars on the 0–5 scale, one per indicator, with the platform mean marked."""
    bars = []
    for index, item in enumerate(scores):
        top = TOP + index * ROW_HEIGHT
        width = _x(item.score)
        bars.append(
            Bar(
                label=str(item.label),
                score=item.score,
                mean=item.mean,
                label_y=top + 14,
                bar_y=top + 22,
                width=width,
                value_x=width + 8,
                value_y=top + 36,
                mean_x=_x(item.mean),
            )
        )
    axis_y = TOP + len(bars) * ROW_HEIGHT + 4
    ticks = [(n, _x(Decimal(n))) for n in range(6)]
    return BarChart(bars=bars, height=axis_y + 22, axis_y=axis_y, ticks=ticks)
