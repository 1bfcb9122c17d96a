"""Suppression of small groups: no hidden cell can be worked out from what is published.

What is published of one breakdown: the total, the visible cells, and which cells are hidden.
A hidden cell is "derived" if only one value of it is consistent with those figures. The
property tests list, for random breakdowns, every value of each hidden cell that some
assignment of all the hidden cells allows, and require at least two.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from petitions.disclosure import SMALLEST_SHOWN, suppress

breakdowns = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8)
examples = settings(max_examples=500, database=None, deadline=None)


def published(counts):
    """What a reader sees: the total and the cells (None where hidden)."""
    return sum(counts), [cell.count for cell in suppress(counts)]


def consistent_values(total, cells, *, highest):
    """For each hidden cell, every value that an assignment of all hidden cells consistent with
    the published figures gives it. A hidden cell is at least 1 (zero is shown), or at least 0
    when the whole breakdown is hidden; at most `highest`."""
    hidden = [i for i, cell in enumerate(cells) if cell is None]
    lowest = 0 if len(hidden) == len(cells) else 1
    rest = total - sum(cell for cell in cells if cell is not None)
    box = range(lowest, min(highest, rest) + 1)
    values = {}
    for i in hidden:
        others = {0}  # every sum the other hidden cells can make together
        for _ in range(len(hidden) - 1):
            others = {s + v for s in others for v in box if s + v <= rest}
        values[i] = {v for v in box if rest - v in others}
    return values


@examples
@given(breakdowns)
def test_what_is_shown_is_exact_and_small_groups_are_never_shown(counts):
    _total, cells = published(counts)

    for count, cell in zip(counts, cells, strict=True):
        assert cell is None or cell == count
        if 0 < count < SMALLEST_SHOWN:
            assert cell is None


@examples
@given(breakdowns)
def test_no_hidden_cell_can_be_derived_from_the_total_and_the_visible_cells(counts):
    total, cells = published(counts)
    if len(counts) == 1:
        return  # a breakdown of one cell is the published total itself

    values = consistent_values(total, cells, highest=total)

    for i, possible in values.items():
        assert counts[i] in possible
        assert len(possible) >= 2, (counts, cells, i, possible)


@examples
@given(breakdowns)
def test_reading_fewer_than_5_literally_pins_no_hidden_cell_either(counts):
    """A reader who takes every hidden cell for 1 to 4 (or 0 to 4): when that is true, it must
    still leave each one open. Unavoidable, and so left out: a single cell, and a breakdown of
    nothing but 4s (its total says so)."""
    total, cells = published(counts)
    hidden = [count for count, cell in zip(counts, cells, strict=True) if cell is None]
    if len(counts) == 1 or set(counts) == {4} or any(n >= SMALLEST_SHOWN for n in hidden):
        return

    values = consistent_values(total, cells, highest=SMALLEST_SHOWN - 1)

    for i, possible in values.items():
        assert counts[i] in possible
        assert len(possible) >= 2, (counts, cells, i, possible)


@examples
@given(breakdowns)
def test_zero_is_shown_unless_the_whole_breakdown_is_hidden(counts):
    _total, cells = published(counts)

    if any(cell is not None for cell in cells):
        assert all(cell == 0 for count, cell in zip(counts, cells, strict=True) if count == 0)


def test_two_hidden_ones_are_protected_by_hiding_the_next_group():
    """[10, 1, 1]: hiding just the two 1s would tell that each is exactly 1."""
    assert published([10, 1, 1]) == (12, [None, None, None])


def test_two_hidden_fours_are_not_left_alone():
    """Two cells "fewer than 5" that add up to 8 are both 4."""
    assert published([4, 4, 10, 20]) == (38, [None, None, None, 20])


def test_a_single_small_group_hides_the_smallest_other_group_with_it():
    assert published([7, 3, 6, 0]) == (16, [7, None, None, 0])


def test_small_groups_that_add_up_to_5_need_no_complement():
    assert published([20, 2, 3, 0]) == (25, [20, None, None, 0])


def test_five_single_signatures_are_hidden_with_a_larger_group():
    assert published([1, 1, 1, 1, 1, 9, 30]) == (44, [None] * 6 + [30])


def test_a_breakdown_of_fewer_than_5_signatures_hides_its_zeros_too():
    assert published([0, 2, 1, 0]) == (3, [None, None, None, None])


def test_a_breakdown_without_small_groups_is_shown_whole():
    assert published([0, 5, 12, 0]) == (17, [0, 5, 12, 0])
