"""Public breakdowns never single out a handful of people.

A group of 1 to 4 signatures is shown as "fewer than 5". If that hid exactly one group, its
number could be worked out from the total minus the others, so the next smallest group is
hidden too (secondary suppression). Zero is shown: it says nothing about anyone.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _

SMALLEST_SHOWN = 5
FEWER_THAN_5 = "fewer than 5"  # the value in open data (JSON and CSV), the same in every language
FEWER_THAN_5_LABEL = _("fewer than 5")


@dataclass(frozen=True)
class Cell:
    """One group's count as the public may see it."""

    count: int | None  # None when suppressed

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def label(self) -> str:
        if self.count is None:
            return str(FEWER_THAN_5_LABEL)
        return formats.number_format(self.count, force_grouping=True)

    @property
    def open_data(self) -> int | str:
        return FEWER_THAN_5 if self.count is None else self.count


def suppress(counts: list[int]) -> list[Cell]:
    hidden = {i for i, n in enumerate(counts) if 0 < n < SMALLEST_SHOWN}
    if len(hidden) == 1:
        others = [(n, i) for i, n in enumerate(counts) if i not in hidden and n > 0]
        if others:
            hidden.add(min(others)[1])
    return [Cell(None if i in hidden else n) for i, n in enumerate(counts)]
