"""Open data: every public idea as JSON (`/ideas/data/ideas.json`) and CSV (`ideas.csv`).

No personal data: never the name of a person who proposed an idea, never who supports it, only
how many. An organization that proposed an idea, and the body that answered it, are named: they
act in public. Each record has the columns of `COLUMNS`; `topics` is a list in JSON and the
topic names joined by "; " in CSV. CSV cells a spreadsheet would run as a formula are made
harmless (`config.spreadsheets.csv_safe`).
"""

import csv
import io

from django.conf import settings
from django.utils import timezone

from config.spreadsheets import csv_safe
from ideas.models import Idea

COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "description",
    "state",
    "district",
    "topics",
    "organization",
    "address",
    "latitude",
    "longitude",
    "estimated_cost",
    "threshold",
    "support_count",
    "published_at",
    "support_ends_at",
    "threshold_reached_at",
    "answer",
    "answered_at",
    "answering_body",
    "merged_into",
    "done_at",
]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _number(value) -> str | None:
    return None if value is None else str(value)


def public_ideas():
    """Every public idea (any state after the draft, not hidden), oldest first."""
    return (
        Idea.objects.public()
        .select_related("district", "organization", "answering_body", "merged_into")
        .prefetch_related("topics")
        .order_by("published_at", "pk")
    )


def idea_record(idea: Idea) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    merged_into = idea.merged_into if idea.merged_into_id else None
    return {
        "id": idea.pk,
        "url": base + idea.get_absolute_url(),
        "title": idea.title,
        "summary": idea.summary,
        "description": idea.description,
        "state": idea.state,
        "district": idea.district.slug if idea.district_id else None,
        "topics": sorted(tag.name for tag in idea.topics.all()),
        "organization": idea.organization.name if idea.organization_id else None,
        "address": idea.address or None,
        "latitude": _number(idea.latitude),
        "longitude": _number(idea.longitude),
        "estimated_cost": _number(idea.estimated_cost),
        "threshold": idea.threshold,
        "support_count": idea.support_count,
        "published_at": _iso(idea.published_at),
        "support_ends_at": _iso(idea.support_ends_at),
        "threshold_reached_at": _iso(idea.threshold_reached_at),
        "answer": idea.answer or None,
        "answered_at": _iso(idea.answered_at),
        "answering_body": idea.answering_body.name if idea.answering_body_id else None,
        "merged_into": merged_into.pk if merged_into and merged_into.is_public else None,
        "done_at": _iso(idea.done_at),
    }


def ideas_document(ideas) -> dict:
    return {
        "generated_at": timezone.now().isoformat(),
        "columns": COLUMNS,
        "ideas": [idea_record(idea) for idea in ideas],
    }


def ideas_csv(ideas) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for idea in ideas:
        record = idea_record(idea)
        record["topics"] = "; ".join(record["topics"])
        writer.writerow([csv_safe(record[column]) for column in COLUMNS])
    return out.getvalue()
