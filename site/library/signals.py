"""Wagtail's signals, passed on to the library's services.

Editors work in the Wagtail admin, so Wagtail decides when a review step happens; these
receivers only say which service it concerns. Connected in `LibraryConfig.ready`.
"""

from wagtail.signals import (
    page_published,
    page_unpublished,
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
)

from library import services
from library.models import ArticlePage


def on_task_submitted(sender, instance, user=None, **kwargs):
    services.contribution_on_submitted(workflow_state=instance.workflow_state, user=user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    services.contribution_on_changes_requested(workflow_state=instance, user=user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    services.contribution_on_approved(workflow_state=instance, user=user)


def on_workflow_cancelled(sender, instance, user=None, **kwargs):
    services.contribution_on_cancelled(workflow_state=instance, user=user)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        services.article_pdf_invalidate(page=instance)
        services.contribution_on_published(page=instance)


def on_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        services.article_pdf_invalidate(page=instance)


def connect() -> None:
    task_submitted.connect(on_task_submitted, dispatch_uid="library_task_submitted")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="library_workflow_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="library_workflow_approved")
    workflow_cancelled.connect(on_workflow_cancelled, dispatch_uid="library_workflow_cancelled")
    page_published.connect(on_page_published, dispatch_uid="library_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="library_unpublished")
