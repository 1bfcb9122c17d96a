"""The demo city's polls (issue 16, point 7): polls for the city, a district, a building and
the professions, in every state a visitor meets, with ballots cast through the real protocol;
each published result is what its log's entries count to, recounted here from the entries
alone; and seeding again changes nothing."""

import json
from collections import Counter

from django.contrib.auth import get_user_model

import pytest

from config.demo import Progress
from ledger.models import Entry
from polls import demo, protocol, sealing
from polls.demo_ballots import question_shapes
from polls.demo_polls import POLLS
from polls.models import Issuance, NamedVote, PendingBallot, Poll

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]


def polls_by_target() -> dict[str, Poll]:
    polls = {poll.title: poll for poll in Poll.objects.select_related("audience", "log")}
    return {spec.target + "|" + spec.state: polls[spec.title] for spec in POLLS}


def recount(poll: Poll) -> dict:
    """The tally of the poll's log, from its entries only: a secret ballot opened with the
    published results key, a named vote read as it is; what fits no question is spoilt."""
    shapes = question_shapes(poll)
    counts = [Counter() for _shape in shapes]
    spoilt, ballots = 0, 0
    for data in Entry.objects.filter(log=poll.log).order_by("index").values_list("data", flat=True):
        ballots += 1
        if poll.is_secret:
            ballot = protocol.ballot_parse(bytes(data))
            plaintext = sealing.open(
                bytes(poll.results_private_key),
                ballot.enc,
                ballot.ct,
                protocol.ballot_info(poll.pk),
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
    assert states == {"scheduled", "open", "published"}
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


def test_the_city_poll_lists_its_spoilt_ballots_and_publishes_its_key():
    poll = polls_by_target()["city|published"]
    assert poll.is_secret and poll.results_private_key is not None
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
