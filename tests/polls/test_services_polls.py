"""A poll's life through its services: creation with its own keys, who may create it,
scheduling, opening (the frozen count, the emails), closing, publication and the tick."""

import io
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

import pytest

from config.keys import SealedKeyError, key_open
from ledger.access import can_read
from ledger.models import TreeHead
from polls import blind_rsa, selectors
from polls.errors import PollError
from polls.models import Issuance, Poll, PollCreatorScope
from polls.services.ballots import ballot_submit
from polls.services.polls import (
    poll_close,
    poll_create,
    poll_open,
    poll_publish,
    poll_schedule,
    poll_update,
    polls_tick,
)
from profiles.models import Membership, NotificationSetting
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.polls.factories import (
    DEFAULT_QUESTIONS,
    holder_keys_give,
    holder_private_keys,
    poll_advance,
    poll_for,
    poll_with_voters,
    residents_of,
    secret_ballot,
)
from tests.profiles.factories import member
from tests.residents.factories import (
    AssociationFactory,
    DistrictFactory,
    building_resident,
    building_with_units,
)

pytestmark = pytest.mark.django_db


def _create(creator, audience, **changes):
    now = timezone.now()
    fields = {
        "creator": creator,
        "title": "Сквер на Садовій",
        "summary": "Що зробити зі сквером.",
        "description": "",
        "audience": audience,
        "opens_at": now + timedelta(days=1),
        "closes_at": now + timedelta(days=8),
        "secrecy": "secret",
        "questions": DEFAULT_QUESTIONS,
        "creator_kind": "editor",
    }
    fields.update(changes)
    return poll_create(**fields)


def test_a_new_poll_has_its_own_credential_key_and_its_creator_as_key_holder(editor):
    district = DistrictFactory()
    residents_of(district, 20)
    first = _create(editor, audience_create(districts=[district]))
    second = _create(editor, audience_create(districts=[district]))
    assert first.state == Poll.State.DRAFT and first.secrecy == Poll.Secrecy.SECRET
    assert bytes(first.credential_public_key) != bytes(second.credential_public_key)
    # The server makes no results key: the creator's browser will.
    (holder,) = first.key_holders.all()
    assert (holder.position, holder.user) == (1, editor)
    assert holder.public_key is None and holder.private_key is None
    private = blind_rsa.private_key_from_der(
        key_open(
            sealed=bytes(first.credential_sealed_private_key),
            purpose=first.credential_key_purpose(),
        )
    )
    assert private.key_size == 3072
    assert blind_rsa.public_key_spki(private.public_key()) == bytes(first.credential_public_key)
    with pytest.raises(SealedKeyError):
        key_open(
            sealed=bytes(first.credential_sealed_private_key),
            purpose=second.credential_key_purpose(),
        )
    assert first.log.purpose == "poll" and first.log.is_public
    assert [q.kind for q in first.questions.order_by("position")] == ["single", "multiple", "scale"]


def test_an_audience_under_twenty_can_only_have_an_open_vote(editor):
    district = DistrictFactory()
    residents_of(district, 19)
    poll = _create(editor, audience_create(districts=[district]), secrecy="secret")
    assert poll.secrecy == Poll.Secrecy.OPEN
    assert not poll.log.is_public


def test_a_resident_may_not_create_a_poll():
    district = DistrictFactory()
    resident = residents_of(district, 1)[0]
    with pytest.raises(PollError) as refused:
        _create(resident, audience_create(districts=[district]))
    assert refused.value.code == "not_allowed"
    assert not Poll.objects.exists()


@pytest.mark.parametrize(
    "questions",
    [
        [],
        [{"text": "?", "kind": "single", "options": ["Одна"]}],
        [{"text": "?", "kind": "single", "options": ["Так", "Так"]}],
        [{"text": "?", "kind": "multiple", "max_choices": 3, "options": ["А", "Б"]}],
        [{"text": "?", "kind": "scale", "options": ["1"]}],
        [{"text": "?", "kind": "ranking", "options": ["А", "Б"]}],
    ],
)
def test_questions_a_ballot_could_not_fit_are_refused(editor, questions):
    audience = audience_create(districts=[DistrictFactory()])
    with pytest.raises(PollError) as refused:
        _create(editor, audience, questions=questions)
    assert refused.value.code == "bad_questions"


def test_a_poll_must_close_after_it_opens(editor):
    audience = audience_create(districts=[DistrictFactory()])
    now = timezone.now()
    with pytest.raises(PollError) as refused:
        _create(editor, audience, opens_at=now, closes_at=now)
    assert refused.value.code == "bad_times"


def test_a_municipal_body_creates_polls_only_within_its_districts():
    podil, obolon = DistrictFactory(), DistrictFactory()
    body = UserFactory(is_staff=True)
    body.groups.add(Group.objects.get_or_create(name="Municipal bodies")[0])
    PollCreatorScope.objects.create(user=body, district=podil)
    own = _create(body, audience_create(districts=[podil]), creator_kind="body", district=podil)
    assert own.creator_kind == "body"
    for audience in (
        audience_create(districts=[obolon]),
        audience_create(districts=[podil, obolon]),
        audience_create(whole_city=True),
    ):
        with pytest.raises(PollError) as refused:
            _create(body, audience, creator_kind="body")
        assert refused.value.code == "not_allowed"
    with pytest.raises(PollError):
        _create(body, audience_create(districts=[podil]), creator_kind="deputy")


def test_an_association_board_creates_polls_for_its_own_building_only():
    district = DistrictFactory()
    association = AssociationFactory()
    own = building_with_units(district=district, association=association)
    other = building_with_units(district=district, association=AssociationFactory())
    admin = UserFactory()
    member(association, admin, Membership.Role.ADMIN)
    poll = _create(
        admin,
        audience_create(buildings=[own]),
        creator_kind="board",
        organization=association,
    )
    assert poll.organization == association
    for audience in (audience_create(buildings=[other]), audience_create(districts=[district])):
        with pytest.raises(PollError):
            _create(admin, audience, creator_kind="board", organization=association)
    plain_member = UserFactory()
    member(association, plain_member, Membership.Role.MEMBER)
    with pytest.raises(PollError):
        _create(
            plain_member,
            audience_create(buildings=[own]),
            creator_kind="board",
            organization=association,
        )


def test_only_a_draft_can_be_changed(editor):
    poll = poll_for(audience=audience_create(districts=[DistrictFactory()]), creator=editor)
    poll = poll_update(poll=poll, actor=editor, title="Інша назва")
    assert poll.title == "Інша назва"
    poll_schedule(poll=poll, actor=editor)
    with pytest.raises(PollError) as refused:
        poll_update(poll=poll, actor=editor, title="Ще інша")
    assert refused.value.code == "not_draft"


def test_a_stranger_cannot_schedule_someone_elses_poll(editor):
    poll = poll_for(audience=audience_create(districts=[DistrictFactory()]), creator=editor)
    with pytest.raises(PollError):
        poll_schedule(poll=poll, actor=UserFactory())
    poll.refresh_from_db()
    assert poll.state == Poll.State.DRAFT


def test_a_draft_cannot_open_and_a_poll_opens_only_when_due(editor):
    now = timezone.now()
    poll = poll_for(audience=audience_create(districts=[DistrictFactory()]), creator=editor)
    with pytest.raises(PollError) as refused:
        poll_open(poll=poll, now=now)
    assert refused.value.code == "illegal_transition"
    poll_schedule(poll=poll, actor=editor)
    with pytest.raises(PollError) as refused:
        poll_open(poll=poll, now=poll.opens_at - timedelta(seconds=1))
    assert refused.value.code == "not_due"


def test_opening_freezes_the_count_of_the_eligible():
    poll, voters = poll_with_voters(voters=21, state="scheduled")
    poll = poll_open(poll=poll, now=poll.opens_at)
    assert poll.state == Poll.State.OPEN and poll.eligible_count == 21
    poll.audience.refresh_from_db()
    assert poll.audience.frozen_count == 21 and poll.audience.frozen_at is not None
    residents_of(poll.audience.districts.get(), 1)
    poll.refresh_from_db()
    assert poll.eligible_count == 21


def test_an_audience_that_shrank_under_twenty_opens_as_an_open_vote():
    poll, voters = poll_with_voters(voters=20, state="scheduled")
    assert poll.secrecy == Poll.Secrecy.SECRET
    voters[0].is_active = False
    voters[0].save()
    poll = poll_open(poll=poll, now=poll.opens_at)
    assert poll.secrecy == Poll.Secrecy.OPEN
    poll.log.refresh_from_db()
    assert not poll.log.is_public


def test_opening_emails_the_eligible_who_want_it(django_capture_on_commit_callbacks):
    poll, voters = poll_with_voters(voters=20, state="scheduled")
    NotificationSetting.objects.create(user=voters[0], kind="polls.opened", wanted=False)
    outsider = residents_of(DistrictFactory(), 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        poll_open(poll=poll, now=poll.opens_at)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(voter.email for voter in voters[1:])
    assert outsider.email not in recipients
    assert poll.title in mail.outbox[0].subject
    assert f"/polls/{poll.slug}/" in mail.outbox[0].body


def test_closing_before_its_time_is_refused(open_secret_poll):
    poll, _voters = open_secret_poll
    with pytest.raises(PollError) as refused:
        poll_close(poll=poll, now=poll.closes_at - timedelta(seconds=1))
    assert refused.value.code == "not_due"


def test_closing_appends_the_last_batch_and_publishing_reveals_the_results_keys(
    open_secret_poll,
):
    poll, voters = open_secret_poll
    choices = ([[0], [0, 1], [5]], [[1], [2], [4]], [[0], [1], [5]])
    for voter, answers in zip(voters[:3], choices, strict=True):
        ballot_submit(poll=poll, **secret_ballot(poll, voter, answers).submission)
    late = secret_ballot(poll, voters[3], [[0], [0], [1]])
    poll = poll_close(poll=poll, now=poll.closes_at)
    assert poll.state == Poll.State.CLOSED and poll.log.size == 3
    assert poll.results is None and poll.spoilt_count == 0
    assert poll.key_holders.get().private_key is None
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **late.submission)
    assert refused.value.code == "not_open"
    holder_keys_give(poll)
    poll = poll_publish(poll=poll)
    assert poll.state == Poll.State.PUBLISHED
    assert poll.results["ballots"] == 3 and poll.results["spoilt"] == 0
    assert poll.results["questions"][0]["counts"] == [2, 1]
    assert poll.results["questions"][1]["counts"] == [1, 2, 1]
    assert poll.results["questions"][2] == {
        "kind": "scale",
        "counts": [0, 0, 0, 1, 2],
        "mean": 4.67,
    }
    assert selectors.results_private_keys_published(poll) == holder_private_keys(poll)


def test_the_tick_opens_batches_closes_and_publishes_what_is_due():
    now = timezone.now()
    poll, voters = poll_with_voters(voters=20, state="scheduled")
    assert polls_tick(now=now)["opened"] == 1
    poll.refresh_from_db()
    assert poll.state == Poll.State.OPEN
    ballot_submit(poll=poll, **secret_ballot(poll, voters[0], [[0], [1], [3]]).submission)
    # The log's head is old (signed when the poll was made), but the poll opened just now:
    # its first voters wait for a batch period too, rather than make a batch of one.
    TreeHead.objects.filter(log=poll.log).update(timestamp=F("timestamp") - 3_600_000)
    soon = polls_tick(now=now + timedelta(minutes=1))
    assert soon["ballots_appended"] == 0
    later = polls_tick(now=now + timedelta(minutes=6))
    assert later["batches"] == 1 and later["ballots_appended"] == 1
    done = polls_tick(now=poll.closes_at)
    # Closed, but not counted: that waits for the key holder, without a refusal each minute.
    assert done["closed"] == 1 and done["published"] == 0 and done["refused"] == 0
    holder_keys_give(poll)
    done = polls_tick(now=poll.closes_at + timedelta(minutes=1))
    assert done["published"] == 1
    poll.refresh_from_db()
    assert poll.state == Poll.State.PUBLISHED and poll.results["ballots"] == 1


def test_the_tick_cuts_peoples_links_a_year_after_the_close(open_secret_poll):
    poll, voters = open_secret_poll
    ballot_submit(poll=poll, **secret_ballot(poll, voters[0], [[0], [1], [3]]).submission)
    poll = poll_advance(poll, "published")
    polls_tick(now=poll.closed_at + timedelta(days=364))
    assert Issuance.objects.filter(poll=poll, user=voters[0]).exists()
    summary = polls_tick(now=poll.closed_at + timedelta(days=366))
    assert summary["links_cut"] == 1
    assert Issuance.objects.filter(poll=poll).count() == 1
    assert not Issuance.objects.filter(poll=poll, user__isnull=False).exists()


def test_the_restricted_log_of_an_open_vote_is_read_by_its_audience_and_staff(open_named_poll):
    poll, voters = open_named_poll
    outsider = residents_of(DistrictFactory(), 1)[0]
    staff = UserFactory(is_staff=True)
    assert can_read(poll.log, voters[0])
    assert can_read(poll.log, staff)
    assert not can_read(poll.log, outsider)
    assert not can_read(poll.log, AnonymousUser())


def test_a_building_poll_reaches_that_buildings_residents():
    district = DistrictFactory()
    building = building_with_units(district=district)
    inside = building_resident(building)
    poll = poll_for(audience=audience_create(buildings=[building]), state="open")
    assert poll.eligible_count == 1 and poll.secrecy == Poll.Secrecy.OPEN
    assert can_read(poll.log, inside)


def test_the_tick_command_prints_what_it_did():
    poll, _voters = poll_with_voters(voters=20, state="scheduled")
    out = io.StringIO()
    call_command("polls_tick", stdout=out)
    assert f"opened: {poll.slug}" in out.getvalue()
    assert "Opened: 1." in out.getvalue()


def test_a_manager_may_open_early_but_nobody_closes_early(editor):
    now = timezone.now()
    poll = poll_for(
        audience=audience_create(districts=[DistrictFactory()]), creator=editor, now=now
    )
    poll = poll_schedule(poll=poll, actor=editor)
    with pytest.raises(PollError) as refused:
        poll_open(poll=poll, now=poll.opens_at - timedelta(minutes=5), actor=UserFactory())
    assert refused.value.code == "not_allowed"
    early = poll.opens_at - timedelta(minutes=5)
    poll = poll_open(poll=poll, now=early, actor=editor)
    assert poll.state == Poll.State.OPEN and poll.opens_at == early
    with pytest.raises(PollError) as refused:
        poll_close(poll=poll, now=poll.closes_at - timedelta(minutes=1), actor=editor)
    assert refused.value.code == "not_due"
