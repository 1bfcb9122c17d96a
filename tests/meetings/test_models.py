"""What the database itself refuses: a vote closing before it opens, a custom rule without its
share, one active proxy per right, one email of a kind per person and meeting."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from ledger.services import log_create
from meetings.models import AgendaItem, EmailSent, Meeting, Proxy
from tests.meetings.factories import meeting_for, right_of


def test_a_meeting_cannot_close_before_it_opens(house):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            building=house.building,
            organization=house.building.association,
            title="x",
            notice_days=14,
            voting_opens_at=now,
            voting_closes_at=now - timedelta(days=1),
            log=log_create(purpose="meeting", is_public=False),
        )


def test_a_custom_rule_needs_its_share_and_other_rules_have_none(house):
    meeting = meeting_for(house)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=meeting, position=9, title="x", proposed_decision="y", rule="custom"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=meeting,
            position=9,
            title="x",
            proposed_decision="y",
            rule="majority",
            threshold_numerator=1,
            threshold_denominator=2,
        )


def test_one_active_proxy_per_right(house, voting_meeting):
    right = right_of(voting_meeting, house.owners[0])
    Proxy.objects.create(right=right, proxy_user=house.owners[1], proxy_name="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Proxy.objects.create(right=right, proxy_user=house.owners[2], proxy_name="b")


def test_an_email_of_a_kind_goes_once_per_person(house, voting_meeting):
    EmailSent.objects.create(meeting=voting_meeting, user=house.owners[0], kind="reminder_3")
    with pytest.raises(IntegrityError), transaction.atomic():
        EmailSent.objects.create(meeting=voting_meeting, user=house.owners[0], kind="reminder_3")


def test_the_log_of_a_meeting_is_restricted(voting_meeting):
    assert voting_meeting.log.is_public is False
    assert voting_meeting.log.purpose == "meeting"
    assert voting_meeting.items.first().rule == AgendaItem.Rule.MAJORITY
