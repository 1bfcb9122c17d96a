"""Every legal move of a petition, through the service that makes it, and the illegal ones."""

from datetime import timedelta
from itertools import product

from django.utils import timezone

import pytest

from petitions import services
from petitions.models import PetitionPage, Signature
from petitions.states import TRANSITIONS, PetitionError, State, check_transition
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory


def confirm_new_signatures(petition, districts, number):
    for i in range(number):
        signature = SignatureFactory(petition=petition, district=districts[i % len(districts)])
        services.signature_confirm(signature_id=signature.pk)


def test_submitting_a_draft_signs_it_for_the_creator_and_starts_gathering_support(
    make_petition, creator, districts
):
    petition = make_petition("draft")

    services.petition_submit(petition=petition, user=creator, district=districts[2], show_name=True)

    petition.refresh_from_db()
    assert petition.state == State.GATHERING_SUPPORT
    assert petition.submitted_at is not None
    signature = Signature.objects.get(petition=petition)
    assert signature.is_creator and signature.confirmed_at and signature.user == creator
    assert services.petition_total(petition.pk) == 1


def test_enough_supporters_move_the_petition_to_moderation(
    make_petition, districts, django_capture_on_commit_callbacks
):
    petition = make_petition("gathering_support", supporters_required=2)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_new_signatures(petition, districts, 2)
    petition.refresh_from_db()
    assert petition.state == State.GATHERING_SUPPORT  # the creator's own signature is missing

    with django_capture_on_commit_callbacks(execute=True):
        confirm_new_signatures(petition, districts, 1)

    petition.refresh_from_db()
    assert petition.state == State.AWAITING_MODERATION
    assert petition.moderation_requested_at is not None


def test_publishing_opens_the_petition_for_six_months_with_the_thresholds_of_its_scope(
    make_petition, moderator, districts
):
    petition = make_petition("awaiting_moderation", district=districts[1])

    services.petition_publish(petition=petition, moderator=moderator)

    petition.refresh_from_db()
    assert petition.state == State.OPEN and petition.live
    assert (petition.response_threshold, petition.hearing_threshold) == (250, 2500)
    assert 181 <= (petition.closes_at - petition.opened_at).days <= 184


def test_rejecting_keeps_the_petition_public_with_its_coded_reason(
    make_petition, moderator, client
):
    petition = make_petition("awaiting_moderation")

    services.petition_reject(
        petition=petition, moderator=moderator, reason="not_competence", details="Тарифи — НКРЕКП."
    )

    petition.refresh_from_db()
    assert petition.state == State.REJECTED and petition.live and petition.closed_at
    page = client.get(f"/en{petition.url}").content.decode()
    assert "Rejected: Not the city&#x27;s competence" in page
    assert "the city council and its bodies have no power to do" in page
    assert "Тарифи — НКРЕКП." in page
    assert "Дітям небезпечно" in page


def test_a_petition_rejected_as_offensive_shows_the_reason_but_not_its_text(
    make_petition, moderator, client
):
    petition = make_petition("awaiting_moderation", title="Образлива назва")

    services.petition_reject(petition=petition, moderator=moderator, reason="offensive")

    page = client.get(petition.url).content.decode()
    assert "Дітям небезпечно" not in page
    assert "Образлива назва" not in page


def test_reaching_the_response_threshold_makes_the_petition_await_a_response(
    make_petition, districts, django_capture_on_commit_callbacks
):
    petition = make_petition("open", response_threshold=3)

    with django_capture_on_commit_callbacks(execute=True):
        confirm_new_signatures(petition, districts, 3)

    petition.refresh_from_db()
    assert petition.state == State.AWAITING_RESPONSE
    deadline = petition.response_deadline - petition.response_threshold_reached_at
    assert deadline == timedelta(days=30)


def test_reaching_the_hearing_threshold_is_recorded(
    make_petition, districts, django_capture_on_commit_callbacks
):
    petition = make_petition("open", response_threshold=2, hearing_threshold=4)

    with django_capture_on_commit_callbacks(execute=True):
        confirm_new_signatures(petition, districts, 4)

    petition.refresh_from_db()
    assert petition.hearing_threshold_reached_at is not None


def test_an_open_petition_past_its_closing_time_is_closed(make_petition):
    petition = make_petition("open", closes_at=timezone.now() - timedelta(minutes=1))

    assert services.petitions_close_due() == 1

    petition.refresh_from_db()
    assert petition.state == State.CLOSED
    assert petition.closed_at == petition.closes_at


def test_a_petition_awaiting_response_stops_signing_at_closing_but_still_awaits(make_petition):
    petition = make_petition("awaiting_response", closes_at=timezone.now() - timedelta(hours=1))

    services.petitions_close_due()

    petition.refresh_from_db()
    assert petition.state == State.AWAITING_RESPONSE
    assert petition.closed_at == petition.closes_at
    assert not services.is_signable(petition)


def test_the_official_response_makes_the_petition_responded(make_petition, authority):
    member = UserFactory()
    authority.memberships.create(user=member, role="admin")
    petition = make_petition("awaiting_response")

    services.petition_respond(petition=petition, user=member, summary="Зробимо.", body="До осені.")

    petition.refresh_from_db()
    assert petition.state == State.RESPONDED and petition.responded_at
    assert petition.response.organization == authority


@pytest.mark.parametrize(
    "state", [State.GATHERING_SUPPORT, State.OPEN, State.AWAITING_RESPONSE, State.REJECTED]
)
def test_hiding_takes_the_page_down_and_stops_signing(make_petition, moderator, client, state):
    petition = make_petition(state)
    url = petition.url

    services.petition_hide(petition=petition, moderator=moderator, note="Заклики до насильства.")

    petition.refresh_from_db()
    assert petition.state == State.HIDDEN and not petition.live
    assert client.get(url).status_code == 404
    assert not services.is_signable(petition)


ILLEGAL = [
    (current, target)
    for current, target in product(State.values, State.values)
    if target not in TRANSITIONS[current]
]


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_move_outside_the_table_is_refused(current, target):
    with pytest.raises(PetitionError):
        check_transition(current, target)


def test_publishing_an_open_petition_is_an_illegal_transition(make_petition, moderator):
    petition = make_petition("open")
    with pytest.raises(PetitionError) as refused:
        services.petition_publish(petition=petition, moderator=moderator)
    assert refused.value.code == "illegal_transition"


def test_responding_before_the_threshold_is_an_illegal_transition(make_petition):
    petition = make_petition("open")
    editor = UserFactory(is_superuser=True)
    with pytest.raises(PetitionError):
        services.petition_respond(petition=petition, user=editor, summary="Так.", body="Так.")
    assert not PetitionPage.objects.get(pk=petition.pk).responded_at


def test_submitting_twice_is_refused(make_petition, creator, districts):
    petition = make_petition("draft")
    services.petition_submit(
        petition=petition, user=creator, district=districts[0], show_name=False
    )
    with pytest.raises(PetitionError):
        services.petition_submit(
            petition=petition, user=creator, district=districts[0], show_name=False
        )


def test_only_moderators_publish(make_petition):
    petition = make_petition("awaiting_moderation")
    with pytest.raises(PetitionError):
        services.petition_publish(petition=petition, moderator=UserFactory())
    petition.refresh_from_db()
    assert petition.state == State.AWAITING_MODERATION


def test_only_the_authority_or_editors_respond(make_petition):
    petition = make_petition("awaiting_response")
    with pytest.raises(PetitionError):
        services.petition_respond(petition=petition, user=UserFactory(), summary="a", body="b")
