"""A poll's server-rendered charts: the turnout bar and one bar chart per question.

Built as one SVG string in Python, as the petitions' charts are; the template places it next
to a table of the same numbers. Option counts are exact and never suppressed: once the results
key is published anyone can open every ballot and count them, so hiding a small count would
hide nothing (the page says so).
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 320
ROW = 44
BAR_HEIGHT = 18
LABEL_ROOM = 72  # room right of the longest bar for its number and share
FILL, TRACK = "#0b5394", "#dde3ea"
INK = "#1b1f24"


@dataclass(frozen=True)
class Row:
    """One option (or scale value) of a question's results."""

    label: str
    count: int
    share: float  # of the ballots that answered this question, 0..1

    @property
    def count_text(self) -> str:
        return formats.number_format(self.count, force_grouping=True)

    @property
    def percent_text(self) -> str:
        return formats.number_format(round(self.share * 100, 1), decimal_pos=1) + " %"


def question_rows(*, labels: list[str], counts: list[int], ballots: int) -> list[Row]:
    """Rows of a question; a share is of the valid ballots (a multiple choice's shares may add
    up to more than 100 %)."""
    return [
        Row(label=label, count=count, share=(count / ballots) if ballots else 0.0)
        for label, count in zip(labels, counts, strict=True)
    ]


def question_svg(rows: list[Row], *, title: str, chart_id: str) -> SafeString:
    """Horizontal bars, one per option, scaled to the biggest count."""
    biggest = max((row.count for row in rows), default=0) or 1
    usable = WIDTH - LABEL_ROOM
    height = len(rows) * ROW + 4
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}">{escape(title)}</title>'
    ]
    for i, row in enumerate(rows):
        label_y, bar_y = i * ROW + 16, i * ROW + 22
        width = round(usable * row.count / biggest, 1)
        parts.append(
            f'<text x="0" y="{label_y}" font-size="14" fill="{INK}">{escape(row.label)}</text>'
            f'<rect x="0" y="{bar_y}" width="{usable}" height="{BAR_HEIGHT}" fill="{TRACK}">'
            f'</rect><rect x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{FILL}"></rect><text x="{usable + 6}" y="{bar_y + 14}" font-size="13" '
            f'fill="{INK}">{escape(row.count_text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def turnout_svg(*, ballots: int, eligible: int | None) -> SafeString:
    """One bar: the share of the eligible who have voted (the numbers are beside it)."""
    share = min(ballots / eligible, 1.0) if eligible else 0.0
    width = round(WIDTH * share, 1)
    title = _("Turnout: %(ballots)s ballots of %(eligible)s eligible.") % {
        "ballots": formats.number_format(ballots, force_grouping=True),
        "eligible": formats.number_format(eligible or 0, force_grouping=True),
    }
    return mark_safe(  # noqa: S308 - the only text is escaped
        f'<svg viewBox="0 0 {WIDTH} 20" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="{WIDTH}" height="20" '
        f'fill="{TRACK}"></rect><rect x="0" y="0" width="{width}" height="20" fill="{FILL}">'
        "</rect></svg>"
    )
