"""The demo city's polls (issue 16, point 7): polls for the city, a district, a building and
the professions, in every state a visitor meets, with ballots cast through the real protocol;
each published result is what its log's entries count to, recounted here from the entries
alone; and seeding again changes nothing."""

import json
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model

import pytest

from config.demo import Progress
from ledger.models import Entry
from polls import demo, protocol, sealing, selectors
from polls.demo_ballots import key_file_path, question_shapes
from polls.demo_polls import POLLS
from polls.models import Issuance, NamedVote, PendingBallot, Poll
from polls.services.keys import poll_key_private_give
from polls.services.polls import poll_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]


def polls_by_target() -> dict[str, Poll]:
    polls = {poll.title: poll for poll in Poll.objects.select_related("audience", "log")}
    return {spec.target + "|" + spec.state: polls[spec.title] for spec in POLLS}


def recount(poll: Poll) -> dict:
    """The tally of the poll's log, from its entries only: a secret ballot opened with the
    published results keys, a named vote read as it is; what fits no question is spoilt."""
    shapes = question_shapes(poll)
    counts = [Counter() for _shape in shapes]
    spoilt, ballots = 0, 0
    for data in Entry.objects.filter(log=poll.log).order_by("index").values_list("data", flat=True):
        ballots += 1
        if poll.is_secret:
            ballot = protocol.ballot_parse(bytes(data))
            plaintext = sealing.open_layers(
                selectors.results_private_keys_published(poll), ballot.enc, ballot.ct, poll.pk
            )
            answers = protocol.answers_from_plaintext(plaintext, shapes)
        else:
            answers = json.loads(bytes(data))["answers"]
        if answers is None:
            spoilt += 1
            continue
        for counter, answer in zip(counts, answers, strict=True):
            counter.update(answer)
    return {"ballots": ballots, "spoilt": spoilt, "counts": counts}


def test_every_target_has_its_polls_in_the_states_the_demo_promises():
    polls = polls_by_target()
    states = {key.split("|")[1] for key in polls}
    assert states == {"scheduled", "open", "closed", "published"}
    targets = {key.split("|")[0].split(":")[0] for key in polls}
    assert targets == {"city", "district", "building", "professions"}
    for key, poll in polls.items():
        assert poll.state == key.split("|")[1], key
        assert poll.questions.exists()


def test_scheduled_polls_have_no_votes_and_open_ones_have_ballots():
    for key, poll in polls_by_target().items():
        if poll.state == Poll.State.SCHEDULED:
            assert poll.ballots_received == 0 and poll.eligible_count is None, key
        else:
            assert poll.eligible_count and poll.ballots_received > 0, key
            assert poll.ballots_received <= poll.eligible_count, key


def test_an_open_secret_poll_has_appended_batches_and_a_pending_one():
    poll = polls_by_target()["district:tsentralnyi|open"]
    assert poll.is_secret and poll.creator_kind == "deputy"
    pending = PendingBallot.objects.filter(poll=poll).count()
    assert pending > 0
    assert Entry.objects.filter(log=poll.log).count() + pending == poll.ballots_received
    assert Issuance.objects.filter(poll=poll).count() == poll.credentials_issued
    assert poll.credentials_issued == poll.ballots_received


def test_a_small_buildings_poll_is_an_open_vote_by_its_board():
    poll = polls_by_target()["building:вул. Садова, 7|open"]
    assert poll.eligible_count < 20
    assert not poll.is_secret and not poll.log.is_public
    assert poll.creator_kind == "board" and poll.organization.slug == "osbb-sadova-7"
    assert NamedVote.objects.filter(poll=poll).count() == poll.ballots_received > 0


PUBLISHED = ["city", "district:sobornyi", "building:бульв. Шевченка, 15"]


@pytest.mark.parametrize("key", [f"{target}|published" for target in PUBLISHED])
def test_a_published_result_is_what_its_log_counts_to(key):
    poll = polls_by_target()[key]
    counted = recount(poll)
    assert poll.results["ballots"] == counted["ballots"] == poll.ballots_received
    assert poll.results["spoilt"] == counted["spoilt"] == poll.spoilt_count
    assert not PendingBallot.objects.filter(poll=poll).exists()
    for question, counter in zip(poll.results["questions"], counted["counts"], strict=True):
        if question["kind"] == "scale":
            assert question["counts"] == [counter[value] for value in protocol.SCALE_VALUES]
        else:
            assert question["counts"] == [counter[i] for i in range(len(question["counts"]))]


def test_the_city_poll_lists_its_spoilt_ballots_and_publishes_its_two_holders_keys():
    poll = polls_by_target()["city|published"]
    assert poll.is_secret and len(selectors.results_private_keys_published(poll)) == 2
    assert poll.results["spoilt"] == 3
    assert len(poll.results["spoilt_indices"]) == 3


def test_the_ballots_stay_within_the_budget_of_the_setting(settings):
    secret = Poll.objects.filter(secrecy=Poll.Secrecy.SECRET)
    assert 0 < sum(poll.ballots_received for poll in secret) <= settings.DEMO_POLL_BALLOTS


def test_the_deputy_may_create_polls_for_the_central_district():
    deputy = get_user_model().objects.get(email=demo.DEPUTY_EMAIL)
    assert deputy.is_staff and deputy.groups.filter(name="Deputies").exists()
    assert list(deputy.poll_scopes.values_list("district__slug", flat=True)) == ["tsentralnyi"]


def test_seeding_again_changes_nothing():
    before = list(Poll.objects.order_by("pk").values_list("pk", "state", "ballots_received"))
    entries = Entry.objects.count()
    demo.seed(progress=Progress(stream=None, enabled=False))
    after = list(Poll.objects.order_by("pk").values_list("pk", "state", "ballots_received"))
    assert after == before
    assert Entry.objects.count() == entries


def test_polls_whose_description_cites_documents_have_them_attached():
    poll = polls_by_target()["city|published"]
    (attached,) = poll.documents.select_related("document")
    assert attached.title == "Кошториси проєктів бюджету участі 2026"
    with attached.document.file.open("rb") as handle:
        assert "Укриття в школах" in handle.read().decode("utf-8-sig")


def test_the_closed_poll_waits_for_its_key_holders_whose_files_publish_it(settings):
    poll = polls_by_target()["district:sobornyi|closed"]
    assert poll.is_secret and poll.results is None and poll.ballots_received > 0
    holders = list(poll.key_holders.select_related("user").order_by("position"))
    assert [h.user.email for h in holders] == [demo.EDITOR_EMAIL, demo.DEPUTY_EMAIL]
    assert all(h.public_key is not None and h.private_key is None for h in holders)
    for holder in holders:
        path = key_file_path(holder)
        key_file = json.loads(path.read_text())
        assert path.parent == Path(settings.DEMO_KEYS_DIR)
        assert (key_file["poll"], key_file["position"]) == (poll.pk, holder.position)
        assert protocol.b64url_decode(key_file["public_key"]) == bytes(holder.public_key)
        poll_key_private_give(
            poll=poll,
            user=holder.user,
            private_key=protocol.b64url_decode(key_file["private_key"]),
        )
    poll = poll_publish(poll=poll)
    assert poll.results["ballots"] == recount(poll)["ballots"] == poll.ballots_received
