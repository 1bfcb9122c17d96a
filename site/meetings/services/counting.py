"""The count: each item's weighted result against the whole building's area, the quorum, and
the same count made again from the log's own entries (which must agree).

The last vote per (right, item) counts, "last" meaning the highest index in the log: votes are
appended under the meeting's lock, so that is the order in which they were taken.
"""

import json
from collections import defaultdict
from fractions import Fraction

from ledger.selectors import entries_all
from ledger.services import tree_head_sign
from meetings import counting
from meetings.models import Meeting, Vote
from meetings.selectors import building_total_area

CHOICES = tuple(Vote.Choice.values)


def _total(meeting: Meeting) -> Fraction:
    area = meeting.total_area
    if area is None:
        area = building_total_area(meeting.building)
    return Fraction(area)


def _results(meeting: Meeting, latest: dict, weights: dict, rights_count: int) -> dict:
    """`latest` maps (right, item id) to the counted choice; `weights` right → Fraction."""
    total = _total(meeting)
    sums = defaultdict(lambda: dict.fromkeys(CHOICES, Fraction(0)))
    # How many shares chose each answer: the public copy hides a group of fewer than 5.
    counts = defaultdict(lambda: dict.fromkeys(CHOICES, 0))
    voters = set()
    for (right, item_id), choice in latest.items():
        sums[item_id][choice] += weights[right]
        counts[item_id][choice] += 1
        voters.add(right)
    voted = sum((weights[right] for right in voters), Fraction(0))
    quorum_reached = counting.quorum_reached(voted, total, meeting.quorum)
    items = []
    for item in meeting.items.order_by("position"):
        share, _strict = counting.item_threshold(item.rule, item.threshold)
        row = {
            "item": item.pk,
            "position": item.position,
            "title": item.title,
            "rule": item.rule,
            "threshold": counting.as_text(share),
            "adopted": quorum_reached and counting.item_adopted(sums[item.pk]["for"], total, item),
        }
        for choice in CHOICES:
            value = sums[item.pk][choice]
            row[choice] = counting.as_text(value)
            row[f"{choice}_m2"] = str(counting.m2(value))
            row[f"{choice}_percent"] = str(counting.percent(value, total))
            row[f"{choice}_rights"] = counts[item.pk][choice]
        row["not_voted_rights"] = rights_count - sum(counts[item.pk].values())
        items.append(row)
    return {
        "total": counting.as_text(total),
        "total_area": str(counting.m2(total)),
        "voted": counting.as_text(voted),
        "voted_m2": str(counting.m2(voted)),
        "voted_percent": str(counting.percent(voted, total)),
        "quorum": counting.as_text(meeting.quorum),
        "quorum_reached": quorum_reached,
        "rights": rights_count,
        "rights_voted": len(voters),
        "items": items,
    }


def meeting_tally(*, meeting: Meeting) -> dict:
    """The count from the `Vote` rows (the same shape as `Meeting.results`, without the tree
    head). Reads two narrow columns sets; a 2,000-unit building's 20,000 votes take one pass."""
    weights = {
        pk: Fraction(numerator, denominator)
        for pk, numerator, denominator in meeting.rights.values_list(
            "pk", "weight_numerator", "weight_denominator"
        )
    }
    latest = {}
    rows = Vote.objects.filter(meeting=meeting).order_by("entry_index")
    for right, item_id, choice in rows.values_list("right_id", "item_id", "choice").iterator(
        chunk_size=5000
    ):
        latest[right, item_id] = choice
    return _results(meeting, latest, weights, len(weights))


def tally_from_log(*, meeting: Meeting, size: int | None = None) -> dict:
    """The count made from the log's entries alone (their own right ids, weights and choices),
    up to `size` entries (the whole log by default): what a co-owner who downloaded the log
    can do. Equal to `meeting_tally` when the rows and the log agree."""
    size = meeting.log.size if size is None else size
    items = dict(meeting.items.values_list("position", "pk"))
    weights = {}
    latest = {}
    for entry in entries_all(log=meeting.log, size=size):
        value = json.loads(bytes(entry.data))
        weights[value["right"]] = counting.from_text(value["weight"])
        latest[value["right"], items[value["item"]]] = value["choice"]
    return _results(meeting, latest, weights, meeting.rights.count())


def meeting_results(*, meeting: Meeting) -> tuple[dict, object]:
    """The count to store at close with the signed tree head it was made at (the caller holds
    the meeting's lock, so the log does not grow in between)."""
    results = meeting_tally(meeting=meeting)
    head = tree_head_sign(log=meeting.log)
    results["tree_head"] = {
        "size": head.size,
        "timestamp": head.timestamp,
        "root_hash": bytes(head.root_hash).hex(),
        "signature": bytes(head.signature).hex(),
        "public_key": bytes(meeting.log.public_key).hex(),
    }
    return results, head
