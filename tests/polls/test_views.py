"""The poll pages: who sees what in each state, the vote page for each kind of person, the
open poll's form vote, and the credential endpoint's answers to good and hostile requests."""

import json
import secrets

from django.urls import reverse

import pytest

from polls import blind_rsa, protocol
from polls.models import Issuance, NamedVote, Poll
from tests.factories import UserFactory
from tests.polls.factories import poll_advance, poll_with_voters

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def credential_key():
    """One RSA-3072 key for the module's polls: generating one costs seconds."""
    return blind_rsa.key_generate()


@pytest.fixture(autouse=True)
def _small_polls(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)


def blinded_for(poll: Poll) -> tuple[bytes, bytes, bytes]:
    """(token, blinded message, inverse), as vote.js makes them."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    token = blind_rsa.prepare(secrets.token_bytes(32))
    blinded, inverse = blind_rsa.blind(public_key, token)
    return token, blinded, inverse


def post_json(client, url, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **extra)


def test_the_list_shows_public_states_and_never_drafts(client):
    shown = {state: poll_with_voters(voters=3, state=state)[0] for state in ("open", "scheduled")}
    draft, _ = poll_with_voters(voters=3, state="draft")
    draft.title = "Чернетка, якої ніхто не бачить"
    draft.save(update_fields=["title"])

    page = client.get(reverse("polls:index")).content.decode()

    for poll in shown.values():
        assert reverse("polls:detail", args=[poll.slug]) in page
    assert reverse("polls:detail", args=[draft.slug]) not in page


def test_a_drafts_page_and_data_are_not_found(client):
    draft, _ = poll_with_voters(voters=3, state="draft")
    assert client.get(reverse("polls:detail", args=[draft.slug])).status_code == 404
    assert client.get(reverse("polls_data:bundle", args=[draft.pk])).status_code == 404


def test_the_page_links_its_bundle_and_shows_live_turnout_without_results(client):
    poll, voters = poll_with_voters(voters=6, state="open")
    Poll.objects.filter(pk=poll.pk).update(ballots_received=2)

    response = client.get(reverse("polls:detail", args=[poll.slug]))
    page = response.content.decode()

    bundle = reverse("polls_data:bundle", args=[poll.pk])
    assert f'<link rel="alternate" type="application/json" href="{bundle}">' in page
    turnout = response.context["turnout"]
    assert (turnout["ballots"], turnout["eligible"], turnout["percent"]) == (2, 6, 33.3)
    assert str(turnout["svg"]) in page  # the bar, whose label carries both numbers
    assert "2" in str(turnout["svg"]) and "6" in str(turnout["svg"])
    assert "Results of question" not in page
    assert reverse("polls_data:results_csv", args=[poll.pk]) not in page


def test_who_may_vote_is_said_in_words_naming_places_never_people(client):
    poll, voters = poll_with_voters(voters=3, state="open")
    page = client.get(reverse("polls:detail", args=[poll.slug])).content.decode()
    district = poll.audience.districts.get()
    assert district.name in page
    for voter in voters:
        assert voter.email not in page
        assert str(voter.display_name) not in page


def test_a_published_poll_shows_a_chart_and_a_table_per_question(client):
    poll, _ = poll_with_voters(voters=3, state="closed")
    poll = poll_advance(poll, "published")
    Poll.objects.filter(pk=poll.pk).update(
        results={
            "ballots": 7,
            "spoilt": 1,
            "spoilt_indices": [3],
            "questions": [
                {"kind": "single", "counts": [4, 2]},
                {"kind": "multiple", "counts": [3, 5, 1]},
                {"kind": "scale", "counts": [0, 1, 2, 2, 1], "mean": 3.5},
            ],
        }
    )

    page = client.get(reverse("polls:detail", args=[poll.slug])).content.decode()

    assert page.count('aria-labelledby="result-') == 3  # one SVG chart per question
    assert page.count("<table>") == 3
    assert '<th scope="row">Біля школи</th><td>4</td>' in page
    assert '<th scope="row">Дитячий майданчик</th><td>1</td>' in page
    assert reverse("polls_data:results_csv", args=[poll.pk]) in page
    assert "3,50" in page or "3.50" in page


def test_the_vote_page_asks_an_anonymous_visitor_to_sign_in(client):
    poll, _ = poll_with_voters(voters=3, state="open")
    response = client.get(reverse("polls:vote", args=[poll.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_eligible_resident_gets_the_secret_ballot_form_with_its_keys(client):
    poll, voters = poll_with_voters(voters=3, state="open")
    client.force_login(voters[0])

    response = client.get(reverse("polls:vote", args=[poll.slug]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "<noscript>" in page
    assert '<form id="poll-vote-form"' in page
    assert page.count("<fieldset") == 3 and page.count("<legend>") == 3
    data = response.context["vote_data"]
    assert data["credential_public_key"] == protocol.b64url(bytes(poll.credential_public_key))
    assert data["ballot_info"] == protocol.ballot_info(poll.pk).decode()
    assert data["ballots_url"] == reverse("polls_data:ballots", args=[poll.pk])
    assert 'id="poll-vote-data"' in page


def test_the_cast_delay_comes_from_the_setting(client, settings):
    settings.POLL_CAST_DELAY_SECONDS = (7, 9)
    poll, voters = poll_with_voters(voters=3, state="open")
    client.force_login(voters[0])
    response = client.get(reverse("polls:vote", args=[poll.slug]))
    assert response.context["vote_data"]["delay"] == [7, 9]


def test_a_person_outside_the_audience_sees_why_and_no_form(client):
    poll, _ = poll_with_voters(voters=3, state="open")
    client.force_login(UserFactory())
    page = client.get(reverse("polls:vote", args=[poll.slug])).content.decode()
    assert "poll-vote-form" not in page
    assert poll.audience.districts.get().name in page


def test_a_closed_poll_takes_no_more_votes(client):
    poll, voters = poll_with_voters(voters=3, state="closed")
    client.force_login(voters[0])
    page = client.get(reverse("polls:vote", args=[poll.slug])).content.decode()
    assert "poll-vote-form" not in page


def test_an_open_poll_records_a_form_vote(client):
    poll, voters = poll_with_voters(voters=3, secrecy="open", state="open")
    client.force_login(voters[0])

    response = client.post(
        reverse("polls:vote", args=[poll.slug]), {"q0": "1", "q1": ["0", "2"], "q2": "4"}
    )

    assert response.status_code == 302
    assert NamedVote.objects.filter(poll=poll, user=voters[0]).exists()
    poll.refresh_from_db()
    assert poll.ballots_received == 1


def test_a_form_vote_over_the_limit_is_refused_and_changes_nothing(client):
    poll, voters = poll_with_voters(voters=3, secrecy="open", state="open")
    client.force_login(voters[0])

    response = client.post(
        reverse("polls:vote", args=[poll.slug]), {"q0": "1", "q1": ["0", "1", "2"], "q2": "4"}
    )

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not NamedVote.objects.filter(poll=poll).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"q0": "9", "q1": ["0"], "q2": "3"},
        {"q0": "x", "q1": ["0"], "q2": "3"},
        {"q0": "0", "q1": ["0"], "q2": "6"},
        {"q0": "0", "q1": ["0"], "q2": "9" * 5000},
        {"q0": "0"},
    ],
)
def test_hostile_form_values_are_refused_without_a_500(client, data):
    poll, voters = poll_with_voters(voters=3, secrecy="open", state="open")
    client.force_login(voters[0])
    response = client.post(reverse("polls:vote", args=[poll.slug]), data)
    assert response.status_code == 400
    assert not NamedVote.objects.filter(poll=poll).exists()


def test_posting_the_form_of_a_secret_poll_records_nothing(client):
    poll, voters = poll_with_voters(voters=3, state="open")
    client.force_login(voters[0])
    response = client.post(
        reverse("polls:vote", args=[poll.slug]), {"q0": "1", "q1": ["0"], "q2": "4"}
    )
    assert response.status_code == 302
    assert not Issuance.objects.filter(poll=poll).exists()
    assert Poll.objects.get(pk=poll.pk).ballots_received == 0


def test_an_eligible_resident_receives_one_credential_that_verifies(client):
    poll, voters = poll_with_voters(voters=3, state="open")
    client.force_login(voters[0])
    token, blinded, inverse = blinded_for(poll)
    url = reverse("polls:credential", args=[poll.slug])

    response = post_json(client, url, {"blinded": protocol.b64url(blinded)})

    assert response.status_code == 200
    answer = response.json()
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    blind_signature = protocol.b64url_decode(answer["blind_signature"])
    signature = blind_rsa.finalize(public_key, token, blind_signature, inverse)
    blind_rsa.verify(public_key, token, signature)
    issuance = Issuance.objects.get(poll=poll, user=voters[0])
    assert answer["roll_hash"] == protocol.roll_hash(
        poll_id=poll.pk, secret=bytes(issuance.roll_secret)
    )

    again = post_json(client, url, {"blinded": protocol.b64url(blinded_for(poll)[1])})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_issued"
    assert Issuance.objects.filter(poll=poll).count() == 1


def test_a_credential_needs_a_signed_in_eligible_person_and_an_open_poll(client):
    poll, voters = poll_with_voters(voters=3, state="open")
    url = reverse("polls:credential", args=[poll.slug])
    body = {"blinded": protocol.b64url(blinded_for(poll)[1])}

    assert post_json(client, url, body).status_code == 403
    client.force_login(UserFactory())
    assert post_json(client, url, body).json()["error"]["code"] == "not_eligible"
    closed, closed_voters = poll_with_voters(voters=3, state="closed")
    client.force_login(closed_voters[0])
    response = post_json(client, reverse("polls:credential", args=[closed.slug]), body)
    assert response.status_code == 409
    assert not Issuance.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "not_json"),
        ("[1, 2]", 400, "not_an_object"),
        ({}, 400, "missing"),
        ({"blinded": 12}, 400, "missing"),
        ({"blinded": "a+b/c=="}, 400, "not_base64url"),
        ({"blinded": "AAAA"}, 400, "bad_blinded"),
        ({"blinded": "A" * 20_000}, 413, "too_large"),
        (b"\xff\xfe", 400, "not_json"),
    ],
)
def test_a_malformed_credential_request_is_refused_clearly(client, body, status, code):
    poll, voters = poll_with_voters(voters=3, state="open")
    client.force_login(voters[0])
    response = post_json(client, reverse("polls:credential", args=[poll.slug]), body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert not Issuance.objects.exists()


def test_the_credential_endpoint_checks_the_csrf_token(client):
    from django.test import Client

    poll, voters = poll_with_voters(voters=3, state="open")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(voters[0])
    body = {"blinded": protocol.b64url(blinded_for(poll)[1])}
    response = post_json(strict, reverse("polls:credential", args=[poll.slug]), body)
    assert response.status_code == 403
    assert not Issuance.objects.exists()


def test_unknown_and_hostile_slugs_are_not_found(client):
    assert client.get("/polls/no-such-poll/").status_code == 404
    assert client.get("/polls/" + "x" * 5000 + "/").status_code == 404
    assert client.get("/polls/%00/vote/").status_code in (400, 404)


def test_the_verify_page_carries_the_log_addresses(client):
    poll, _ = poll_with_voters(voters=3, state="open")
    response = client.get(reverse("polls:verify", args=[poll.slug]))
    data = response.context["verify_data"]
    assert data["inclusion_url"] == reverse("ledger:inclusion", args=[poll.log_id])
    assert data["bundle_url"] == reverse("polls_data:bundle", args=[poll.pk])
    assert "<noscript>" in response.content.decode()


def test_index_paging_survives_junk(client):
    for page in ("0", "-1", "abc", "9" * 400):
        assert client.get(reverse("polls:index"), {"page": page}).status_code == 200


def test_credentials_by_district_hide_groups_under_five(client):
    from residents.services.audiences import audience_create
    from tests.polls.factories import poll_for, residents_of
    from tests.residents.factories import DistrictFactory

    big, small = DistrictFactory(), DistrictFactory()
    people = residents_of(big, 7) + residents_of(small, 2)
    poll = poll_for(audience=audience_create(districts=[big, small]), state="open")
    for person in people:
        Issuance.objects.create(poll=poll, user=person, roll_secret=secrets.token_bytes(16))
    Poll.objects.filter(pk=poll.pk).update(credentials_issued=len(people))

    response = client.get(reverse("polls:detail", args=[poll.slug]))

    (big_name, big_cell), (small_name, small_cell), (_unplaced, unplaced_cell) = response.context[
        "by_area"
    ].rows
    assert (big_name, small_name) == (big.name, small.name)
    assert small_cell.suppressed
    assert big_cell.suppressed  # its complement: 9 − 7 would give the small one away
    assert unplaced_cell.count == 0
    page = response.content.decode()
    assert ">7<" not in page and ">2<" not in page


def test_a_single_area_audience_has_no_breakdown(client):
    poll, _voters = poll_with_voters(voters=6, state="open")
    response = client.get(reverse("polls:detail", args=[poll.slug]))
    assert response.context["by_area"] is None
