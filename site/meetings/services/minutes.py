"""The minutes: one HTML template (`meetings/minutes.html`) rendered to PDF by the site's
renderer (`config.pdf.html_to_pdf`), in two copies.

- The co-owners' copy lists every right with the co-owner's name, unit, share, weight and
  counted vote on each item (named, as the law requires).
- The public copy has the results without names, units or the roll: who owns which flat is
  never public, and a flat's area is known to its neighbours, so the public copy shows no
  share's own vote and hides an answer that fewer than 5 shares chose (with the complements
  that keep it from being worked out), as the public page does.

Both carry the agenda, each item's weighted result against the building's whole area, the
quorum, who chaired and the signed tree head the count was made at, so a printed copy proves
which log it came from. The minutes are written in the site's language.
"""

from fractions import Fraction

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from config.pdf import html_to_pdf
from meetings import counting
from meetings.charts import shares_per_answer
from meetings.models import Meeting, Vote
from meetings.selectors import tree_head
from petitions.disclosure import suppress

COPIES = ("coowners", "public")


# One character per counted choice in the roll: a table of one cell per item costs WeasyPrint
# about four times as much per row (measured: 432 rows of 15 cells 14.3 s, of 6 cells 4.8 s),
# and a 2,000-unit building's roll has 2,000 rows. A translated legend explains them.
SYMBOLS = {Vote.Choice.FOR: "+", Vote.Choice.AGAINST: "−", Vote.Choice.ABSTAIN: "0"}
NOT_VOTED = "·"


def _columns(symbols: list[str], width: int) -> str:
    """The symbols (or item numbers) padded to one width, so a monospace cell aligns them."""
    return " ".join(symbol.rjust(width) for symbol in symbols)


def _rows(meeting: Meeting, items) -> list[dict]:
    """One row per right: its counted choice on each item as a line of symbols."""
    latest: dict[tuple[int, int], tuple[str, str]] = {}
    votes = Vote.objects.filter(meeting=meeting).order_by("entry_index")
    for right, item_id, choice, channel in votes.values_list(
        "right_id", "item_id", "choice", "channel"
    ).iterator(chunk_size=5000):
        latest[right, item_id] = (choice, channel)
    proxies = dict(
        meeting.rights.filter(proxies__revoked_at__isnull=True, proxies__isnull=False).values_list(
            "pk", "proxies__proxy_name"
        )
    )
    width = len(str(len(items)))
    rows = []
    rights = meeting.rights.order_by("unit_number", "pk").values_list(
        "pk",
        "holder_name",
        "unit_number",
        "share_numerator",
        "share_denominator",
        "weight_numerator",
        "weight_denominator",
    )
    for number, (pk, name, unit, share_n, share_d, weight_n, weight_d) in enumerate(
        rights, start=1
    ):
        symbols, channels = [], set()
        for item in items:
            counted = latest.get((pk, item.pk))
            symbols.append(SYMBOLS[counted[0]] if counted else NOT_VOTED)
            if counted:
                channels.add(counted[1])
        rows.append(
            {
                "number": number,
                "name": name,
                "unit": unit,
                "share": f"{share_n}/{share_d}",
                "weight": counting.m2(Fraction(weight_n, weight_d)),
                "paper": Vote.Channel.PAPER in channels,
                "proxy": proxies.get(pk, ""),
                "votes": _columns(symbols, width),
            }
        )
    return rows


def _hidden(result: dict | None) -> set[str]:
    """The answers of one item the public copy hides (fewer than 5 shares, and complements),
    by the rule of the public page (`meetings.charts.rows_disclosed`)."""
    keys = ("for", "against", "abstain", "not_voted")
    counts = shares_per_answer(result) if result else None
    if counts is None:
        return set(keys)
    cells = suppress([counts[key] for key in keys])
    return {key for key, cell in zip(keys, cells, strict=True) if cell.suppressed}


def minutes_context(*, meeting: Meeting, copy: str) -> dict:
    if copy not in COPIES:
        raise ValueError(f"no such copy of the minutes: {copy!r}")
    items = list(meeting.items.order_by("position"))
    results = {row["item"]: row for row in (meeting.results or {}).get("items", [])}
    named = copy == "coowners"
    head = tree_head(meeting)
    return {
        "meeting": meeting,
        "copy": copy,
        "named": named,
        "results": meeting.results or {},
        "items": [
            (item, results.get(item.pk, {}), set() if named else _hidden(results.get(item.pk)))
            for item in items
        ],
        # The public copy has no roll: a share's area would name its flat to the neighbours.
        "rows": _rows(meeting, items) if named else [],
        "item_numbers": _columns([str(item.position) for item in items], len(str(len(items)))),
        "symbols": {
            "for": SYMBOLS["for"],
            "against": SYMBOLS["against"],
            "abstain": SYMBOLS["abstain"],
            "none": NOT_VOTED,
        },
        "tree_head": head,
        "root_hash": bytes(head.root_hash).hex() if head else "",
        "signature": bytes(head.signature).hex() if head else "",
        "public_key": bytes(meeting.log.public_key).hex(),
    }


def minutes_html(*, meeting: Meeting, copy: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "meetings/minutes.html", minutes_context(meeting=meeting, copy=copy)
        )


def minutes_pdf(*, meeting: Meeting, copy: str) -> bytes:
    return html_to_pdf(html=minutes_html(meeting=meeting, copy=copy))
