"""A poll's open data: `bundle.json`, everything `tools/verify_poll.py` and the verify page
read, and `results.csv`, the published numbers for spreadsheets. The formats are in the
contract (bundle: "spilno-poll-bundle-1"); byte strings are base64url without padding, except
the log's Ed25519 key, hex as the ledger writes it.
"""

import csv
import io

from django.urls import reverse

from config.spreadsheets import csv_safe
from polls import protocol, selectors
from polls.models import Poll

BUNDLE_FORMAT = "spilno-poll-bundle-1"
CSV_HEADER = ["question_position", "question", "kind", "option_position", "option", "count"]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _question(question) -> dict:
    return {
        "text": question.text,
        "kind": question.kind,
        "max_choices": question.max_choices,
        "options": [option.text for option in question.options.all()],
    }


def bundle_document(poll: Poll) -> dict:
    published = poll.state == Poll.State.PUBLISHED
    private_keys = selectors.results_private_keys_published(poll)
    return {
        "format": BUNDLE_FORMAT,
        "poll": {
            "id": poll.pk,
            "slug": poll.slug,
            "title": poll.title,
            "state": poll.state,
            "secrecy": poll.secrecy,
            "opens_at": _iso(poll.opens_at),
            "closes_at": _iso(poll.closes_at),
        },
        "questions": [_question(q) for q in poll.questions.prefetch_related("options")],
        "credential_public_key": protocol.b64url(bytes(poll.credential_public_key)),
        # The key holders' keys in their order: a ballot's layer i is sealed to key i.
        "results_public_keys": [protocol.b64url(k) for k in selectors.results_public_keys(poll)],
        "results_private_keys": (
            [protocol.b64url(k) for k in private_keys] if private_keys is not None else None
        ),
        "ballot_info": protocol.ballot_info(poll.pk).decode(),
        "log": {
            "id": poll.log_id,
            "public_key": bytes(poll.log.public_key).hex(),
            "export": reverse("ledger:export", args=[poll.log_id]),
            "tree_heads": reverse("ledger:tree_heads", args=[poll.log_id]),
            "consistency": reverse("ledger:consistency", args=[poll.log_id]),
        },
        "roll": {
            "eligible": poll.eligible_count,
            "issued": poll.credentials_issued,
            "hashes": selectors.roll_hashes(poll),
        },
        "results": poll.results if published else None,
    }


def option_labels(question) -> list[str]:
    if question.kind == "scale":
        return [str(value) for value in protocol.SCALE_VALUES]
    return [option.text for option in question.options.all()]


def results_csv(poll: Poll) -> str:
    """One row per option (or scale value) with its count, then the ballots cast and the
    spoilt ones, whose `kind` says what they are. Only for a published poll. Texts a
    spreadsheet would run as a formula are defused (`config.spreadsheets.csv_safe`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    results = poll.results or {}
    questions = poll.questions.prefetch_related("options")
    for position, (question, result) in enumerate(
        zip(questions, results.get("questions", []), strict=False), start=1
    ):
        for option_position, (label, count) in enumerate(
            zip(option_labels(question), result["counts"], strict=False), start=1
        ):
            text, label = csv_safe(question.text), csv_safe(label)
            writer.writerow([position, text, question.kind, option_position, label, count])
    writer.writerow(["", "", "ballots", "", "", results.get("ballots", 0)])
    writer.writerow(["", "", "spoilt", "", "", results.get("spoilt", 0)])
    return out.getvalue()
