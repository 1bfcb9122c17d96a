"""Open data: every published petition as JSON and CSV, and the list of them.

Formats (documented in the README):

* `/petitions/all.json`: `{"generated_at", "petitions": [petition summary, …]}`;
  `/petitions/all.csv`: one row per petition with the columns of `LIST_COLUMNS`.
* `/petitions/<id>.json`: the summary plus `signatures_by_district` and
  `signatures_by_day` (lists of `{"district"|"day", …, "signature_count"}`) and `response`;
  `/petitions/<id>.csv`: a `total` row (label: the title), then one row per district
  and per day (columns `petition_id`, `breakdown`, `key`, `label`, `signature_count`).

A district or day with 1 to 4 signatures, or hidden with such groups, has `signature_count`
"fewer than 5" (see `disclosure`). CSV cells that a spreadsheet would run as a formula
(starting with `=`, `+`, `-`, `@`, a tab or a carriage return) are prefixed with an apostrophe
(`config.spreadsheets.csv_safe`, shared with the admin's exports). A petition rejected as
offensive, defamatory or containing personal data has `title`, `background` and
`additional_details` null (empty in CSV): only its number and reason are published.
"""

import csv
import io

from django.utils import timezone

from config.spreadsheets import csv_safe
from petitions.links import absolute, page_path
from petitions.models import PetitionPage
from petitions.selectors import Breakdown

LIST_COLUMNS = [
    "id",
    "url",
    "title",
    "state",
    "scope",
    "district",
    "authority",
    "signature_count",
    "response_threshold",
    "hearing_threshold",
    "opened_at",
    "closes_at",
    "closed_at",
    "response_threshold_reached_at",
    "response_deadline",
    "hearing_threshold_reached_at",
    "responded_at",
    "rejection_reason",
]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def petition_summary(petition: PetitionPage, total: int) -> dict:
    withheld = petition.text_withheld
    return {
        "id": petition.pk,
        "url": absolute(page_path(petition, language="uk")),
        "title": None if withheld else petition.title,
        "state": petition.state,
        "scope": petition.scope,
        "district": petition.district.slug if petition.district_id else None,
        "authority": petition.authority.name,
        "signature_count": total,
        "response_threshold": petition.response_threshold,
        "hearing_threshold": petition.hearing_threshold,
        "opened_at": _iso(petition.opened_at),
        "closes_at": _iso(petition.closes_at),
        "closed_at": _iso(petition.closed_at),
        "response_threshold_reached_at": _iso(petition.response_threshold_reached_at),
        "response_deadline": _iso(petition.response_deadline),
        "hearing_threshold_reached_at": _iso(petition.hearing_threshold_reached_at),
        "responded_at": _iso(petition.responded_at),
        "rejection_reason": petition.rejection_reason or None,
        "background": None if withheld else petition.background,
        "additional_details": None if withheld else petition.additional_details,
    }


def petition_document(petition: PetitionPage, breakdown: Breakdown) -> dict:
    response = getattr(petition, "response", None)
    return {
        **petition_summary(petition, breakdown.total),
        "signatures_by_district": [
            {
                "district": district.slug,
                "name_uk": district.name_uk,
                "name_en": district.name_en,
                "signature_count": cell.open_data,
            }
            for district, cell in breakdown.districts
        ],
        "signatures_by_day": [
            {"day": day.isoformat(), "signature_count": cell.open_data}
            for day, cell in breakdown.days
        ],
        "response": None
        if response is None
        else {
            "summary": response.summary,
            "body": response.body,
            "organization": response.organization.name,
            "published_at": _iso(response.published_at),
        },
    }


def list_document(petitions) -> dict:
    return {
        "generated_at": timezone.now().isoformat(),
        "petitions": [petition_summary(p, p.total) for p in petitions],
    }


def list_csv(petitions) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LIST_COLUMNS)
    for petition in petitions:
        record = petition_summary(petition, petition.total)
        writer.writerow([csv_safe(record[column]) for column in LIST_COLUMNS])
    return out.getvalue()


def petition_csv(petition: PetitionPage, breakdown: Breakdown) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["petition_id", "breakdown", "key", "label", "signature_count"])
    title = "" if petition.text_withheld else petition.title
    writer.writerow([petition.pk, "total", "", csv_safe(title), breakdown.total])
    for district, cell in breakdown.districts:
        writer.writerow(
            [
                petition.pk,
                "district",
                csv_safe(district.slug),
                csv_safe(district.name_uk),
                csv_safe(cell.open_data),
            ]
        )
    for day, cell in breakdown.days:
        writer.writerow([petition.pk, "day", day.isoformat(), day.isoformat(), cell.open_data])
    return out.getvalue()
