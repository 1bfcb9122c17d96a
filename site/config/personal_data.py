"""What the CMS keeps about a person (the contract is in `profiles.data_rights`): Wagtail's
revisions, log entries, comments, workflow steps, the pages, images and documents a person
owns, and the traces of their admin sessions.

Erasure keeps the record of editorial work that other editors rely on (comments and replies on
pages), credited to the account, which then shows as "Former participant". Links that only say
"this person wrote this revision, owns or locked this page, uploaded this image, did this" are
cut: the revision, the log line and the page stay, attributed to nobody. What is only the
person's own working state (autosaved forms, who is editing now, comment subscriptions, API
tokens, half-finished uploads) is deleted.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)

MODELS = [
    "admin.LogEntry",
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.APIToken",
    "wagtailcore.UploadedFile",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailimages.Image",
    "wagtaildocs.Document",
]


def _log_entries_about(user):
    """Log lines whose subject is the account itself (staff edited it): their label is the
    account's name or address as it was then."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=False),
        object_id=str(user.pk),
    )


def _log_line(entry) -> dict:
    return {"action": entry.action, "object": entry.label, "at": entry.timestamp}


def export_for(user) -> dict:
    return {
        "pages_owned_or_locked": [
            {
                "id": page.pk,
                "title": page.title,
                "owner": page.owner_id == user.pk,
                "locked": page.locked_by_id == user.pk,
            }
            for page in Page.objects.filter(Q(owner=user) | Q(locked_by=user)).order_by("pk")
        ],  # fmt: skip
        "revisions_saved": [
            {"object": revision.object_str, "at": revision.created_at}
            for revision in Revision.objects.filter(user=user).order_by("pk")
        ],
        "actions_logged": [
            *(_log_line(entry) for entry in PageLogEntry.objects.filter(user=user)),
            *(_log_line(entry) for entry in ModelLogEntry.objects.filter(user=user)),
        ],
        "django_admin_actions": list(
            LogEntry.objects.filter(user=user).values("object_repr", "action_time")
        ),
        "actions_logged_about_you": [_log_line(entry) for entry in _log_entries_about(user)],
        "comments": [
            {"page": comment.page.title, "text": comment.text, "at": comment.created_at}
            for comment in Comment.objects.filter(user=user).select_related("page")
        ],
        "comment_replies": [
            {"page": reply.comment.page.title, "text": reply.text, "at": reply.created_at}
            for reply in CommentReply.objects.filter(user=user).select_related("comment__page")
        ],
        "comment_subscriptions": list(
            PageSubscription.objects.filter(user=user).values(
                "page__title", "comment_notifications"
            )
        ),
        "workflows_requested": [
            {"object": str(state.content_object), "status": state.status, "at": state.created_at}
            for state in WorkflowState.objects.filter(requested_by=user)
        ],
        "workflow_tasks_decided": [
            {
                "object": str(task.revision.object_str),
                "status": task.status,
                "comment": task.comment,
                "at": task.finished_at,
            }
            for task in TaskState.objects.filter(finished_by=user).select_related("revision")
        ],  # fmt: skip
        "api_tokens": list(
            APIToken.objects.filter(user=user).values("name", "prefix", "created", "revoked_at")
        ),
        "uploads_in_progress": [
            upload.file.name for upload in UploadedFile.objects.filter(uploaded_by_user=user)
        ],
        "editing_sessions": list(
            EditingSession.objects.filter(user=user).values("object_id", "last_seen_at")
        ),
        "autosaved_forms": list(
            FormState.objects.filter(user=user).values("object_id", "data", "last_updated_at")
        ),
        "images_uploaded": list(
            get_image_model().objects.filter(uploaded_by_user=user).values("title", "created_at")
        ),
        "documents_uploaded": list(
            get_document_model().objects.filter(uploaded_by_user=user).values("title", "created_at")
        ),
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Page.objects.filter(owner=user).update(owner=None)
        Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
        Revision.objects.filter(user=user).update(user=None)
        PageLogEntry.objects.filter(user=user).update(user=None)
        ModelLogEntry.objects.filter(user=user).update(user=None)
        _log_entries_about(user).update(label=f"#{user.pk}")
        WorkflowState.objects.filter(requested_by=user).update(requested_by=None)
        TaskState.objects.filter(finished_by=user).update(finished_by=None)
        get_image_model().objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
        get_document_model().objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
        PageSubscription.objects.filter(user=user).delete()
        LogEntry.objects.filter(user=user).delete()
        APIToken.objects.filter(user=user).delete()
        EditingSession.objects.filter(user=user).delete()
        FormState.objects.filter(user=user).delete()
        for upload in UploadedFile.objects.filter(uploaded_by_user=user):
            storage, name = upload.file.storage, upload.file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        UploadedFile.objects.filter(uploaded_by_user=user).delete()
