"""The experts app: who knows what, on which projects they proved it, and what people said.

Split by concept: `experts` (profiles and the competency vocabulary), `projects` (the pages of
civic projects and who took part), `ratings` (ratings, flags and the stored reputation),
`consultations` (questions, answers, helpful marks), `moderation` (flags on them and the
moderators' log) and `pages` (the directory page).
"""

from experts.models.consultations import Answer, HelpfulMark, Question
from experts.models.experts import Competency, CompetencyClaim, ExpertProfile, ExpertTag
from experts.models.moderation import ConsultationFlag, ModerationAction
from experts.models.pages import ExpertDirectoryPage
from experts.models.projects import (
    ProjectIndexPage,
    ProjectMilestone,
    ProjectPage,
    ProjectParticipant,
)
from experts.models.ratings import Indicator, PlatformBaseline, Rating, RatingFlag, Reputation

__all__ = [
    "Answer",
    "Competency",
    "CompetencyClaim",
    "ConsultationFlag",
    "ExpertDirectoryPage",
    "ExpertProfile",
    "ExpertTag",
    "HelpfulMark",
    "Indicator",
    "ModerationAction",
    "PlatformBaseline",
    "ProjectIndexPage",
    "ProjectMilestone",
    "ProjectPage",
    "ProjectParticipant",
    "Question",
    "Rating",
    "RatingFlag",
    "Reputation",
]
