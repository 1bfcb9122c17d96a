"""Reads about the city as a whole."""

from django.db.models import QuerySet

from config.home import HomeSection
from config.models import District


def districts_all() -> QuerySet[District]:
    return District.objects.all()


def welcome_section(*, request) -> HomeSection:
    """What the platform is for, with the ways in: read, sign, ask."""
    return HomeSection(template="config/includes/home_welcome.html")
