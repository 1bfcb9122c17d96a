"""Every write of the experts app. Keyword-only, typed, validated, permission-checked, one
transaction each; side effects (email) run after commit."""

from experts.services.consultations import (
    answer_accept,
    answer_mark_helpful,
    answer_post,
    question_ask,
)
from experts.services.experts import (
    competency_apply,
    competency_claim_review,
    expert_apply,
    expert_profile_save,
)
from experts.services.moderation import (
    answer_flag,
    answer_hide,
    answer_restore,
    consultation_flags_dismiss,
    question_flag,
    question_hide,
    question_restore,
)
from experts.services.projects import (
    milestone_close,
    participant_invite,
    participant_remove,
    participant_respond,
    project_create,
    project_transition,
)
from experts.services.ratings import (
    rating_check,
    rating_flag,
    rating_hide,
    rating_restore,
    rating_submit,
    ratings_flags_dismiss,
)

__all__ = [
    "answer_accept",
    "answer_flag",
    "answer_hide",
    "answer_mark_helpful",
    "answer_post",
    "answer_restore",
    "competency_apply",
    "competency_claim_review",
    "consultation_flags_dismiss",
    "expert_apply",
    "expert_profile_save",
    "milestone_close",
    "participant_invite",
    "participant_remove",
    "participant_respond",
    "project_create",
    "project_transition",
    "question_ask",
    "question_flag",
    "question_hide",
    "question_restore",
    "rating_check",
    "rating_flag",
    "rating_hide",
    "rating_restore",
    "rating_submit",
    "ratings_flags_dismiss",
]
