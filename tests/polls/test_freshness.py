"""Poll pages from the shared cache: a change of state shows at once, a vote within the
refresh (voting, like signing, is a hot path that forgets no page), and the open data too."""

import re
import time

from django.test import Client
from django.urls import reverse

import pytest

from config.sharedpages import TIMEOUT
from polls import blind_rsa
from polls.services.ballots import ballot_submit
from tests.polls.factories import poll_advance, poll_with_voters, secret_ballot

pytestmark = pytest.mark.django_db

BALLOTS = re.compile(r"Бюлетенів: (\d+)")  # the turnout line, in Ukrainian, the default


@pytest.fixture(scope="module")
def credential_key():
    return blind_rsa.key_generate()


@pytest.fixture(autouse=True)
def _small_polls(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)


@pytest.fixture(autouse=True)
def _city_settings_made(db):
    """The layout makes the city's settings row on the first render of a fresh database; that
    save moves the content generation, as any edit would. Made first, it does not disturb
    what the tests watch."""
    from wagtail.models import Site

    from config.models import CitySettings

    CitySettings.for_site(Site.objects.get(is_default_site=True))


RESULTS = "Результати запитання"  # the caption of each question's table of results


def ballots_on(page: str) -> int:
    return int(BALLOTS.search(page).group(1))


def test_a_poll_page_is_kept_and_its_published_results_show_at_once(
    django_assert_num_queries,
):
    poll, voters = poll_with_voters(voters=4, state="open")
    url = reverse("polls:detail", args=[poll.slug])
    assert RESULTS not in Client().get(url).content.decode()
    with django_assert_num_queries(0):  # the second visitor is served the kept page
        assert Client().get(url).status_code == 200

    poll = poll_advance(poll, "published")

    page = Client().get(url).content.decode()
    assert RESULTS in page


def test_a_ballot_shows_in_the_turnout_within_the_refresh(monkeypatch):
    poll, voters = poll_with_voters(voters=4, state="open")
    url = reverse("polls:detail", args=[poll.slug])
    assert ballots_on(Client().get(url).content.decode()) == 0

    ballot = secret_ballot(poll, voters[0], [[0]])
    ballot_submit(poll=poll, **ballot.submission)

    assert ballots_on(Client().get(url).content.decode()) == 0  # the kept page, as signing
    later = time.time() + TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert ballots_on(Client().get(url).content.decode()) == 1


def test_the_bundle_follows_a_change_of_state_at_once():
    poll, voters = poll_with_voters(voters=4, state="open")
    url = reverse("polls_data:bundle", args=[poll.pk])
    assert Client().get(url).json()["results_private_keys"] is None

    poll_advance(poll, "published")

    assert Client().get(url).json()["results_private_keys"] is not None
