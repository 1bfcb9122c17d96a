"""Petitions on profile and organization pages, and the cabinet's full lists of my petitions
and my signatures."""

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from petitions.models import PetitionResponse
from petitions.selectors import activity_for
from profiles.activity import activity_page
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory


@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


def sign(petition, user, district, *, show_name=True, confirmed=True, **fields):
    return SignatureFactory(
        petition=petition,
        user=user,
        email=user.email,
        district=district,
        show_name=show_name,
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )


def titles(subject) -> list[str]:
    return [item.title for item in activity_for(subject=subject, viewer=None, limit=50)]


def test_the_creators_page_lists_their_published_petitions(client, make_petition, creator):
    make_petition("open", title="Лавки у сквері")
    make_petition("responded", title="Світлофор на розі")
    make_petition("closed", title="Нові урни")
    body = client.get(creator.profile.get_absolute_url()).content.decode()
    assert "Лавки у сквері" in body and "Світлофор на розі" in body and "Нові урни" in body


@pytest.mark.parametrize(
    "state", ["draft", "gathering_support", "awaiting_moderation", "rejected", "hidden"]
)
def test_unpublished_rejected_and_hidden_petitions_are_never_listed(make_petition, creator, state):
    make_petition(state, title="Не для всіх")
    assert titles(creator) == []


def test_a_signature_is_listed_only_when_the_signer_showed_their_name(make_petition, districts):
    public = make_petition("open", title="Публічний підпис")
    private = make_petition("open", title="Приватний підпис")
    signer = UserFactory()
    sign(public, signer, districts[0], show_name=True)
    sign(private, signer, districts[0], show_name=False)
    assert titles(signer) == ["Публічний підпис"]


def test_unconfirmed_invalidated_and_erased_signatures_are_not_listed(make_petition, districts):
    signer = UserFactory()
    sign(make_petition("open", title="Не підтверджено"), signer, districts[0], confirmed=False)
    sign(
        make_petition("open", title="Анульовано"),
        signer,
        districts[0],
        invalidated_at=timezone.now(),
    )
    sign(make_petition("open", title="Стерто"), signer, districts[0], erased_at=timezone.now())
    assert titles(signer) == []


def test_a_public_signature_on_a_hidden_petition_is_not_listed(make_petition, districts):
    signer = UserFactory()
    sign(make_petition("hidden", title="Прихована"), signer, districts[0])
    assert titles(signer) == []


def test_the_authoritys_page_lists_the_petitions_it_answered(
    client, make_petition, authority, in_english
):
    answered = make_petition("responded", title="Відповіли")
    make_petition("awaiting_response", title="Ще чекає")
    PetitionResponse.objects.create(
        petition=answered,
        summary="Зробимо",
        body="Зробимо до осені.",
        organization=authority,
        published_at=timezone.now(),
    )
    [item] = activity_for(subject=authority, viewer=None, limit=10)
    assert (item.title, item.role) == ("Відповіли", "answered")
    body = client.get(authority.get_absolute_url()).content.decode()
    assert "Відповіли" in body and "Ще чекає" not in body


def test_petitions_on_a_profile_are_paginated(make_petition, creator):
    for n in range(21):
        make_petition("open", title=f"Петиція {n}")
    first = activity_page(subject=creator, viewer=None, page=1)
    second = activity_page(subject=creator, viewer=None, page=2)
    assert len(first.object_list) == 20 and first.has_next()
    assert [item.title for item in second] == ["Петиція 0"]


def test_my_petitions_page_requires_signing_in(client):
    response = client.get(reverse("petitions:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_signatures_page_requires_signing_in(client):
    response = client.get(reverse("petitions:my_signatures"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_petitions_lists_mine_in_every_state_and_no_one_elses(client, make_petition, creator):
    make_petition("draft", title="Моя чернетка")
    make_petition("hidden", title="Моя прихована")
    make_petition("open", title="Моя відкрита")
    make_petition("open", title="Чужа", creator=UserFactory())
    client.force_login(creator)
    body = client.get(reverse("petitions:mine")).content.decode()
    assert "Моя чернетка" in body and "Моя прихована" in body and "Моя відкрита" in body
    assert "Чужа" not in body
    assert "/edit/" in body  # the draft can be edited from here


def test_my_petitions_are_paginated(client, make_petition, creator):
    for n in range(21):
        make_petition("draft", title=f"Чернетка {n}")
    client.force_login(creator)
    first = client.get(reverse("petitions:mine"))
    second = client.get(reverse("petitions:mine"), {"page": 2})
    assert len(first.context["page"].object_list) == 20 and first.context["page"].has_next()
    assert len(second.context["page"].object_list) == 1


def test_my_signatures_lists_confirmed_and_pending_signatures_of_mine_only(
    client, make_petition, districts
):
    signer = UserFactory()
    sign(make_petition("open", title="Підтверджений"), signer, districts[0], show_name=False)
    sign(make_petition("open", title="Чекає"), signer, districts[0], confirmed=False)
    sign(make_petition("open", title="Чужий підпис"), UserFactory(), districts[0])
    client.force_login(signer)
    body = client.get(reverse("petitions:my_signatures")).content.decode()
    assert "Підтверджений" in body and "Чекає" in body
    assert "Чужий підпис" not in body


def test_the_cabinet_links_to_the_full_lists(client, make_petition, creator, districts):
    sign(make_petition("open"), creator, districts[0], is_creator=True)
    client.force_login(creator)
    body = client.get(reverse("account_cabinet")).content.decode()
    assert reverse("petitions:mine") in body and reverse("petitions:my_signatures") in body
