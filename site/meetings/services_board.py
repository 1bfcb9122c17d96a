"""Writes of the board's pages that the core services leave to the page: a draft saved with
the documents uploaded for its agenda items.

A file is stored when its document row is created, and file storage does not roll back with
the database: when the meeting's service refuses the draft, the files stored for it are
deleted again, so a refused form leaves nothing behind.
"""

import os

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

from meetings.errors import MeetingError
from meetings.models import Meeting
from meetings.permissions import is_board, is_coowner
from meetings.services.meetings import meeting_create, meeting_update


def _may_upload(*, by, building, meeting: Meeting | None, initiative: bool) -> bool:
    """Who may attach documents: whoever may write the draft (the services decide that again
    when it is saved)."""
    if is_board(user=by, building=building):
        return True
    if not is_coowner(user=by, building=building):
        return False
    if meeting is None:
        return initiative
    return (
        meeting.convened_by == Meeting.ConvenedBy.INITIATIVE
        and meeting.initiative.filter(user=by).exists()
    )


def _check_upload(upload) -> None:
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise MeetingError("bad_document", _("This kind of document cannot be attached."))
    if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        raise MeetingError("bad_document", _("The document is too large."))


def _store(uploads, *, by, stored: list) -> list[tuple]:
    Document = get_document_model()
    documents = []
    for upload, title in uploads:
        _check_upload(upload)
        name = os.path.basename(upload.name)
        document = Document(title=(title or os.path.splitext(name)[0])[:200] or name)
        document.file = upload
        document.uploaded_by_user = by
        document.save()
        stored.append(document)
        documents.append((document, document.title))
    return documents


def _forget(stored: list) -> None:
    for document in stored:
        document.file.delete(save=False)


def meeting_draft_save(
    *,
    by,
    values: dict,
    items: list[dict],
    building=None,
    meeting: Meeting | None = None,
    initiative: bool = False,
) -> Meeting:
    """Create a draft of `building` (no `meeting`) or correct `meeting`'s draft, its agenda's
    new uploads ("uploads": [(file, title)] per item) stored as documents of the items."""
    building = meeting.building if meeting is not None else building
    uploads = [upload for item in items for upload in item.get("uploads", [])]
    if uploads and not _may_upload(
        by=by, building=building, meeting=meeting, initiative=initiative
    ):
        raise MeetingError("not_allowed", _("You may not change this meeting."))
    stored: list = []
    try:
        with transaction.atomic():
            agenda = []
            for item in items:
                new = _store(item.get("uploads", []), by=by, stored=stored)
                spec = {key: value for key, value in item.items() if key != "uploads"}
                spec["documents"] = [*item.get("documents", []), *new]
                agenda.append(spec)
            if meeting is None:
                return meeting_create(
                    building=building, by=by, items=agenda, initiative=initiative, **values
                )
            return meeting_update(meeting=meeting, by=by, items=agenda, **values)
    except Exception:
        _forget(stored)
        raise
