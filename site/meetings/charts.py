"""A meeting's server-rendered result charts: per agenda item, one bar each for the area that
voted for, against, abstained and did not vote, as shares of the whole building's area.

Built as one SVG string in Python, as the polls' and petitions' charts are; the template places
it beside a table of the same numbers. The weights arrive as exact Fractions of square metres
(`Fraction(share) × Fraction(area)`); they are rounded only here, for display, so a bar and its
table row never disagree with the count that decided the item. A dashed line marks the share
the item's rule needs, so a reader sees at once why it passed or failed: the decision is taken
against the whole building, not against those who voted.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from petitions.disclosure import FEWER_THAN_5_LABEL, suppress

WIDTH = 320
ROW = 44
BAR_HEIGHT = 18
LABEL_ROOM = 64  # right of the full-width track, for the percentage
TRACK, INK, MARK = "#dde3ea", "#1b1f24", "#1b1f24"
# Colours that keep 3:1 against white and the track; the table carries the same numbers.
FILLS = {"for": "#00703c", "against": "#b10e1e", "abstain": "#505a5f", "not_voted": "#8a6d00"}


def square_metres(value: Fraction) -> Decimal:
    """An exact weight rounded to hundredths of a square metre (half to even), for display."""
    return Decimal(round(Fraction(value) * 100)) / 100


def percent(share: Fraction) -> Decimal:
    """A share (0..1) as a percentage with one decimal, rounded half to even."""
    return Decimal(round(Fraction(share) * 1000)) / 10


def area_text(value: Fraction) -> str:
    return formats.number_format(square_metres(value), decimal_pos=2, force_grouping=True)


def percent_text(share: Fraction) -> str:
    return formats.number_format(percent(share), decimal_pos=1) + " %"


@dataclass(frozen=True)
class Row:
    """One choice of one item: its weight in m² and its share of the building's area."""

    key: str  # for, against, abstain, not_voted
    label: str
    weight: Fraction
    share: Fraction
    # Hidden from the public: fewer than 5 shares, or the complement that keeps such a group
    # from being worked out (`rows_disclosed`).
    hidden: bool = False

    @property
    def area_text(self) -> str:
        return str(FEWER_THAN_5_LABEL) if self.hidden else area_text(self.weight)

    @property
    def percent_text(self) -> str:
        return "—" if self.hidden else percent_text(self.share)


def item_rows(
    *, for_weight: Fraction, against_weight: Fraction, abstain_weight: Fraction, total: Fraction
) -> list[Row]:
    """The four rows of an item's results; "did not vote" is the rest of the building's area
    (co-owners who did not take part in this item, and any area without a voting right)."""
    voted = for_weight + against_weight + abstain_weight
    not_voted = max(Fraction(total) - voted, Fraction(0))
    values = [
        ("for", _("For"), Fraction(for_weight)),
        ("against", _("Against"), Fraction(against_weight)),
        ("abstain", _("Abstained"), Fraction(abstain_weight)),
        ("not_voted", _("Did not vote"), not_voted),
    ]
    return [
        Row(
            key=key,
            label=str(label),
            weight=weight,
            share=(weight / total) if total else Fraction(0),
        )
        for key, label, weight in values
    ]


def shares_per_answer(result: dict) -> dict[str, int] | None:
    """How many shares chose each answer of one item of stored results, "not_voted" included
    (None for results counted before these were kept)."""
    counts = {key: result.get(f"{key}_rights") for key in ("for", "against", "abstain")}
    counts["not_voted"] = result.get("not_voted_rights")
    return None if None in counts.values() else counts


def rows_disclosed(rows: list[Row], counts: dict[str, int] | None) -> list[Row]:
    """The rows as the public sees them. `counts` is how many shares are in each row (by
    key); a row of 1 to 4 shares is hidden, with complements, by the rule petitions' and polls'
    breakdowns follow (`petitions.disclosure.suppress`): a flat's area is often known to its
    neighbours, so a small group's area would name its members. Without counts (results
    stored before they were kept) every row is hidden."""
    if counts is None or any(row.key not in counts for row in rows):
        return [replace(row, hidden=True) for row in rows]
    cells = suppress([counts[row.key] for row in rows])
    return [replace(row, hidden=cell.suppressed) for row, cell in zip(rows, cells, strict=True)]


def item_svg(
    rows: list[Row], *, title: str, chart_id: str, threshold: Fraction | None = None
) -> SafeString:
    """Horizontal bars on a track that stands for the whole building's area (100 %), with the
    rule's threshold as a dashed line across them."""
    usable = WIDTH - LABEL_ROOM
    height = len(rows) * ROW + 4
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}">{escape(title)}</title>'
    ]
    for i, row in enumerate(rows):
        label_y, bar_y = i * ROW + 16, i * ROW + 22
        width = 0 if row.hidden else round(usable * float(min(row.share, Fraction(1))), 1)
        label = f"{row.label} — {FEWER_THAN_5_LABEL}" if row.hidden else row.label
        parts.append(
            f'<text x="0" y="{label_y}" font-size="14" fill="{INK}">{escape(label)}</text>'
            f'<rect x="0" y="{bar_y}" width="{usable}" height="{BAR_HEIGHT}" fill="{TRACK}">'
            f'</rect><rect x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{FILLS[row.key]}"></rect><text x="{usable + 6}" y="{bar_y + 14}" '
            f'font-size="13" fill="{INK}">{escape(row.percent_text)}</text>'
        )
    if threshold is not None and 0 < threshold <= 1:
        x = round(usable * float(threshold), 1)
        parts.append(
            f'<line x1="{x}" y1="18" x2="{x}" y2="{height}" stroke="{MARK}" stroke-width="2" '
            'stroke-dasharray="4 3"></line>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
