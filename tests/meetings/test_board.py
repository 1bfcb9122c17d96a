"""The association board's pages of its meetings: who may see them (the board only), a draft
prepared with its agenda and documents and corrected, convened with the notice, cancelled with
a reason, paper ballots and proxies during the vote, the discussion moderated, the minutes
published with who chaired; and requests that change nothing, answered with a message."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from meetings.models import EmailSent, ItemDocument, Meeting
from meetings.services.meetings import meeting_create
from tests.factories import UserFactory
from tests.meetings.factories import DEFAULT_ITEMS, house_with_coowners, meeting_for
from tests.residents.factories import AssociationFactory, BuildingFactory, DistrictFactory

WHEN = "%Y-%m-%dT%H:%M"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The pages' messages are read in English, the language they are written in."""
    from django.utils import translation

    with translation.override("en"):
        yield


def url(name: str, meeting: Meeting | None = None, **kwargs) -> str:
    slug = kwargs.pop("slug", None) or meeting.organization.slug
    with_pk = meeting is not None and name not in ("index", "create")
    args = [slug] + ([meeting.pk] if with_pk else [])
    return reverse(f"meetings_board:{name}", args=[*args, *kwargs.values()])


def form_data(of, **overrides) -> dict:
    opens = timezone.localtime() + timedelta(days=20)
    data = {
        "building": of.pk,
        "title": "Збори: ворота у двір",
        "description": "",
        "notice_days": "14",
        "voting_opens_at": opens.strftime(WHEN),
        "window_days": "10",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-title": "Встановити ворота у двір",
        "items-0-proposed_decision": "Встановити автоматичні ворота за кошторисом.",
        "items-0-rule": "majority",
        "items-1-title": "Змінити управителя",
        "items-1-proposed_decision": "Обрати нового управителя будинку.",
        "items-1-rule": "custom",
        "items-1-threshold_numerator": "3",
        "items-1-threshold_denominator": "4",
    }
    data.update(overrides)
    return data


def pdf(name="koshtorys.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% estimate\n", content_type="application/pdf")


def create(client, house, **overrides):
    slug = house.building.association.slug
    return client.post(
        reverse("meetings_board:create", args=[slug]), form_data(house.building, **overrides)
    )


def draft(house) -> Meeting:
    opens = timezone.now() + timedelta(days=20)
    return meeting_create(
        building=house.building,
        by=house.board,
        title="Чернетка зборів",
        items=DEFAULT_ITEMS,
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=7),
    )


def page(response) -> str:
    return response.content.decode()


# Who may see the pages.

BOARD_PAGES = ["detail", "edit", "cancel", "publish", "discussion"]


@pytest.mark.parametrize("name", ["index", "create", *BOARD_PAGES])
def test_the_board_sees_each_page(client, house, name):
    meeting = draft(house)
    client.force_login(house.board)
    response = client.get(url(name, meeting))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["paper", "proxies"])
def test_the_board_sees_the_vote_pages_while_voting(client, house, name):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    assert client.get(url(name, meeting)).status_code == 200


@pytest.mark.parametrize("who", ["coowner", "stranger"])
@pytest.mark.parametrize("name", ["index", "create", *BOARD_PAGES, "paper", "proxies"])
def test_people_who_are_not_the_board_are_refused(client, house, who, name):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.owners[0] if who == "coowner" else UserFactory())
    assert client.get(url(name, meeting)).status_code == 403


@pytest.mark.parametrize("who", ["coowner", "stranger"])
def test_a_coowner_or_stranger_cannot_convene_or_create(client, house, who):
    meeting = draft(house)
    client.force_login(house.owners[0] if who == "coowner" else UserFactory())
    assert client.post(url("convene", meeting)).status_code == 403
    assert create(client, house).status_code == 403
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT
    assert Meeting.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, house):
    response = client.get(reverse("meetings_board:index", args=[house.building.association.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_another_associations_meeting_is_not_found_here(client, house):
    other = house_with_coowners()
    meeting = draft(other)
    client.force_login(house.board)
    slug = house.building.association.slug
    assert client.get(url("detail", meeting, slug=slug)).status_code == 404
    assert client.post(url("convene", meeting, slug=slug)).status_code == 404
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "x"])
def test_impossible_ids_are_not_found(client, house, pk):
    client.force_login(house.board)
    slug = house.building.association.slug
    assert client.get(f"/organizations/{slug}/meetings/{pk}/").status_code == 404


# The list and the draft.


def test_the_list_groups_meetings_by_state(client, house):
    draft(house)
    meeting_for(house, state="voting", title="Збори, що голосують")
    client.force_login(house.board)
    html = page(client.get(url("index", slug=house.building.association.slug)))
    assert "Чернетка зборів" in html and "Збори, що голосують" in html
    assert html.index(str(Meeting.State.DRAFT.label)) < html.index(str(Meeting.State.VOTING.label))


def test_the_board_creates_a_draft_with_its_agenda_and_a_document(client, house):
    client.force_login(house.board)
    response = create(
        client, house, **{"items-0-document": pdf(), "items-0-document_title": "Кошторис"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", meeting)
    assert (meeting.state, meeting.convened_by, meeting.created_by) == (
        "draft",
        "board",
        house.board,
    )
    assert meeting.voting_closes_at - meeting.voting_opens_at == timedelta(days=10)
    first, second = meeting.items.order_by("position")
    assert (first.title, first.rule) == ("Встановити ворота у двір", "majority")
    assert (second.rule, second.threshold_numerator, second.threshold_denominator) == (
        "custom",
        3,
        4,
    )
    document = ItemDocument.objects.get(item=first)
    assert document.title == "Кошторис"
    assert document.document.file.read().startswith(b"%PDF")
    assert "Кошторис" in page(client.get(url("detail", meeting)))


def test_the_form_offers_the_notice_period_from_the_settings(client, house, settings):
    settings.MEETING_NOTICE_DAYS = 21
    client.force_login(house.board)
    html = page(client.get(url("create", slug=house.building.association.slug)))
    assert 'name="notice_days"' in html and 'value="21"' in html
    assert 'type="datetime-local"' in html
    assert 'name="items-1-title"' in html  # room for a second item
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"items-0-title": "", "items-1-title": ""}, "Put at least one item on the agenda."),
        ({"window_days": "46"}, "less than or equal to 45"),
        ({"window_days": "0"}, "greater than or equal to 1"),
        ({"notice_days": "3"}, "The notice period is at least 14 days."),
        ({"items-1-threshold_numerator": ""}, "Give the custom share"),
        ({"items-1-threshold_numerator": "5"}, "A share is at most the whole"),
        ({"items-0-proposed_decision": ""}, "Give the decision the co-owners vote on."),
        ({"title": ""}, "This field is required."),
        ({"voting_opens_at": "not a date"}, "Enter a valid date/time."),
        ({"voting_opens_at": "9999-12-31T23:00"}, "Voting opens within two years from now."),
    ],
)
def test_bad_input_creates_nothing_and_says_why(client, house, overrides, message):
    client.force_login(house.board)
    response = create(client, house, **overrides)
    assert response.status_code == 200
    html = page(response)
    assert message in html
    assert 'class="error-summary"' in html
    assert not Meeting.objects.exists()


def test_voting_that_opens_before_the_notice_period_ends_is_refused(client, house):
    client.force_login(house.board)
    soon = (timezone.localtime() + timedelta(days=3)).strftime(WHEN)
    response = create(client, house, voting_opens_at=soon)
    assert "after the notice period" in page(response)
    assert not Meeting.objects.exists()


def test_a_document_of_a_kind_not_allowed_is_refused_and_nothing_is_stored(client, house):
    client.force_login(house.board)
    upload = SimpleUploadedFile(
        "script.exe", b"MZ\x90\x00", content_type="application/octet-stream"
    )
    response = create(client, house, **{"items-0-document": upload})
    assert "Attach a document of one of these kinds" in page(response)
    assert not Meeting.objects.exists()
    assert not get_document_model().objects.exists()


def test_a_building_of_another_association_is_refused(client, house):
    other = BuildingFactory(district=DistrictFactory(), association=AssociationFactory())
    client.force_login(house.board)
    response = create(client, house, building=other.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert not Meeting.objects.exists()


def test_asking_for_room_adds_a_row_and_saves_nothing(client, house):
    client.force_login(house.board)
    response = create(client, house, add_item="1")
    assert 'name="items-2-title"' in page(response)
    assert not Meeting.objects.exists()


def test_the_board_corrects_a_draft_and_keeps_its_documents(client, house):
    client.force_login(house.board)
    create(client, house, **{"items-0-document": pdf(), "items-0-document_title": "Кошторис"})
    meeting = Meeting.objects.get()
    first = meeting.items.get(position=1)
    form = page(client.get(url("edit", meeting)))
    assert "Кошторис" in form and "Remove this item" in form
    data = form_data(
        house.building,
        title="Збори: ворота і двері",
        **{
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "2",
            "items-0-existing": str(first.pk),
            "items-1-existing": str(meeting.items.get(position=2).pk),
            "items-1-rule": "two_thirds",
        },
    )
    response = client.post(url("edit", meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Збори: ворота і двері"
    first, second = meeting.items.order_by("position")
    assert [d.title for d in first.documents.all()] == ["Кошторис"]
    assert (second.rule, second.threshold_numerator) == ("two_thirds", None)


def test_a_document_can_be_removed_from_an_item(client, house):
    client.force_login(house.board)
    create(client, house, **{"items-0-document": pdf()})
    meeting = Meeting.objects.get()
    data = form_data(
        house.building,
        **{
            "items-INITIAL_FORMS": "2",
            "items-0-existing": str(meeting.items.get(position=1).pk),
            "items-0-remove_documents": "on",
        },
    )
    client.post(url("edit", meeting), data)
    assert not ItemDocument.objects.exists()


def test_a_meeting_past_its_draft_cannot_be_edited(client, house):
    meeting = meeting_for(house, state="convened")
    client.force_login(house.board)
    response = client.post(url("edit", meeting), form_data(house.building), follow=True)
    assert "Only a draft meeting can be changed." in page(response)
    meeting.refresh_from_db()
    assert meeting.title == "Збори співвласників: двір і двері"


# Convening and cancelling.


def test_the_board_convenes_and_sees_how_many_coowners_were_notified(
    client, house, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = draft(house)
    client.force_login(house.board)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("convene", meeting))
    response = client.get(url("detail", meeting))
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONVENED
    assert EmailSent.objects.filter(meeting=meeting, kind="notice").count() == 3
    html = page(response)
    assert "The meeting is convened" in html
    assert "to 3 co-owners" in html


def test_convening_twice_is_answered_with_the_services_refusal(client, house):
    meeting = meeting_for(house, state="convened")
    client.force_login(house.board)
    response = client.post(url("convene", meeting), follow=True)
    assert "cannot go from" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONVENED


def test_convening_too_late_for_the_notice_period_is_refused(client, house):
    opens = timezone.now() + timedelta(days=2)
    meeting = meeting_create(
        building=house.building,
        by=house.board,
        title="Запізно",
        items=DEFAULT_ITEMS,
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=5),
    )
    client.force_login(house.board)
    response = client.post(url("convene", meeting), follow=True)
    assert "at least 14 days after the notice" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT


@pytest.mark.parametrize("state", ["draft", "convened", "voting"])
def test_the_board_cancels_with_a_reason(client, house, state):
    meeting = meeting_for(house, state=state)
    client.force_login(house.board)
    response = client.post(url("cancel", meeting), {"reason": "Кошторис переглядають."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.state, meeting.cancel_reason, meeting.cancelled_by) == (
        "cancelled",
        "Кошторис переглядають.",
        house.board,
    )


def test_a_cancel_without_a_reason_changes_nothing(client, house):
    meeting = draft(house)
    client.force_login(house.board)
    response = client.post(url("cancel", meeting), {"reason": "   "})
    assert response.status_code == 200
    assert "error-summary" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAFT


def test_a_counted_meeting_cannot_be_cancelled(client, house):
    meeting = meeting_for(house, state="counted")
    client.force_login(house.board)
    response = client.post(url("cancel", meeting), {"reason": "Передумали."})
    assert response.status_code == 200
    assert "cannot go from" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.COUNTED


def test_the_associations_page_leads_its_board_to_the_register_polls_and_meetings(client, house):
    association = house.building.association
    association.kind = "condominium"
    association.save()
    page = reverse("profiles:organization", args=[association.slug])
    board_links = [
        reverse("residents:register", args=[association.slug]),
        reverse("polls_board:index", args=[association.slug]),
        reverse("meetings_board:index", args=[association.slug]),
    ]

    client.force_login(house.owners[0])
    html = client.get(page).content.decode()
    assert not any(link in html for link in board_links)

    client.force_login(house.board)
    html = client.get(page).content.decode()
    assert all(link in html for link in board_links)


def test_the_cabinet_leads_a_co_owner_to_the_initiative_groups_of_their_building(client, house):
    initiatives = reverse("meetings_board:initiatives", args=[house.building.association.slug])

    client.force_login(house.owners[0])
    assert initiatives in client.get(reverse("profiles:cabinet")).content.decode()
    assert client.get(initiatives).status_code == 200

    client.force_login(UserFactory())
    assert initiatives not in client.get(reverse("profiles:cabinet")).content.decode()
