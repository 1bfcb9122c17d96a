"""An initiative group of co-owners who are not the board: one starts a draft, others of the
building join, the page shows the joined share of the area against the association's
threshold, and a member convenes once it is reached (the services decide). Nobody but the
building's co-owners (and the board) sees the group."""

from datetime import timedelta
from fractions import Fraction

from django.urls import reverse
from django.utils import timezone

import pytest

from meetings import charts
from meetings.models import InitiativeMember, Meeting, MeetingSettings
from meetings.services.meetings import initiative_join, meeting_create
from tests.factories import UserFactory
from tests.meetings.factories import DEFAULT_ITEMS, house_with_coowners

WHEN = "%Y-%m-%dT%H:%M"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def house(db):
    """Units of 5, 45 and 50 m²: the first co-owner alone holds 5% of the area, under the
    default threshold of 10%."""
    return house_with_coowners(areas=("5.00", "45.00", "50.00"))


def slug_of(house) -> str:
    return house.building.association.slug


def url(name: str, house, meeting=None) -> str:
    args = [slug_of(house)] + ([meeting.pk] if meeting is not None else [])
    return reverse(f"meetings_board:{name}", args=args)


def initiative(house, by=None) -> Meeting:
    opens = timezone.now() + timedelta(days=20)
    return meeting_create(
        building=house.building,
        by=by or house.owners[0],
        title="Ініціатива: новий управитель",
        items=DEFAULT_ITEMS,
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=7),
        initiative=True,
    )


def area(m2: int) -> str:
    """How the pages write an area (the building's area is 100 m², so m² = percent)."""
    return charts.area_text(Fraction(m2))


def share(percent: int) -> str:
    return charts.percent_text(Fraction(percent, 100))


def page(response) -> str:
    return response.content.decode()


def test_a_coowner_starts_an_initiative_group_through_the_form(client, house):
    client.force_login(house.owners[0])
    assert f"at least {share(10)} of their building" in page(client.get(url("initiatives", house)))
    opens = (timezone.localtime() + timedelta(days=20)).strftime(WHEN)
    response = client.post(
        url("initiative_create", house),
        {
            "building": house.building.pk,
            "title": "Ініціатива: ворота",
            "description": "",
            "notice_days": "14",
            "voting_opens_at": opens,
            "window_days": "7",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-title": "Встановити ворота",
            "items-0-proposed_decision": "Встановити ворота у двір.",
            "items-0-rule": "majority",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("initiative", house, meeting)
    assert (meeting.state, meeting.convened_by, meeting.created_by) == (
        "draft",
        "initiative",
        house.owners[0],
    )
    assert list(meeting.initiative.values_list("user", flat=True)) == [house.owners[0].pk]


def test_the_form_offers_only_the_buildings_the_person_coowns(client, house):
    other = house_with_coowners()
    client.force_login(house.owners[0])
    html = page(client.get(url("initiative_create", house)))
    assert house.building.address in html
    assert other.building.address not in html


@pytest.mark.parametrize("who", ["stranger", "other_coowner"])
def test_people_who_coown_nothing_here_are_refused(client, house, who):
    person = UserFactory() if who == "stranger" else house_with_coowners().owners[0]
    meeting = initiative(house)
    client.force_login(person)
    assert client.get(url("initiatives", house)).status_code == 403
    assert client.get(url("initiative_create", house)).status_code == 403
    assert client.get(url("initiative", house, meeting)).status_code == 404
    assert client.post(url("initiative_join", house, meeting)).status_code == 404
    assert InitiativeMember.objects.count() == 1


def test_the_page_shows_the_joined_share_against_the_threshold(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[0])
    html = page(client.get(url("initiative", house, meeting)))
    assert f"{area(5)} m², {share(5)} of the building's area" in html
    assert f"{area(10)} m², {share(10)} of the area" in html
    assert "Not enough yet" in html
    assert url("initiative_convene", house, meeting) not in html


def test_convening_below_the_threshold_is_refused_with_the_reason(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[0])
    response = client.post(url("initiative_convene", house, meeting), follow=True)
    assert "does not hold the share of the area needed" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT


def test_another_coowner_joins_and_then_a_member_convenes(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[1])
    html = page(client.get(url("initiative", house, meeting)))
    assert "Join the group" in html
    client.post(url("initiative_join", house, meeting))
    assert meeting.initiative.filter(user=house.owners[1]).exists()
    html = page(client.get(url("initiative", house, meeting)))
    assert f"{area(50)} m², {share(50)} of the building's area" in html
    assert "The group holds enough" in html
    client.force_login(house.owners[0])
    response = client.post(url("initiative_convene", house, meeting), follow=True)
    assert "The meeting is convened" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONVENED


def test_the_associations_own_threshold_applies(client, house):
    MeetingSettings.objects.create(
        organization=house.building.association, initiative_numerator=3, initiative_denominator=5
    )
    meeting = initiative(house)
    initiative_join(meeting=meeting, user=house.owners[1])
    client.force_login(house.owners[0])
    html = page(client.get(url("initiative", house, meeting)))
    assert f"{area(60)} m², {share(60)} of the area" in html
    client.post(url("initiative_convene", house, meeting))
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT


def test_joining_twice_is_answered_with_a_message(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[0])
    response = client.post(url("initiative_join", house, meeting), follow=True)
    assert "already in the initiative group" in page(response)
    assert meeting.initiative.count() == 1


def test_a_member_leaves_the_group(client, house):
    meeting = initiative(house)
    initiative_join(meeting=meeting, user=house.owners[1])
    client.force_login(house.owners[1])
    client.post(url("initiative_leave", house, meeting))
    assert not meeting.initiative.filter(user=house.owners[1]).exists()


def test_a_member_corrects_the_draft_and_others_may_not(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[1])
    response = client.get(url("initiative_edit", house, meeting), follow=True)
    assert "Only the group&#x27;s members change its draft." in page(response)
    client.force_login(house.owners[0])
    assert client.get(url("initiative_edit", house, meeting)).status_code == 200
    opens = (timezone.localtime() + timedelta(days=25)).strftime(WHEN)
    item = meeting.items.get(position=1)
    client.post(
        url("initiative_edit", house, meeting),
        {
            "title": "Ініціатива: ворота і двері",
            "description": "",
            "notice_days": "14",
            "voting_opens_at": opens,
            "window_days": "5",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-existing": str(item.pk),
            "items-0-title": item.title,
            "items-0-proposed_decision": item.proposed_decision,
            "items-0-rule": "two_thirds",
        },
    )
    meeting.refresh_from_db()
    assert meeting.title == "Ініціатива: ворота і двері"
    assert [i.rule for i in meeting.items.all()] == ["two_thirds"]


def test_a_member_cancels_the_draft_with_a_reason(client, house):
    meeting = initiative(house)
    client.force_login(house.owners[0])
    client.post(url("initiative_cancel", house, meeting), {"reason": ""})
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT
    client.post(url("initiative_cancel", house, meeting), {"reason": "Домовилися з правлінням."})
    meeting.refresh_from_db()
    assert (meeting.state, meeting.cancel_reason) == ("cancelled", "Домовилися з правлінням.")


def test_the_board_sees_the_initiative_and_may_convene_it_at_once(client, house):
    meeting = initiative(house)
    client.force_login(house.board)
    assert "Ініціатива: новий управитель" in page(
        client.get(reverse("meetings_board:index", args=[slug_of(house)]))
    )
    html = page(client.get(reverse("meetings_board:detail", args=[slug_of(house), meeting.pk])))
    assert "Initiative group" in html
    client.post(reverse("meetings_board:convene", args=[slug_of(house), meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONVENED
