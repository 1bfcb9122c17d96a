"""Public breakdowns never single out a handful of people.

What a reader sees of a petition: its total, and two breakdowns of that total, per district
and per day, in which some cells are hidden (shown as "fewer than 5"). The rule below is about
what a reader can work out from those figures.

The rule (`suppress`)
---------------------
1. Zero is shown: an empty group says nothing about anyone.
2. Every group of 1 to 4 is hidden (primary suppression).
3. The total is public, so the hidden cells' sum is known (total minus the visible cells). The
   hidden set must therefore be empty, or have

   * at least two cells (one hidden cell alone is the total minus the others),
   * a sum of at least 5 (together they are a group no smaller than any shown one),
   * a sum above the number of cells (cells that are all 1 would be pinned to 1), and,
     when every hidden cell really is below 5, a sum below 4 per cell (cells that are all 4,
     read as "fewer than 5", would be pinned to 4).

   While it is not, the smallest visible non-zero cell is hidden too (complementary
   suppression; it is 5 or more, so one added cell always settles the last two conditions).
4. If every non-zero cell is hidden and the rule still fails (fewer than 5 signatures in all,
   or one signature in each group that has any), the zeros are hidden as well: every cell
   of the breakdown is then hidden, and each could be anything from 0 to the total.

What a reader can derive
------------------------
A hidden cell is at least 1, or at least 0 when the whole breakdown is hidden (rule 4), and
the hidden cells add up to the known sum. With rule 3, every hidden cell has at least two
values consistent with that (`tests/petitions/test_disclosure.py` checks it by listing every
consistent assignment for random breakdowns), both for a reader who knows complements may be
5 or more and for one who takes "fewer than 5" literally. Complements carry the same marker as
small groups on purpose: a separate marker would tell which hidden cell is the small one. The
one breakdown that cannot be protected is a single cell, which is the published total itself.

Districts and days are two breakdowns of the same total, each suppressed on its own. Across
them a reader learns nothing more about a hidden cell: they are the margins of a district × day
table that is never published, and for any two margins with the same total some table of
non-negative counts has them both, so a value allowed by one breakdown is never ruled out by
the other. (Comparing the same page at two moments is another matter, outside this rule.)
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


def _protected(hidden: list[int]) -> bool:
    """Whether no cell of this hidden set can be worked out from its sum (rule 3)."""
    if not hidden:
        return True
    size, total = len(hidden), sum(hidden)
    all_small = max(hidden) < SMALLEST_SHOWN
    return (
        size >= 2
        and total >= SMALLEST_SHOWN
        and total > size
        and (not all_small or total < (SMALLEST_SHOWN - 1) * size)
    )


def suppress(counts: list[int]) -> list[Cell]:
    """The cells of one breakdown of a published total, as the public may see them."""
    hidden = {i for i, n in enumerate(counts) if 0 < n < SMALLEST_SHOWN}
    complements = sorted((n, i) for i, n in enumerate(counts) if n >= SMALLEST_SHOWN)
    while not _protected([counts[i] for i in hidden]) and complements:
        hidden.add(complements.pop(0)[1])
    if not _protected([counts[i] for i in hidden]):
        hidden = set(range(len(counts)))
    return [Cell(None if i in hidden else n) for i, n in enumerate(counts)]
