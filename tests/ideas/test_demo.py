"""The ideas of the demo city (`ideas.demo`): every state, places inside their districts,
exact counts, projects with rated experts, a merged duplicate, a poll, moderated comments.
(The config app's demo tests check that a second run changes nothing.)"""

from django.conf import settings
from django.utils import timezone, translation

import pytest
from shapely.geometry import Point

from config.maps import contains, district_shape
from experts.models import ProjectParticipant, Rating
from experts.reputation import recompute_all
from ideas.models import Comment, CommentReport, Idea, IdeaEvent, Support
from ideas.states import ANSWER_STATES, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]

REACHED = {State.UNDER_REVIEW, *ANSWER_STATES, State.IN_PROGRESS, State.DONE}


def test_there_are_forty_ideas_in_every_state_over_districts_and_the_city():
    assert Idea.objects.count() >= 40
    assert set(Idea.objects.values_list("state", flat=True)) == set(State.values)
    public = Idea.objects.public()
    assert public.filter(district__isnull=True).exists()
    assert public.values("district").distinct().count() >= 8


def test_drafts_belong_to_demo_people_and_are_not_public():
    drafts = Idea.objects.filter(state=State.DRAFT)
    assert drafts.count() >= 3
    assert not Idea.objects.public().filter(state=State.DRAFT).exists()
    assert all(draft.author.email.endswith("@example.org") for draft in drafts)
    assert not Support.objects.filter(idea__in=drafts).exists()


def test_most_ideas_have_a_place_inside_their_district_away_from_its_edges():
    placed = Idea.objects.filter(latitude__isnull=False).select_related("district")
    assert placed.count() >= Idea.objects.count() * 2 // 3
    for idea in placed.filter(district__isnull=False):
        point = (float(idea.longitude), float(idea.latitude))
        assert contains(idea.district.boundary, *point), idea
        # A marker on a border would look as if it belonged to the neighbour.
        edge = district_shape(idea.district.boundary).exterior
        assert edge.distance(Point(*point)) > 0.002, idea


def test_every_count_is_the_number_of_its_support_rows():
    for idea in Idea.objects.all():
        assert idea.support_count == idea.supports.count(), idea


def test_the_threshold_decides_the_state():
    now = timezone.now()
    for idea in Idea.objects.public():
        assert idea.threshold and idea.published_at and idea.support_ends_at, idea
        if idea.state in REACHED:
            assert idea.support_count >= idea.threshold, idea
            assert idea.published_at <= idea.threshold_reached_at <= now, idea
        elif idea.state in (State.PUBLISHED, State.EXPIRED):
            assert idea.support_count < idea.threshold, idea
        if idea.state == State.EXPIRED:
            assert idea.support_ends_at < now
        if idea.state == State.PUBLISHED:
            assert idea.support_ends_at > now


def test_support_was_given_over_past_months():
    idea = Idea.objects.filter(state=State.UNDER_REVIEW).order_by("pk").first()
    days = sorted({d.date() for d in idea.supports.values_list("created_at", flat=True)})
    assert len(days) >= 10
    assert (days[-1] - days[0]).days >= 20
    assert idea.supports.filter(user=idea.author, created_at=idea.published_at).exists()


def test_answers_are_public_and_dated():
    answered = Idea.objects.filter(state__in=[*ANSWER_STATES, State.IN_PROGRESS, State.DONE])
    assert answered.count() >= 5
    for idea in answered:
        assert idea.answer and idea.answered_at and idea.answered_by_id, idea
        assert idea.threshold_reached_at < idea.answered_at <= timezone.now()


def test_accepted_ideas_grew_into_projects_with_milestones_and_rated_experts():
    with_project = Idea.objects.filter(project__isnull=False).select_related("project")
    assert with_project.count() >= 3
    closed_anywhere = False
    for idea in with_project:
        project = idea.project
        assert project.live and project.idea == idea
        assert project.milestones.exists()
        closed = project.milestones.filter(closed_on__isnull=False).count()
        closed_anywhere |= closed > 0
        if idea.state == State.DONE:
            assert project.status == "completed"
        assert idea.events.filter(kind=IdeaEvent.Kind.MILESTONE).count() == closed
        assert project.participants.filter(
            role=ProjectParticipant.Role.EXPERT, state=ProjectParticipant.State.ACCEPTED
        ).exists()
    assert closed_anywhere
    assert Rating.objects.filter(project__in=[i.project for i in with_project]).count() >= 5
    assert recompute_all() == 0  # the stored reputations include these ratings


def test_one_duplicate_was_merged_with_its_supporters_carried_over():
    duplicate = Idea.objects.get(state=State.DUPLICATE)
    target = duplicate.merged_into
    carried = set(
        Support.objects.filter(idea=target, carried_from=duplicate).values_list("user", flat=True)
    )
    own = set(
        Support.objects.filter(idea=target, carried_from__isnull=True).values_list(
            "user", flat=True
        )
    )
    of_duplicate = set(duplicate.supports.values_list("user", flat=True))
    assert carried and carried == of_duplicate - own  # who supported both is counted once
    assert target.support_count == target.supports.count()
    assert target.events.filter(kind=IdeaEvent.Kind.MERGED_IN).exists()


def test_an_accepted_idea_was_put_to_a_poll():
    idea = Idea.objects.get(poll__isnull=False)
    assert idea.state in ANSWER_STATES - {State.REJECTED}
    with translation.override(settings.LANGUAGE_CODE):
        assert idea.get_absolute_url() in idea.poll.description
    assert idea.events.filter(kind=IdeaEvent.Kind.POLL).exists()


def test_comments_include_one_hidden_by_a_moderator_and_one_open_report():
    hidden = Comment.objects.get(state=Comment.State.HIDDEN)
    assert hidden.hidden_by.email == "moderator@spilno.localhost"
    assert hidden.hidden_reason
    assert CommentReport.objects.filter(resolution=CommentReport.Resolution.OPEN).count() == 1
    assert Comment.objects.filter(state=Comment.State.VISIBLE).count() >= 20


def test_every_public_idea_has_its_timeline():
    for idea in Idea.objects.public():
        states = list(idea.events.exclude(state="").values_list("state", flat=True))
        assert states[0] == State.PUBLISHED, idea
        assert states[-1] == idea.state, idea


def test_a_project_page_links_back_to_its_idea(client):
    idea = Idea.objects.filter(project__isnull=False).order_by("pk").first()

    html = client.get(idea.project.url).content.decode()

    assert f'href="{idea.get_absolute_url()}"' in html
