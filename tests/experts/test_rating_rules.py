"""Who may rate whom, when and how often: each rule, in the services and in the database."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from experts import services
from experts.errors import RatingError
from experts.models import ProjectParticipant, Rating
from profiles.models import Membership, Organization
from tests.experts.factories import make_team, rate, verified_expert
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_participant_rates_an_expert_once_the_project_is_completed(completed_team):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 3, 4))
    stored = Rating.objects.get()
    assert stored == rating
    assert stored.values() == {
        "competence": 5,
        "usefulness": 4,
        "timeliness": 3,
        "communication": 4,
    }
    assert stored.work_on == completed_team.project.completed_on


def test_the_coordinator_may_rate_the_experts(completed_team):
    rate(completed_team, completed_team.coordinator, completed_team.expert.user)
    assert Rating.objects.filter(rater=completed_team.coordinator).exists()


def test_ratings_are_closed_while_the_work_is_not_done(team):
    with pytest.raises(RatingError, match="completed or one of its milestones is closed"):
        rate(team, team.resident, team.expert.user)
    assert not Rating.objects.exists()


def test_closing_a_milestone_opens_ratings_for_the_work_so_far(team):
    services.project_transition(project=team.project, to="active", by=team.coordinator)
    milestone = team.project.milestones.first()
    services.milestone_close(milestone=milestone, by=team.coordinator)
    rating = rate(team, team.resident, team.expert.user)
    assert rating.work_on == timezone.localdate()


def test_someone_who_did_not_take_part_cannot_rate(completed_team):
    outsider = UserFactory()
    with pytest.raises(RatingError, match="Only people who took part"):
        rate(completed_team, outsider, completed_team.expert.user)


def test_an_invitation_not_yet_accepted_does_not_make_a_co_participant(completed_team):
    invitee = UserFactory()
    services.participant_invite(
        project=completed_team.project,
        by=completed_team.coordinator,
        role=ProjectParticipant.Role.PARTICIPANT,
        user=invitee,
    )
    with pytest.raises(RatingError, match="Only people who took part"):
        rate(completed_team, invitee, completed_team.expert.user)


def test_only_experts_listed_on_the_project_can_be_rated(completed_team):
    with pytest.raises(RatingError, match="not listed as an expert"):
        rate(completed_team, completed_team.resident, completed_team.neighbour)


def test_an_expert_who_has_not_accepted_cannot_be_rated(completed_team, heating):
    other = verified_expert(heating)
    services.participant_invite(
        project=completed_team.project,
        by=completed_team.coordinator,
        role=ProjectParticipant.Role.EXPERT,
        user=other.user,
        competency=heating,
    )
    with pytest.raises(RatingError, match="not listed as an expert"):
        rate(completed_team, completed_team.resident, other.user)


def test_nobody_rates_themselves(completed_team):
    with pytest.raises(RatingError, match="cannot rate yourself"):
        rate(completed_team, completed_team.expert.user, completed_team.expert.user)


def test_a_member_of_the_experts_own_organization_cannot_rate_them(completed_team):
    """Conflict of interest: colleagues would inflate each other's reputation."""
    firm = Organization.objects.create(
        name="Теплосервіс", slug="teploservis", kind="responsible_business"
    )
    Membership.objects.create(organization=firm, user=completed_team.expert.user)
    Membership.objects.create(organization=firm, user=completed_team.resident)
    with pytest.raises(RatingError, match="same organization"):
        rate(completed_team, completed_team.resident, completed_team.expert.user)
    rate(completed_team, completed_team.neighbour, completed_team.expert.user)
    assert Rating.objects.count() == 1


def test_membership_of_different_organizations_is_no_conflict(completed_team):
    one = Organization.objects.create(name="Перша", slug="persha", kind="public_organization")
    two = Organization.objects.create(name="Друга", slug="druha", kind="public_organization")
    Membership.objects.create(organization=one, user=completed_team.expert.user)
    Membership.objects.create(organization=two, user=completed_team.resident)
    rate(completed_team, completed_team.resident, completed_team.expert.user)
    assert Rating.objects.count() == 1


def test_rating_again_within_fourteen_days_changes_the_one_rating(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (2, 2, 2, 2))
    rate(completed_team, completed_team.resident, completed_team.expert.user, (4, 4, 4, 4), "Так")
    rating = Rating.objects.get()
    assert rating.competence == 4
    assert rating.comment == "Так"


def test_a_rating_cannot_be_changed_after_fourteen_days(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (2, 2, 2, 2))
    Rating.objects.update(created_at=timezone.now() - timedelta(days=14, minutes=1))
    with pytest.raises(RatingError, match="14 days"):
        rate(completed_team, completed_team.resident, completed_team.expert.user)
    assert Rating.objects.get().competence == 2


@pytest.mark.parametrize("values", [(0, 5, 5, 5), (5, 6, 5, 5), (5, 5, -1, 5)])
def test_each_indicator_is_a_whole_number_from_one_to_five(completed_team, values):
    with pytest.raises(RatingError, match="1 to 5"):
        rate(completed_team, completed_team.resident, completed_team.expert.user, values)


def test_the_database_refuses_a_second_rating_of_the_same_expert_on_a_project(completed_team):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user)
    twin = Rating(
        project=rating.project,
        rater=rating.rater,
        expert=rating.expert,
        competency=rating.competency,
        work_on=rating.work_on,
        **rating.values(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_the_database_refuses_a_rating_of_oneself(completed_team):
    expert = completed_team.expert.user
    rating = Rating(
        project=completed_team.project,
        rater=expert,
        expert=expert,
        competency_id=completed_team.expert.claims.get().tag_id,
        work_on=timezone.localdate(),
        competence=5,
        usefulness=5,
        timeliness=5,
        communication=5,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        rating.save()


@pytest.mark.parametrize("field", ["competence", "usefulness", "timeliness", "communication"])
@pytest.mark.parametrize("value", [0, 6])
def test_the_database_refuses_scores_outside_one_to_five(completed_team, field, value):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.filter(pk=rating.pk).update(**{field: value})


def test_experts_on_the_same_project_rate_each_other(project_index, heating):
    team = make_team(project_index, heating)
    colleague = verified_expert(heating)
    invited = services.participant_invite(
        project=team.project,
        by=team.coordinator,
        role=ProjectParticipant.Role.EXPERT,
        user=colleague.user,
        competency=heating,
    )
    services.participant_respond(participant=invited, user=colleague.user, accept=True)
    team.complete()
    rate(team, colleague.user, team.expert.user)
    rate(team, team.expert.user, colleague.user)
    assert Rating.objects.count() == 2
