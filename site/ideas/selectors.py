"""Reads of the ideas app: lists, one idea, its supporters' curve, its timeline and its
discussion. Only public ideas (published or later, not hidden) leave here for the public
pages; filters given by a visitor that match nothing give an empty list, never an error."""

from datetime import date

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import TruncDate

from config.models import District
from ideas.models import Comment, CommentReport, Idea, IdeaEvent, Support
from ideas.states import ACTIVE_STATES, PUBLIC_STATES, State
from petitions.disclosure import SMALLEST_SHOWN

SORTS = ("recent", "supported", "closest")
ALL_STATES = "all"


def _district_filter(ideas: QuerySet, district) -> QuerySet:
    if district is None or district == "":
        return ideas
    if isinstance(district, District):
        return ideas.filter(district=district)
    if district == "city":
        return ideas.filter(district__isnull=True)
    return ideas.filter(district__slug=str(district))


def ideas_listed(*, district=None, topic=None, state=None, sort: str = "recent") -> QuerySet:
    """Public ideas, filtered and sorted. `district`: a District, its slug, or "city" for the
    city-wide ones. `topic`: a topic's slug or name. `state`: None for the active states,
    "all" for every public one, or one state. `sort`: "recent", "supported", or "closest"
    (those gathering support first, fewest supporters missing first)."""
    ideas = Idea.objects.public().select_related("district", "organization")
    if state is None or state == "":
        ideas = ideas.filter(state__in=ACTIVE_STATES)
    elif state != ALL_STATES:
        if state not in PUBLIC_STATES:
            return ideas.none()
        ideas = ideas.filter(state=state)
    ideas = _district_filter(ideas, district)
    if topic:
        topic = str(topic)
        ideas = ideas.filter(topics__slug=topic) | ideas.filter(topics__name=topic)
        ideas = ideas.distinct()
    if sort == "supported":
        return ideas.order_by("-support_count", "-published_at", "-pk")
    if sort == "closest":
        return ideas.annotate(
            not_gathering=Case(
                When(state=State.PUBLISHED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            missing=F("threshold") - F("support_count"),
        ).order_by("not_gathering", "missing", "-published_at", "-pk")
    return ideas.order_by("-published_at", "-pk")


def idea_public(*, slug: str) -> Idea | None:
    return (
        Idea.objects.public()
        .select_related("author", "organization", "district", "merged_into", "answering_body")
        .filter(slug=slug)
        .first()
    )


def idea_any(*, slug: str) -> Idea | None:
    """Any idea by its address, drafts and hidden ones too (check `permissions.can_view`)."""
    return (
        Idea.objects.select_related("author", "organization", "district", "merged_into")
        .filter(slug=slug)
        .first()
    )


def idea_supported_by(*, idea: Idea, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Support.objects.filter(idea=idea, user=user).exists()


def support_series(*, idea: Idea) -> list[tuple[date, int]]:
    """Supporters in all at the end of a day, in order of days (the day of a carried-over
    support is the day it was first given). A day appears only once at least 5 supports have
    come since the previous one (fewer are added to the next), so no row of the chart or its
    table, nor the difference of two rows, shows a group of fewer than 5 people, the rule of
    every public breakdown (`petitions.disclosure`). The last row is always the current total,
    which the page shows anyway."""
    per_day = (
        Support.objects.filter(idea=idea)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    series, total, shown = [], 0, 0
    for row in per_day:
        total += row["n"]
        if total - shown >= SMALLEST_SHOWN:
            series.append((row["day"], total))
            shown = total
    if total != shown:
        # Fewer than 5 since the last row: that row takes them in (its day moves on to the
        # last day); with no row yet, the one row is the total.
        last = (per_day.last()["day"], total)
        series[-1:] = [last]
    return series


def ideas_with_place(*, district=None, topic=None, state=None) -> QuerySet:
    """Listed ideas that have a point on the map."""
    return ideas_listed(district=district, topic=topic, state=state).filter(
        latitude__isnull=False, longitude__isnull=False
    )


def idea_timeline(*, idea: Idea) -> list[IdeaEvent]:
    return list(IdeaEvent.objects.filter(idea=idea).order_by("at", "pk"))


def comments_visible(*, idea: Idea) -> QuerySet:
    return (
        Comment.objects.filter(idea=idea, state=Comment.State.VISIBLE)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def reports_open() -> QuerySet:
    return (
        CommentReport.objects.filter(resolution=CommentReport.Resolution.OPEN)
        .select_related("comment", "comment__idea", "comment__author", "reporter")
        .order_by("created_at", "pk")
    )


def ideas_of(*, user) -> QuerySet:
    """A person's own ideas, drafts included, newest first."""
    if user is None or not user.is_authenticated:
        return Idea.objects.none()
    return Idea.objects.filter(author=user).order_by("-created_at", "-pk")
