"""A petition's popularity in search follows its count without a write per confirmation."""

import io

from django.core.management import call_command

import pytest

from petitions import services
from petitions.states import State
from search.selectors import search_documents
from tests.petitions.factories import SignatureFactory, petition_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def popularity() -> int:
    return search_documents(query="ліфт").hits[0].popularity


@pytest.fixture
def petition(committed, index, authority, districts):
    with committed():
        return petition_in(State.OPEN, index=index, authority=authority, title="Полагодити ліфт")


def confirm(committed, petition, district):
    signature = SignatureFactory(petition=petition, district=district)
    with committed():
        services.signature_confirm(signature_id=signature.pk)


def test_the_first_confirmation_raises_the_popularity_at_once(committed, petition, districts):
    confirm(committed, petition, districts[0])

    assert popularity() == 1


def test_a_burst_of_confirmations_refreshes_the_document_once_per_window(
    committed, petition, districts
):
    for district in districts[:3]:
        confirm(committed, petition, district)

    assert popularity() == 1


def test_the_periodic_tick_catches_up_with_the_burst(committed, petition, districts):
    for district in districts[:3]:
        confirm(committed, petition, district)

    with committed():
        call_command("petitions_tick", stdout=io.StringIO())

    assert popularity() == 3


def test_an_invalidation_lowers_the_popularity_at_once(committed, petition, districts, moderator):
    for district in districts[:2]:
        confirm(committed, petition, district)
    with committed():
        call_command("petitions_tick", stdout=io.StringIO())

    with committed():
        services.signatures_invalidate(petition=petition, moderator=moderator, domain="example.org")

    assert popularity() == 0
