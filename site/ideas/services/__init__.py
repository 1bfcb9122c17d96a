"""Every write of the ideas app. Views, commands and other apps call these, nothing else
writes: each function is keyword-only, checks who may do it, and raises
`ideas.states.IdeaError` with a message to show when a rule is broken."""

from ideas.services.answers import idea_answer, idea_finish, idea_start
from ideas.services.discussion import (
    comment_add,
    comment_hide,
    comment_report,
    comment_restore,
    report_dismiss,
)
from ideas.services.ideas import (
    idea_attachment_add,
    idea_attachment_remove,
    idea_create,
    idea_hide,
    idea_publish,
    idea_unhide,
    idea_update,
    threshold_for,
)
from ideas.services.projects import idea_poll_create, idea_project_create
from ideas.services.support import (
    idea_merge,
    ideas_expire,
    ideas_tick,
    support_give,
    support_withdraw,
    supports_retention_cut,
)

__all__ = [
    "comment_add",
    "comment_hide",
    "comment_report",
    "comment_restore",
    "idea_answer",
    "idea_attachment_add",
    "idea_attachment_remove",
    "idea_create",
    "idea_finish",
    "idea_hide",
    "idea_merge",
    "idea_poll_create",
    "idea_project_create",
    "idea_publish",
    "idea_start",
    "idea_unhide",
    "idea_update",
    "ideas_expire",
    "ideas_tick",
    "report_dismiss",
    "support_give",
    "support_withdraw",
    "supports_retention_cut",
    "threshold_for",
]
