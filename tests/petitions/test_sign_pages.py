"""The signing pages by number (`sign/<id>/`, `sign/<id>/sent/`) show public petitions only,
under their public title; petitions gathering support are reached through the share link."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from petitions import services
from petitions.models import Signature
from petitions.states import PUBLIC_STATES, State
from petitions.tokens import support_token

TITLE = "Облаштувати пішохідний перехід біля школи"


def english(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def sign_pages(petition) -> list[str]:
    return [
        english("petitions:sign", petition_id=petition.pk),
        english("petitions:sign_sent", petition_id=petition.pk),
    ]


@pytest.mark.parametrize("state", State.values)
def test_walking_the_signing_pages_by_number_finds_only_public_petitions(
    client, make_petition, state
):
    petition = make_petition(state, title=TITLE)

    for url in sign_pages(petition):
        response = client.get(url)
        if state in PUBLIC_STATES:
            assert response.status_code == 200, url
            assert TITLE in response.content.decode()
        else:
            assert response.status_code == 404, url
            page = response.content.decode()
            assert TITLE not in page
            assert support_token(petition.pk) not in page


@pytest.mark.parametrize("reason", ["offensive", "defamatory", "personal_data"])
def test_the_signing_pages_of_a_petition_rejected_for_its_text_show_only_its_number(
    client, make_petition, reason
):
    petition = make_petition("rejected", title="Образлива назва", rejection_reason=reason)

    for url in sign_pages(petition):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert "Образлива назва" not in page
        assert f"Petition {petition.pk}" in page


def test_a_petition_gathering_support_published_as_a_page_is_still_not_signable_by_number(
    client, make_petition, districts
):
    """Its page being live (an editor's publish in the page explorer, say) does not make it
    public: the state does."""
    petition = make_petition("gathering_support", title=TITLE)
    petition.save_revision().publish()
    data = {"name": "Анна", "email": "anna@example.org", "district": districts[0].pk}

    assert client.get(english("petitions:sign", petition_id=petition.pk)).status_code == 404
    assert client.post(english("petitions:sign", petition_id=petition.pk), data).status_code == 404
    assert not Signature.objects.exists()


def test_a_supporter_who_signs_through_the_share_link_is_thanked_at_the_share_link(
    client, make_petition, districts
):
    petition = make_petition("gathering_support", title=TITLE)
    token = support_token(petition.pk)
    data = {"name": "Анна", "email": "anna@example.org", "district": districts[0].pk}

    response = client.post(english("petitions:sign_support", token=token), data)

    assert response.status_code == 302
    assert response["Location"] == english("petitions:sign_support_sent", token=token)
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and TITLE in thanks.content.decode()


def test_the_share_links_thank_you_page_needs_a_valid_link(client, make_petition):
    petition = make_petition("gathering_support", title=TITLE)
    forged = support_token(petition.pk)[:-2] + "xx"

    assert client.get(english("petitions:sign_support_sent", token=forged)).status_code == 404


def test_a_cached_sign_form_is_not_served_once_the_petition_is_hidden(open_petition, moderator):
    url = english("petitions:sign", petition_id=open_petition.pk)
    first, second = Client(), Client()
    assert first.get(url).templates
    assert not second.get(url).templates  # the form now comes from the cache

    services.petition_hide(petition=open_petition, moderator=moderator, note="Заклики.")

    response = Client().get(url)
    assert response.status_code == 404
    assert open_petition.title not in response.content.decode()


def test_a_cached_sign_form_is_not_served_once_the_petition_leaves_the_public_states(
    open_petition,
):
    """However the state changes (conditional updates send no page signals), the state read
    before the cache decides."""
    from petitions.models import PetitionPage

    url = english("petitions:sign", petition_id=open_petition.pk)
    Client().get(url)
    assert not Client().get(url).templates

    PetitionPage.objects.filter(pk=open_petition.pk).update(state=State.HIDDEN)

    response = Client().get(url)
    assert response.status_code == 404
    assert open_petition.title not in response.content.decode()
