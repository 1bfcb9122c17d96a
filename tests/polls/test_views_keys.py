"""The key holder's page (`/polls/<slug>/key/`): only a holder sees it; in a draft it takes the
public key (pasted here, as a browser without JavaScript does it), after closing the private
key; before closing it takes none; bad input is a clear message that changes nothing."""

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

import pytest

from polls import blind_rsa, protocol, sealing
from polls.models import Poll, PollKeyHolder
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.polls.factories import (
    holder_private_keys,
    poll_advance,
    poll_for,
    residents_of,
)
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def credential_key():
    return blind_rsa.key_generate()


@pytest.fixture(autouse=True)
def _small_polls(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)


@pytest.fixture
def observer(db):
    return UserFactory()


def poll_in(state: str, *, observer, keys_created=True) -> Poll:
    district = DistrictFactory()
    residents_of(district, 4)
    return poll_for(
        audience=audience_create(districts=[district]),
        key_holders=[observer],
        state=state,
        keys_created=keys_created,
    )


def key_url(poll: Poll) -> str:
    return reverse("polls:key", args=[poll.slug])


def test_only_the_polls_key_holders_see_its_key_page(client, observer):
    poll = poll_in("draft", observer=observer, keys_created=False)
    assert client.get(key_url(poll)).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(key_url(poll)).status_code == 404
    client.force_login(observer)
    page = client.get(key_url(poll))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_draft_asks_for_the_public_key_and_offers_the_command_line(client, observer):
    poll = poll_in("draft", observer=observer, keys_created=False)
    client.force_login(observer)
    page = client.get(key_url(poll)).content.decode()
    assert _("Create my results key") in page
    assert f"keygen --poll {poll.pk} --position 2" in page
    assert f"spilno-poll-{poll.pk}-results-key-2.json" in page
    assert 'name="public_key"' in page and 'name="private_key"' not in page
    assert "polls/keyholder.js" in page


def test_a_pasted_public_key_is_registered_and_a_bad_one_changes_nothing(client, observer):
    poll = poll_in("draft", observer=observer, keys_created=False)
    client.force_login(observer)
    bad = client.post(key_url(poll), {"public_key": "not a key"})
    assert bad.status_code == 400
    assert 'class="error-summary"' in bad.content.decode()
    off_curve = protocol.b64url(b"\x04" + b"\x01" * 64)
    assert client.post(key_url(poll), {"public_key": off_curve}).status_code == 400
    assert PollKeyHolder.objects.get(poll=poll, user=observer).public_key is None

    _private, public_key = sealing.key_generate()
    done = client.post(key_url(poll), {"public_key": protocol.b64url(public_key)})

    assert done.status_code == 302
    holder = PollKeyHolder.objects.get(poll=poll, user=observer)
    assert bytes(holder.public_key) == public_key and holder.private_key is None
    # While the poll is a draft a holder who lost the file may register a new key instead.
    assert 'name="public_key"' in client.get(key_url(poll)).content.decode()
    _private, new_key = sealing.key_generate()
    assert client.post(key_url(poll), {"public_key": protocol.b64url(new_key)}).status_code == 302
    assert bytes(PollKeyHolder.objects.get(poll=poll, user=observer).public_key) == new_key


def test_an_open_poll_takes_no_private_key(client, observer):
    poll = poll_in("open", observer=observer)
    client.force_login(observer)
    page = client.get(key_url(poll)).content.decode()
    assert 'name="private_key"' not in page
    assert 'name="public_key"' not in page  # the keys are fixed once the poll is scheduled
    private_key = holder_private_keys(poll)[1]
    response = client.post(key_url(poll), {"private_key": protocol.b64url(private_key)})
    assert response.status_code == 302
    assert PollKeyHolder.objects.get(poll=poll, user=observer).private_key is None


def test_after_closing_the_private_key_is_given_and_a_wrong_one_refused(client, observer):
    poll = poll_in("closed", observer=observer)
    client.force_login(observer)
    page = client.get(key_url(poll)).content.decode()
    assert 'name="private_key"' in page and 'id="poll-key-file"' in page

    wrong = client.post(key_url(poll), {"private_key": protocol.b64url(sealing.key_generate()[0])})
    assert wrong.status_code == 400
    assert _("This is not the private key of the public key you gave for this poll.") in (
        wrong.content.decode()
    )
    assert PollKeyHolder.objects.get(poll=poll, user=observer).private_key is None

    private_key = holder_private_keys(poll)[1]
    done = client.post(key_url(poll), {"private_key": protocol.b64url(private_key)})
    assert done.status_code == 302
    assert bytes(PollKeyHolder.objects.get(poll=poll, user=observer).private_key) == private_key


def test_the_key_form_needs_its_csrf_token(observer):
    poll = poll_in("draft", observer=observer, keys_created=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(observer)
    public_key = protocol.b64url(sealing.key_generate()[1])
    assert client.post(key_url(poll), {"public_key": public_key}).status_code == 403


def test_the_published_poll_says_the_key_is_published(client, observer):
    poll = poll_advance(poll_in("closed", observer=observer), "published")
    client.force_login(observer)
    page = client.get(key_url(poll)).content.decode()
    assert _("The results are published, and your key with them, so that anyone can recount.") in (
        page
    )


def test_deleting_the_account_warns_a_holder_whose_key_the_poll_still_needs(client, observer):
    poll = poll_in("closed", observer=observer)
    client.force_login(observer)
    delete_page = reverse("profiles:delete_account")

    page = client.get(delete_page).content.decode()
    assert poll.title in page and _("Before you go") in page

    private_key = holder_private_keys(poll)[1]
    client.post(key_url(poll), {"private_key": protocol.b64url(private_key)})
    page = client.get(delete_page).content.decode()
    assert poll.title not in page and _("Before you go") not in page
