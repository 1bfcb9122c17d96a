"""An association's board prepares polls for its building on the public site: who may (the
association's owners and administrators only), a draft created for one of its buildings,
scheduled and taken back, and requests that change nothing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from polls.models import Poll
from profiles.models import Membership
from residents.models import Audience
from tests.factories import UserFactory
from tests.profiles.factories import member
from tests.residents.factories import (
    AssociationFactory,
    DistrictFactory,
    building_resident,
    building_with_units,
)

WHEN = "%Y-%m-%dT%H:%M"


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """These tests read the pages' messages in English, the language they are written in: the
    addresses they reverse are the English ones (/en/…)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def district(db):
    return DistrictFactory(slug="sad", name_uk="Садовий", name_en="Garden")


@pytest.fixture
def association(db):
    return AssociationFactory(name="ОСББ «Садова 7»", slug="osbb-sadova-7")


@pytest.fixture
def building(district, association):
    building = building_with_units(district=district, association=association, units=4)
    for _number in range(5):
        building_resident(building)
    return building


@pytest.fixture
def board(association, building):
    user = UserFactory(email="board@example.org")
    member(association, user, Membership.Role.ADMIN)
    return user


def form_data(building, **overrides) -> dict:
    now = timezone.localtime()
    data = {
        "title": "Ремонт даху",
        "summary": "Який кошторис обрати.",
        "description": "",
        "building": building.pk,
        "building_roles": "everyone",
        "opens_at": (now + timedelta(days=1)).strftime(WHEN),
        "closes_at": (now + timedelta(days=8)).strftime(WHEN),
        "secrecy": "secret",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Яку пропозицію прийняти?",
        "questions-0-kind": "single",
        "questions-0-max_choices": "1",
        "questions-0-options": "Підрядник А\nПідрядник Б",
        "questions-1-text": "",
        "questions-1-kind": "single",
        "questions-1-max_choices": "1",
        "questions-1-options": "",
    }
    data.update(overrides)
    return data


def create(client, building, **overrides):
    return client.post(
        reverse("polls_board:create", args=["osbb-sadova-7"]), form_data(building, **overrides)
    )


def test_the_board_gets_a_form_with_its_buildings_and_the_browsers_date_picker(
    client, board, building, association
):
    other = building_with_units(district=building.district, association=None, units=1)
    client.force_login(board)
    page = client.get(reverse("polls_board:create", args=[association.slug])).content.decode()
    assert 'type="datetime-local"' in page
    assert building.address in page and other.address not in page
    assert 'name="questions-1-text"' in page  # room for a second question


def test_the_board_creates_a_draft_for_its_building(client, board, building, association):
    client.force_login(board)
    response = create(client, building)
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("polls_board:detail", args=[association.slug, poll.pk])
    assert (poll.state, poll.creator_kind, poll.organization, poll.creator) == (
        Poll.State.DRAFT,
        "board",
        association,
        board,
    )
    assert list(poll.audience.buildings.all()) == [building]
    assert poll.audience.building_roles == Audience.BuildingRoles.EVERYONE
    assert [q.text for q in poll.questions.all()] == ["Яку пропозицію прийняти?"]


def test_a_building_too_small_for_a_secret_ballot_gets_an_open_vote_and_is_told(
    client, board, building
):
    client.force_login(board)
    response = client.post(
        reverse("polls_board:create", args=["osbb-sadova-7"]), form_data(building), follow=True
    )
    assert Poll.objects.get().secrecy == Poll.Secrecy.OPEN
    assert "open vote" in response.content.decode()


def test_the_board_sees_its_polls_and_their_state(client, board, building, association):
    client.force_login(board)
    create(client, building)
    page = client.get(reverse("polls_board:index", args=[association.slug])).content.decode()
    assert "Ремонт даху" in page
    assert str(Poll.State.DRAFT.label) in page


def test_the_board_schedules_a_draft_and_takes_it_back(client, board, building, association):
    client.force_login(board)
    create(client, building)
    poll = Poll.objects.get()
    client.post(reverse("polls_board:schedule", args=[association.slug, poll.pk]))
    poll.refresh_from_db()
    assert poll.state == Poll.State.SCHEDULED
    page = client.get(reverse("polls_board:detail", args=[association.slug, poll.pk]))
    assert str(Poll.State.SCHEDULED.label) in page.content.decode()
    client.post(reverse("polls_board:unschedule", args=[association.slug, poll.pk]))
    poll.refresh_from_db()
    assert poll.state == Poll.State.DRAFT


def test_a_second_schedule_shows_the_services_refusal(client, board, building, association):
    client.force_login(board)
    create(client, building)
    poll = Poll.objects.get()
    url = reverse("polls_board:schedule", args=[association.slug, poll.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "cannot go from" in response.content.decode()


@pytest.mark.parametrize("role", [None, Membership.Role.MEMBER])
def test_people_who_are_not_the_board_are_refused_and_nothing_changes(
    client, building, association, role
):
    user = UserFactory()
    if role:
        member(association, user, role)
    client.force_login(user)
    assert client.get(reverse("polls_board:index", args=[association.slug])).status_code == 403
    assert create(client, building).status_code == 403
    assert not Poll.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, association):
    response = client.get(reverse("polls_board:index", args=[association.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_another_associations_building_is_refused(client, board, building, district):
    other = building_with_units(district=district, association=AssociationFactory(), units=2)
    client.force_login(board)
    data = {**form_data(building), "building": other.pk}
    response = client.post(reverse("polls_board:create", args=["osbb-sadova-7"]), data)
    assert response.status_code == 200
    assert not Poll.objects.exists()
    assert not Audience.objects.exists()


def test_a_form_without_questions_creates_nothing(client, board, building):
    client.force_login(board)
    response = create(client, building, **{"questions-0-text": ""})
    assert "Ask at least one question." in response.content.decode()
    assert not Poll.objects.exists()


def test_another_associations_poll_is_not_found_here(client, board, building, association):
    other_association = AssociationFactory(slug="osbb-insha")
    other_board = UserFactory()
    member(other_association, other_board, Membership.Role.ADMIN)
    other_building = building_with_units(
        district=building.district, association=other_association, units=2
    )
    client.force_login(other_board)
    client.post(
        reverse("polls_board:create", args=[other_association.slug]),
        form_data(other_building),
    )
    poll = Poll.objects.get()
    client.force_login(board)
    url = reverse("polls_board:detail", args=[association.slug, poll.pk])
    assert client.get(url).status_code == 404
    schedule = reverse("polls_board:schedule", args=[association.slug, poll.pk])
    assert client.post(schedule).status_code == 404
    poll.refresh_from_db()
    assert poll.state == Poll.State.DRAFT


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "x"])
def test_impossible_ids_are_not_found(client, board, association, pk):
    client.force_login(board)
    assert client.get(f"/organizations/{association.slug}/polls/{pk}/").status_code == 404
