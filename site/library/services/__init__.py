"""Every write the library makes. Views, signal receivers and the demo call these; each one
checks permissions, writes in one transaction and sends its emails after commit."""

from library.services.contributions import (
    CaseStudyDraft,
    GuideDraft,
    contribution_create,
    contribution_transition,
    contribution_update,
    contribution_withdraw,
    review_decline,
)
from library.services.feedback import FeedbackError, article_read_record, feedback_submit
from library.services.pdf import article_pdf_get, article_pdf_invalidate
from library.services.setup import library_index_prepare
from library.services.workflow_events import (
    contribution_on_approved,
    contribution_on_cancelled,
    contribution_on_changes_requested,
    contribution_on_published,
    contribution_on_submitted,
)

__all__ = [
    "CaseStudyDraft",
    "FeedbackError",
    "GuideDraft",
    "article_pdf_get",
    "article_pdf_invalidate",
    "article_read_record",
    "contribution_create",
    "contribution_on_approved",
    "contribution_on_cancelled",
    "contribution_on_changes_requested",
    "contribution_on_published",
    "contribution_on_submitted",
    "contribution_transition",
    "contribution_update",
    "contribution_withdraw",
    "feedback_submit",
    "library_index_prepare",
    "review_decline",
]
