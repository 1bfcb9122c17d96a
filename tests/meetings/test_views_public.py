"""The public meeting pages: the list of every building's meetings, a meeting's page (agenda,
results as charts and tables, quorum, the signed tree head, never a name) and the public copy
of the minutes; kept in the shared cache for visitors and fresh as soon as a meeting moves."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from ledger.selectors import tree_head_latest
from meetings.services.meetings import meeting_count
from meetings.services.votes import votes_cast
from tests.meetings.factories import (
    house_with_coowners,
    items_of,
    meeting_advance,
    meeting_for,
    right_of,
)
from tests.meetings.pages_factories import NAMES, meeting_at

pytestmark = pytest.mark.django_db

# Two of three co-owners (of four equal units) vote: 50 % of the area, no quorum; all three:
# 75 %, a quorum, and item 1 (majority) is adopted with 75 % for.
ALL_THREE = {
    0: {1: "for", 2: "for", 3: "against"},
    1: {1: "for", 2: "abstain", 3: "for"},
    2: {1: "for", 2: "against", 3: "for"},
}


@pytest.fixture(autouse=True)
def _city_settings_made(db):
    """The layout makes the city's settings row on the first render; made first, its save
    does not move the content generation under the tests that watch it."""
    from wagtail.models import Site

    from config.models import CitySettings

    CitySettings.for_site(Site.objects.get(is_default_site=True))


def page_text(response) -> str:
    return response.content.decode()


def test_the_list_shows_every_public_state_with_its_building_and_never_drafts(client):
    voting = meeting_at("voting", title="Ворота у двір будинку")
    cancelled = meeting_at("cancelled", title="Скасовані збори")
    draft = meeting_at("draft", title="Чернетка зборів")

    html = page_text(client.get(reverse("meetings:index")))

    assert reverse("meetings:detail", args=[voting.meeting.pk]) in html
    assert voting.building.address in html
    assert reverse("meetings:detail", args=[cancelled.meeting.pk]) in html
    assert "Чернетка зборів" not in html
    assert reverse("meetings:detail", args=[draft.meeting.pk]) not in html


def test_the_list_says_which_items_a_counted_meeting_adopted(client):
    meeting_at("counted", votes=ALL_THREE)

    html = page_text(client.get("/en/meetings/"))

    outcomes = re.findall(r"<li>(\d)\. [^<]*: <strong class=\"meeting-(\w+)\"", html)
    # Item 1 has 75 % for (a majority); item 2 needs two thirds and has 25 %; item 3 needs
    # 3/5 and has 50 %.
    assert outcomes == [("1", "adopted"), ("2", "rejected"), ("3", "rejected")]


def test_a_meeting_page_shows_the_agenda_and_dates_to_everyone_and_names_nobody(client):
    built = meeting_at("voting", votes={0: {1: "for"}})

    response = client.get(f"/en/meetings/{built.meeting.pk}/")
    html = page_text(response)

    assert response.status_code == 200
    assert "Встановити ворота з домофоном у двір будинку." in html
    assert "at least 3/5 of all co-owners" in html
    assert "The results are counted when voting closes" in html
    for name in NAMES[:3]:
        assert name not in html
    assert reverse("meetings:vote", args=[built.meeting.pk]) not in html
    assert reverse("meetings:ledger", args=[built.meeting.pk]) not in html
    assert "sign in</a> to discuss" in html


def test_the_page_prints_the_logs_signed_tree_head(client):
    built = meeting_at("voting", votes={0: {1: "for", 2: "against"}})
    head = tree_head_latest(log=built.meeting.log)

    html = page_text(client.get(f"/en/meetings/{built.meeting.pk}/"))

    assert head.size == 2
    assert f'<dd class="meeting-tree-size">{head.size}</dd>' in html
    assert bytes(head.root_hash).hex() in html
    assert bytes(head.signature).hex() in html
    assert bytes(built.meeting.log.public_key).hex() in html


def test_after_counting_the_page_shows_each_items_chart_and_table_of_the_same_numbers(client):
    built = meeting_at("counted", votes=ALL_THREE)

    html = page_text(client.get(f"/en/meetings/{built.meeting.pk}/"))

    assert "Co-owners holding 150.00 m² voted: 75.0 % of the building's 200.00 m²." in html
    assert "was reached" in html
    assert html.count('role="img"') == 3
    # Item 1: three shares for and one that did not vote. Every answer is a group of fewer
    # than 5 shares, and the two together are still fewer than 5: the public sees no area.
    assert '<th scope="row">For</th><td>fewer than 5</td><td>—</td>' in html
    assert '<th scope="row">Did not vote</th><td>fewer than 5</td><td>—</td>' in html
    assert "150.00</td>" not in html
    # Item 3's custom rule: the dashed line at 3/5.
    assert "needed: more than 50.0 % of the area for" in html
    assert "needed: at least 60.0 % of the area for" in html
    assert "Final tree size" in html


def test_the_public_sees_the_area_of_each_answer_chosen_by_5_or_more_shares(client):
    house = house_with_coowners(areas=["50.00"] * 10)
    meeting = meeting_for(house, state="voting")
    for index, owner in enumerate(house.owners):
        votes_cast(
            meeting=meeting,
            by=owner,
            right=right_of(meeting, owner),
            choices={item.pk: ("for" if index < 5 else "against") for item in items_of(meeting)},
        )
    meeting = meeting_advance(meeting, "counted", board=house.board)

    html = page_text(client.get(f"/en/meetings/{meeting.pk}/"))

    assert '<th scope="row">For</th><td>250.00</td><td>50.0 %</td>' in html
    assert '<th scope="row">Against</th><td>250.00</td><td>50.0 %</td>' in html
    assert "fewer than 5" not in html


def test_a_small_group_is_hidden_with_a_complement_so_the_total_does_not_give_it_away(client):
    house = house_with_coowners(areas=["50.00"] * 8)
    meeting = meeting_for(house, state="voting")
    for index, owner in enumerate(house.owners):
        votes_cast(
            meeting=meeting,
            by=owner,
            right=right_of(meeting, owner),
            choices={item.pk: ("for" if index < 7 else "against") for item in items_of(meeting)},
        )
    meeting = meeting_advance(meeting, "counted", board=house.board)

    html = page_text(client.get(f"/en/meetings/{meeting.pk}/"))

    # One share against: hidden; the 7 for would give it away (400 − 350), so they are too.
    assert '<th scope="row">Against</th><td>fewer than 5</td><td>—</td>' in html
    assert '<th scope="row">For</th><td>fewer than 5</td><td>—</td>' in html
    assert "350.00" not in html and ">50.00<" not in html
    # The board keeps every figure (it holds the named votes anyway).
    board = Client()
    board.force_login(house.board)
    slug = house.building.association.slug
    board_html = board.get(f"/en/organizations/{slug}/meetings/{meeting.pk}/").content.decode()
    assert "350.00" in board_html


def test_without_quorum_the_page_says_no_item_is_adopted(client):
    built = meeting_at("counted", votes={0: {1: "for"}, 1: {1: "for"}})

    html = page_text(client.get(f"/en/meetings/{built.meeting.pk}/"))

    # Exactly half of the area voted: a quorum needs more.
    assert "50.0 % of the building" in html
    assert "was not reached: no item is adopted" in html
    assert '<strong class="meeting-adopted">Adopted</strong>' not in html


@pytest.mark.parametrize("pk", ["0", "18446744073709551617", "9223372036854775807"])
def test_a_meeting_that_cannot_exist_is_not_found(client, pk):
    assert client.get(f"/meetings/{pk}/").status_code == 404
    assert client.get(f"/meetings/{pk}/minutes.pdf").status_code == 404


def test_a_drafts_page_is_not_found(client):
    draft = meeting_at("draft")
    assert client.get(reverse("meetings:detail", args=[draft.meeting.pk])).status_code == 404


def test_the_public_minutes_are_a_pdf_once_published_and_not_before(client):
    counted = meeting_at("counted", votes=ALL_THREE)
    assert client.get(reverse("meetings:minutes", args=[counted.meeting.pk])).status_code == 404

    published = meeting_at("published", votes=ALL_THREE)
    response = client.get(reverse("meetings:minutes", args=[published.meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content == bytes(published.meeting.minutes.public_pdf)
    html = page_text(client.get(f"/en/meetings/{published.meeting.pk}/"))
    assert reverse("meetings:minutes", args=[published.meeting.pk]) in html
    assert reverse("meetings:minutes_coowners", args=[published.meeting.pk]) not in html


def test_a_meeting_page_is_kept_for_visitors_and_its_count_shows_at_once(
    django_assert_num_queries,
):
    built = meeting_at("voting", votes=ALL_THREE)
    url = reverse("meetings:detail", args=[built.meeting.pk])
    assert "meeting-result" not in page_text(Client().get(url))
    with django_assert_num_queries(0):  # the next visitor is served the kept page
        assert Client().get(url).status_code == 200

    meeting_count(meeting=built.meeting, now=built.meeting.voting_closes_at)

    assert "meeting-result" in page_text(Client().get(url))


def test_the_main_menu_leads_to_the_meetings(client):
    html = page_text(client.get("/en/"))
    assert 'href="/en/meetings/"' in html
