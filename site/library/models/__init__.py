"""The library's models: its page tree, contributions, reader feedback and cached PDFs."""

from library.models.articles import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    CaseStudyPage,
    GuidePage,
)
from library.models.contributions import Contribution, ContributionError, ContributionEvent
from library.models.feedback import ArticleStats, Feedback
from library.models.pages import LibraryIndexPage, TopicPage
from library.models.pdf import ArticlePdf
from library.models.review import LibraryReviewTask

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticlePdf",
    "ArticleStats",
    "ArticleTag",
    "CaseStudyPage",
    "Contribution",
    "ContributionError",
    "ContributionEvent",
    "Feedback",
    "GuidePage",
    "LibraryIndexPage",
    "LibraryReviewTask",
    "TopicPage",
]
