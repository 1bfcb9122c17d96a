"""The arithmetic of a meeting, exact: weights, thresholds, quorum. No floats anywhere.

A vote weighs its ownership's share × its unit's area. Areas are decimals with two places
(m²); `Fraction(Decimal)` converts them exactly, so a building's weights add up to its area
to the last square centimetre, and a comparison with "one half" or "two thirds" of it is
decided by integers, never by a rounding.

Rules (issue 17): a majority needs MORE than half of the whole building's area voting for;
two thirds needs AT LEAST two thirds; a custom share needs at least that share. The quorum
is reached when the area that voted on anything is MORE than the quorum share of the whole.
"""

from decimal import Decimal
from fractions import Fraction

MAJORITY = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


def weight(share_numerator: int, share_denominator: int, area: Decimal) -> Fraction:
    """share × area, in m², exactly."""
    return Fraction(share_numerator, share_denominator) * Fraction(area)


def item_threshold(rule: str, custom: Fraction | None = None) -> tuple[Fraction, bool]:
    """(share of the whole area, strict): strict means the "for" weight must be above it."""
    if rule == "majority":
        return MAJORITY, True
    if rule == "two_thirds":
        return TWO_THIRDS, False
    if rule == "custom" and custom is not None and 0 < custom <= 1:
        return custom, False
    raise ValueError(f"unknown decision rule {rule!r}")


def passes(for_weight: Fraction, total: Fraction, rule: str, custom: Fraction | None = None):
    """Whether `for_weight` out of `total` meets the rule (quorum aside)."""
    share, strict = item_threshold(rule, custom)
    if total <= 0:
        return False
    needed = share * total
    return for_weight > needed if strict else for_weight >= needed


def item_adopted(for_weight: Fraction, total: Fraction, item) -> bool:
    return passes(for_weight, total, item.rule, item.threshold)


def quorum_reached(voted: Fraction, total: Fraction, quorum: Fraction) -> bool:
    """More than `quorum` of the whole area voted; exactly at it is not enough."""
    return total > 0 and voted > quorum * total


def m2(value: Fraction) -> Decimal:
    """An area for people: m² rounded half up to 2 decimals (in integers, so exact)."""
    sign = -1 if value < 0 else 1
    cents, rest = divmod(abs(value.numerator) * 100, value.denominator)
    if 2 * rest >= value.denominator:
        cents += 1
    return Decimal(sign * cents).scaleb(-2)


def percent(part: Fraction, total: Fraction) -> Decimal:
    """`part` as a percentage of `total`, rounded half up to 2 decimals (0 for no total)."""
    if total <= 0:
        return Decimal("0.00")
    return m2(part * 100 / total)


def as_text(value: Fraction) -> str:
    """A fraction as stored in results: "n/d" (exact, reducible back by `from_text`)."""
    return f"{value.numerator}/{value.denominator}"


def from_text(text: str) -> Fraction:
    return Fraction(text)
