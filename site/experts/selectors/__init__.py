"""Every read of the experts app, grouped by concept."""

from experts.selectors.consultations import (
    answered_recently,
    question_answers,
    question_get,
    questions_search,
)
from experts.selectors.experts import (
    competencies_all,
    expert_get,
    experts_directory,
    reputation_breakdown,
)
from experts.selectors.projects import project_people, projects_list, rating_slots
from experts.selectors.sections import cabinet_section, home_section
from experts.selectors.urls import directory_page, directory_url

__all__ = [
    "answered_recently",
    "cabinet_section",
    "competencies_all",
    "directory_page",
    "directory_url",
    "expert_get",
    "experts_directory",
    "home_section",
    "project_people",
    "projects_list",
    "question_answers",
    "question_get",
    "questions_search",
    "rating_slots",
    "reputation_breakdown",
]
