"""The pages of a building's co-owners: the meeting's page with the discussion, the one-page
vote (changes, bad input, proxies), the named ledger, "my votes" with their inclusion checked,
the co-owners' minutes and the cabinet's block; and the 404 everyone else gets from them."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

import pytest

from meetings.models import Comment, Vote
from meetings.services.votes import paper_ballot_enter, proxy_record
from tests.factories import UserFactory
from tests.meetings.pages_factories import BOARD_NAME, NAMES, cast, meeting_at

pytestmark = pytest.mark.django_db

COOWNER_PAGES = ["vote", "ledger", "my_votes", "minutes_coowners"]


def html_of(response) -> str:
    return response.content.decode()


def shown(text: str) -> str:
    """`text` as a Ukrainian page shows it: translated and escaped."""
    with translation.override("uk"):
        return escape(gettext(text))


def ballot(meeting, **choices) -> dict:
    """POST data for the vote form: item position → choice."""
    return {f"item-{position}": choice for position, choice in choices.items()}


def posted(client, built, data):
    url = reverse("meetings:vote", args=[built.meeting.pk])
    return client.post(url, data, follow=True)


@pytest.fixture
def voting():
    return meeting_at("voting")


def test_a_coowner_sees_the_discussion_the_vote_and_the_ledger_on_the_meeting_page(client, voting):
    client.force_login(voting.coowners[0])

    html = html_of(client.get(f"/en/meetings/{voting.meeting.pk}/"))

    assert reverse("meetings:vote", args=[voting.meeting.pk]) in html
    assert reverse("meetings:ledger", args=[voting.meeting.pk]) in html
    assert reverse("meetings:my_votes", args=[voting.meeting.pk]) in html
    assert 'id="discussion-heading"' in html
    assert f'action="/en/meetings/{voting.meeting.pk}/comments/"' in html


@pytest.mark.parametrize("who", ["stranger", "coowner_of_another_building", "anonymous"])
def test_anyone_else_gets_the_public_page_and_a_404_for_every_coowner_page(client, who):
    built = meeting_at("published", votes={0: {1: "for"}, 1: {1: "against"}, 2: {2: "for"}})
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "coowner_of_another_building":
        client.force_login(meeting_at("voting").coowners[0])

    html = html_of(client.get(f"/en/meetings/{built.meeting.pk}/"))

    assert 'id="discussion-heading"' not in html
    for name in NAMES[:3]:
        assert name not in html
    for page in COOWNER_PAGES:
        assert client.get(reverse(f"meetings:{page}", args=[built.meeting.pk])).status_code == 404
    comment = client.post(reverse("meetings:comment", args=[built.meeting.pk]), {"body": "Ой"})
    assert comment.status_code == 404
    assert not Comment.objects.exists()


def test_the_vote_form_is_one_fieldset_of_three_radios_per_item(client, voting):
    client.force_login(voting.coowners[0])

    html = html_of(client.get(reverse("meetings:vote", args=[voting.meeting.pk])))

    assert html.count('<fieldset class="meeting-question"') == 3
    assert html.count('type="radio"') == 9
    assert "<legend>1. Ворота у двір</legend>" in html
    assert 'for="id_item-1_0"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_coowner_votes_on_every_item_at_once_and_each_vote_is_a_log_entry(client, voting):
    client.force_login(voting.coowners[0])

    response = posted(
        client, voting, ballot(voting, **{"1": "for", "2": "against", "3": "abstain"})
    )

    votes = Vote.objects.filter(meeting=voting.meeting).order_by("entry_index")
    assert [(v.item.position, v.choice, v.channel) for v in votes] == [
        (1, "for", "online"),
        (2, "against", "online"),
        (3, "abstain", "online"),
    ]
    assert voting.refresh().log.size == 3
    assert shown("Your vote is recorded in the meeting's log.") in html_of(response)


def test_a_changed_vote_is_a_new_entry_and_the_page_says_the_last_one_counts(client, voting):
    client.force_login(voting.coowners[0])
    posted(client, voting, ballot(voting, **{"1": "for", "2": "for", "3": "for"}))

    response = posted(client, voting, ballot(voting, **{"1": "for", "2": "against", "3": "for"}))

    html = html_of(response)
    assert shown("Your vote is changed; your last vote counts.") in html
    # Only the changed item got a new entry; the page now shows it as the one that counts.
    assert voting.refresh().log.size == 4
    latest = Vote.objects.filter(item__position=2).order_by("-entry_index").first()
    assert latest.choice == "against"
    assert 'name="item-2" value="against" id="id_item-2_1" checked' in html


def test_sending_the_same_votes_again_records_nothing(client, voting):
    client.force_login(voting.coowners[0])
    posted(client, voting, ballot(voting, **{"1": "for"}))

    response = posted(client, voting, ballot(voting, **{"1": "for"}))

    assert shown("These are already your votes. Nothing was recorded.") in html_of(response)
    assert voting.refresh().log.size == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"item-1": "maybe"},
        {"item-1": "for", "item-2": "x" * 5000},
        {"item-7": "for"},
    ],
    ids=["empty", "unknown-choice", "long-junk", "unknown-item"],
)
def test_bad_ballots_get_a_clear_message_and_change_nothing(client, voting, data):
    client.force_login(voting.coowners[0])

    response = client.post("/en" + reverse("meetings:vote", args=[voting.meeting.pk]), data)

    assert response.status_code == 400
    assert "There is a problem" in html_of(response)
    assert not Vote.objects.exists()
    assert voting.refresh().log.size == 0


@pytest.mark.parametrize("value", ["0", "abc", "-1", str(2**64), "other"])
def test_the_right_parameter_never_votes_someone_elses_share(client, voting, value):
    other_right = voting.meeting.rights.get(user=voting.coowners[1])
    right = str(other_right.pk) if value == "other" else value
    client.force_login(voting.coowners[0])

    response = client.post(
        reverse("meetings:vote", args=[voting.meeting.pk]), {"right": right, "item-1": "for"}
    )

    assert response.status_code in (302, 400)
    assert not Vote.objects.exists()


def test_before_voting_opens_the_vote_page_records_nothing(client):
    convened = meeting_at("convened")
    client.force_login(convened.coowners[0])
    url = reverse("meetings:vote", args=[convened.meeting.pk])

    assert "Voting opens on" in html_of(client.get("/en" + url))
    client.post(url, {"item-1": "for"})

    assert not Vote.objects.exists()


def test_a_proxy_votes_the_share_and_its_owner_no_longer_can(client, voting):
    owner, proxy = voting.coowners[0], UserFactory()
    right = voting.meeting.rights.get(user=owner)
    proxy_record(meeting=voting.meeting, by=voting.board, right=right, proxy_user=proxy)

    client.force_login(owner)
    html = html_of(client.get("/en" + reverse("meetings:vote", args=[voting.meeting.pk])))
    assert "You hold no voting right you can vote online" in html
    client.post(reverse("meetings:vote", args=[voting.meeting.pk]), {"item-1": "for"})
    assert not Vote.objects.exists()

    client.force_login(proxy)
    posted(client, voting, {"right": right.pk, "item-1": "against"})
    assert [(v.right_id, v.channel, v.cast_by_id) for v in Vote.objects.all()] == [
        (right.pk, "proxy", proxy.pk)
    ]


def test_a_coowner_who_is_also_a_proxy_chooses_whose_share_the_page_votes(client, voting):
    owner, neighbour = voting.coowners[0], voting.coowners[1]
    owners_right = voting.meeting.rights.get(user=owner)
    own_right = voting.meeting.rights.get(user=neighbour)
    proxy_record(meeting=voting.meeting, by=voting.board, right=owners_right, proxy_user=neighbour)
    client.force_login(neighbour)
    url = "/en" + reverse("meetings:vote", args=[voting.meeting.pk])

    html = html_of(client.get(f"{url}?right={owners_right.pk}"))
    assert f'href="?right={own_right.pk}"' in html
    assert f'name="right" value="{owners_right.pk}"' in html
    assert f"as proxy for {NAMES[0]}" in html
    client.post(url, {"right": owners_right.pk, "item-1": "for"})
    client.post(url, {"right": own_right.pk, "item-1": "against"})

    assert sorted(Vote.objects.values_list("right_id", "channel", "choice")) == sorted(
        [(owners_right.pk, "proxy", "for"), (own_right.pk, "online", "against")]
    )


def test_a_coowner_posts_to_an_items_discussion_and_the_boards_answer_is_marked(client, voting):
    client.force_login(voting.coowners[0])
    url = reverse("meetings:comment", args=[voting.meeting.pk])
    response = client.post(url, {"item": "2", "body": "Які двері пропонують?"})
    assert response.status_code == 302
    assert response["Location"].endswith("#discussion-2")

    client.force_login(voting.board)
    client.post(url, {"item": "2", "body": "Металеві, з доводчиком."})

    client.force_login(voting.coowners[1])
    html = html_of(client.get(f"/en/meetings/{voting.meeting.pk}/"))
    thread = html[html.index('id="discussion-2"') : html.index('id="discussion-3"')]
    assert "Які двері пропонують?" in thread
    assert "Металеві, з доводчиком." in thread
    assert thread.count("The board&#x27;s answer") + thread.count("The board's answer") == 1
    assert NAMES[0] in thread


@pytest.mark.parametrize(
    "data", [{"body": "   "}, {"item": "99", "body": "Так"}, {"item": "x", "body": "Так"}]
)
def test_a_bad_comment_is_refused_with_its_errors_at_the_top_and_nothing_saved(
    client, voting, data
):
    client.force_login(voting.coowners[0])

    response = client.post(reverse("meetings:comment", args=[voting.meeting.pk]), data)

    assert response.status_code == 400
    assert 'class="error-summary"' in html_of(response)
    assert not Comment.objects.exists()


def test_after_the_close_the_discussion_takes_no_more_comments(client):
    counted = meeting_at("counted", votes={0: {1: "for"}})
    client.force_login(counted.coowners[0])

    html = html_of(client.get(f"/en/meetings/{counted.meeting.pk}/"))
    assert "meeting-comment-form" not in html
    response = client.post(
        reverse("meetings:comment", args=[counted.meeting.pk]), {"body": "Запізно?"}
    )

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_comments_are_rate_limited(client, voting):
    client.force_login(voting.coowners[0])
    url = reverse("meetings:comment", args=[voting.meeting.pk])
    statuses = [client.post(url, {"body": f"Коментар {n}"}).status_code for n in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Comment.objects.count() == 10


def test_the_ledger_names_every_entry_with_its_unit_item_vote_and_paper_mark(client, voting):
    cast(voting, voting.coowners[0], {1: "for", 2: "against"})
    cast(voting, voting.coowners[0], {2: "for"})
    meeting = voting.refresh()
    right = meeting.rights.get(user=voting.coowners[1])
    item = meeting.items.get(position=3)
    paper_ballot_enter(meeting=meeting, by=voting.board, right=right, choices={item.pk: "abstain"})
    client.force_login(voting.coowners[2])

    html = html_of(client.get("/en" + reverse("meetings:ledger", args=[meeting.pk])))

    assert "Log entries (4)" in html
    assert html.count(NAMES[0]) == 3
    assert NAMES[1] in html
    assert f"paper ballot, entered by {BOARD_NAME}" in html
    assert "3. Нова управляюча компанія" in html


def test_my_votes_each_pass_the_inclusion_check_against_the_signed_tree_head(client, voting):
    cast(voting, voting.coowners[0], {1: "for", 2: "against", 3: "for"})
    cast(voting, voting.coowners[1], {1: "against"})
    cast(voting, voting.coowners[0], {3: "against"})
    client.force_login(voting.coowners[0])

    html = html_of(client.get("/en" + reverse("meetings:my_votes", args=[voting.meeting.pk])))

    assert html.count('class="meeting-check meeting-check--pass"') == 5  # the head + 4 votes
    assert "meeting-check--fail" not in html
    assert "the tree head of size 5 is signed by the log" in html
    assert NAMES[1] not in html  # only my own entries


def test_a_vote_whose_recorded_leaf_is_not_in_the_log_fails_the_check(client, voting):
    (vote,) = cast(voting, voting.coowners[0], {1: "for"})
    cast(voting, voting.coowners[1], {1: "for"})
    Vote.objects.filter(pk=vote.pk).update(leaf_hash=bytes(32))
    client.force_login(voting.coowners[0])

    html = html_of(client.get("/en" + reverse("meetings:my_votes", args=[voting.meeting.pk])))

    assert '<li class="meeting-check meeting-check--fail">' in html
    assert "(does not match)" in html


def test_the_coowners_minutes_are_theirs_only(client):
    built = meeting_at("published", votes={0: {1: "for"}, 1: {1: "for"}, 2: {1: "for"}})
    url = reverse("meetings:minutes_coowners", args=[built.meeting.pk])
    client.force_login(built.coowners[1])

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(built.meeting.minutes.coowners_pdf)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_cabinet_lists_my_buildings_meetings_and_leads_to_the_vote(client, voting):
    client.force_login(voting.coowners[0])

    html = html_of(client.get("/en/account/"))

    assert "Residents&#x27; meetings" in html or "Residents' meetings" in html
    assert reverse("meetings:vote", args=[voting.meeting.pk]) in html
    client.force_login(UserFactory())
    assert reverse("meetings:detail", args=[voting.meeting.pk]) not in html_of(
        client.get("/en/account/")
    )


HOSTILE = ["0", "-1", "abc", "1e3", str(2**63), str(2**64 + 1), "١٢", "x" * 5000, "%ff%fe"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_query_values_on_every_meeting_page_never_give_a_server_error(
    client, voting, value
):
    cast(voting, voting.coowners[0], {1: "for"})
    client.force_login(voting.coowners[0])
    pages = ["detail", "vote", "ledger", "my_votes"]

    for name in pages:
        url = reverse(f"meetings:{name}", args=[voting.meeting.pk])
        response = client.get(f"{url}?page={value}&right={value}")
        assert response.status_code == 200, (name, response.status_code)
        if name == "vote":  # a junk `right` shows the person's own share, not a refusal
            assert 'class="meeting-ballot"' in html_of(response)
    response = client.get(f"{reverse('meetings:index')}?page={value}")
    assert response.status_code == 200
