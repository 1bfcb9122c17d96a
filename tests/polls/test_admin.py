"""Polls in the Wagtail admin: who sees them, a draft created and corrected through the forms,
the steps of a poll's life with the services' refusals shown, and requests that change
nothing (bad forms, someone else's poll, an area outside a deputy's districts)."""

import json
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

import pytest

from polls.models import Poll, PollCreatorScope
from residents.models import Audience
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.polls.factories import (
    holder_keys_create,
    holder_keys_give,
    poll_editor,
    poll_for,
    residents_of,
)
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.django_db

# The pages are read in Ukrainian, the default; messages are looked up in the catalogue.
REFUSED_TRANSITION = _("A poll cannot go from “%(current)s” to “%(target)s”.").split("%(")[0]
WAITING_FOR_PUBLIC_KEYS = _(
    "Waiting for key holders to create their results keys: %(holders)s."
).split("%(")[0]
WAITING_FOR_PRIVATE_KEYS = _("Waiting for key holders to give their keys: %(holders)s.").split(
    "%("
)[0]


WHEN = "%Y-%m-%d %H:%M"


def form_data(**overrides) -> dict:
    now = timezone.localtime()
    data = {
        "title": "Новий сквер на Садовій",
        "summary": "Де посадити дерева.",
        "description": "Перший абзац.\n\nДругий абзац.",
        "opens_at": (now + timedelta(days=2)).strftime(WHEN),
        "closes_at": (now + timedelta(days=9)).strftime(WHEN),
        "secrecy": "secret",
        "creator_kind": "editor",
        "whole_city": "on",
        "building_roles": "everyone",
        "questions-TOTAL_FORMS": "3",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Яку породу дерев обрати?",
        "questions-0-kind": "single",
        "questions-0-max_choices": "1",
        "questions-0-options": "Липа\nКлен\n\nКаштан\n",
        "questions-1-text": "Що ще додати?",
        "questions-1-kind": "multiple",
        "questions-1-max_choices": "2",
        "questions-1-options": "Лавки\nЛіхтарі\nФонтан",
        "questions-2-text": "",
        "questions-2-kind": "single",
        "questions-2-max_choices": "1",
        "questions-2-options": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(db):
    return poll_editor(email="admin-editor@example.org")


@pytest.fixture
def city(db):
    """A district of 25 verified residents: enough for a secret city-wide poll."""
    district = DistrictFactory(slug="tsentr", name_uk="Центр", name_en="Centre")
    residents_of(district, 25)
    return district


def deputy_of(district):
    user = UserFactory(is_staff=True, email="deputy@example.org")
    user.groups.add(Group.objects.get(name="Deputies"))
    PollCreatorScope.objects.create(user=user, district=district)
    return type(user).objects.get(pk=user.pk)


def city_poll(*, state="draft", title="Бюджет участі"):
    return poll_for(audience=audience_create(whole_city=True), state=state, title=title)


def test_an_editor_sees_the_polls_menu_and_the_list_with_state_and_turnout(client, editor, city):
    poll = city_poll(state="open")
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("polls_admin:index") in home
    page = client.get(reverse("polls_admin:index")).content.decode()
    assert poll.title in page
    assert str(Poll.State.OPEN.label) in page
    assert "0 / 25" in page  # ballots / eligible (frozen at opening)


def test_staff_without_a_poll_role_neither_see_nor_open_the_polls(client, city):
    city_poll()
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Registrars"))
    client.force_login(staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("polls_admin:index") not in home
    # Wagtail answers a PermissionDenied with a redirect to the dashboard.
    assert client.get(reverse("polls_admin:index")).status_code in (302, 403)
    assert client.get(reverse("polls_admin:create")).status_code in (302, 403)
    assert client.post(reverse("polls_admin:create"), form_data()).status_code != 200
    assert not Poll.objects.filter(title="Новий сквер на Садовій").exists()


def test_an_editor_creates_a_draft_with_its_questions_and_audience(client, editor, city):
    client.force_login(editor)
    response = client.post(reverse("polls_admin:create"), form_data())
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("polls_admin:detail", args=[poll.pk])
    assert poll.state == Poll.State.DRAFT
    assert poll.secrecy == Poll.Secrecy.SECRET
    assert poll.creator == editor and poll.creator_kind == "editor"
    assert poll.audience.whole_city
    questions = list(poll.questions.order_by("position"))
    assert [(q.text, q.kind, q.max_choices) for q in questions] == [
        ("Яку породу дерев обрати?", "single", 1),
        ("Що ще додати?", "multiple", 2),
    ]
    assert [o.text for o in questions[0].options.order_by("position")] == ["Липа", "Клен", "Каштан"]


def test_a_form_without_questions_is_shown_again_and_creates_nothing(client, editor, city):
    client.force_login(editor)
    data = form_data(**{"questions-0-text": "", "questions-1-text": ""})
    response = client.post(reverse("polls_admin:create"), data)
    assert response.status_code == 200
    assert _("Ask at least one question.") in response.content.decode()
    assert not Poll.objects.exists()
    assert not Audience.objects.exists()


def test_a_multiple_choice_allowing_more_than_its_options_is_refused(client, editor, city):
    client.force_login(editor)
    data = form_data(**{"questions-1-max_choices": "4"})
    response = client.post(reverse("polls_admin:create"), data)
    assert _("At most as many as there are options.") in response.content.decode()
    assert not Poll.objects.exists()


def test_room_for_one_more_question_adds_a_row_and_saves_nothing(client, editor, city):
    client.force_login(editor)
    response = client.post(reverse("polls_admin:create"), {**form_data(), "add_question": "1"})
    assert response.status_code == 200
    assert 'name="questions-3-text"' in response.content.decode()
    assert not Poll.objects.exists()


def test_a_small_audience_makes_an_open_vote_and_says_so(client, editor):
    district = DistrictFactory(slug="mali", name_uk="Малий", name_en="Small")
    residents_of(district, 3)
    client.force_login(editor)
    data = form_data(whole_city="", districts=[district.pk])
    response = client.post(reverse("polls_admin:create"), data, follow=True)
    poll = Poll.objects.get()
    assert poll.secrecy == Poll.Secrecy.OPEN
    assert str(Poll.Secrecy.OPEN.label) in response.content.decode()


def test_a_deputy_creates_a_poll_for_their_district(client, city):
    deputy = deputy_of(city)
    client.force_login(deputy)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps(_("Polls")) in home  # the sidebar's menu is JSON in the page
    data = form_data(creator_kind="deputy", district=city.pk, whole_city="", districts=[city.pk])
    response = client.post(reverse("polls_admin:create"), data)
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert (poll.creator_kind, poll.district, poll.creator) == ("deputy", city, deputy)


def test_a_deputy_is_refused_another_district_and_nothing_is_left_behind(client, city):
    other = DistrictFactory(slug="inshyi", name_uk="Інший", name_en="Other")
    client.force_login(deputy_of(city))
    data = form_data(creator_kind="deputy", district=city.pk, whole_city="", districts=[other.pk])
    response = client.post(reverse("polls_admin:create"), data)
    assert response.status_code == 200
    assert _("You may not create a poll for this audience.") in response.content.decode()
    assert not Poll.objects.exists()
    assert not Audience.objects.exists()


def test_a_deputy_cannot_act_as_an_editor(client, city):
    client.force_login(deputy_of(city))
    response = client.post(reverse("polls_admin:create"), form_data(creator_kind="editor"))
    assert response.status_code == 200
    assert not Poll.objects.exists()


def test_a_deputy_neither_sees_nor_moves_an_editors_poll(client, city):
    poll = city_poll()
    client.force_login(deputy_of(city))
    assert poll.title not in client.get(reverse("polls_admin:index")).content.decode()
    assert client.get(reverse("polls_admin:detail", args=[poll.pk])).status_code == 404
    assert client.post(reverse("polls_admin:schedule", args=[poll.pk])).status_code == 404
    poll.refresh_from_db()
    assert poll.state == Poll.State.DRAFT


def test_an_editor_corrects_a_draft(client, editor, city):
    poll = city_poll()
    client.force_login(editor)
    edit_page = client.get(reverse("polls_admin:edit", args=[poll.pk])).content.decode()
    assert poll.title in edit_page and "Де поставити нову зупинку?" in edit_page
    data = form_data(
        title="Бюджет участі: уточнено",
        **{"questions-INITIAL_FORMS": "0", "questions-1-text": ""},
    )
    response = client.post(reverse("polls_admin:edit", args=[poll.pk]), data)
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.title == "Бюджет участі: уточнено"
    assert list(poll.questions.values_list("text", flat=True)) == ["Яку породу дерев обрати?"]


def test_only_a_draft_can_be_edited(client, editor, city):
    poll = city_poll(state="scheduled")
    client.force_login(editor)
    response = client.post(reverse("polls_admin:edit", args=[poll.pk]), form_data(), follow=True)
    assert _("Only a draft poll can be changed.") in response.content.decode()
    poll.refresh_from_db()
    assert poll.title == "Бюджет участі"


def test_the_steps_of_a_poll_call_the_services_and_show_their_refusals(client, editor, city):
    poll = city_poll()
    client.force_login(editor)

    def step(name):
        response = client.post(reverse(f"polls_admin:{name}", args=[poll.pk]), follow=True)
        poll.refresh_from_db()
        return response.content.decode()

    assert _("The poll is scheduled: it opens by itself at its opening time.") in step("schedule")
    assert poll.state == Poll.State.SCHEDULED
    assert REFUSED_TRANSITION in step("publish")
    assert poll.state == Poll.State.SCHEDULED
    step("open")  # the factory's poll opened an hour ago
    assert poll.state == Poll.State.OPEN and poll.eligible_count == 25
    assert _("The poll closes at its closing time.") in step("close")
    assert poll.state == Poll.State.OPEN


def test_open_now_opens_a_scheduled_poll_early_and_moves_its_opening_time(client, editor, city):
    client.force_login(editor)
    client.post(reverse("polls_admin:create"), form_data())  # opens in two days
    poll = Poll.objects.get()
    holder_keys_create(poll)
    client.post(reverse("polls_admin:schedule", args=[poll.pk]))
    client.post(reverse("polls_admin:open", args=[poll.pk]), follow=True)
    before = poll.opens_at
    poll.refresh_from_db()
    assert poll.state == Poll.State.OPEN
    assert poll.opens_at < before and poll.opened_at == poll.opens_at


def test_a_closed_poll_is_published_from_the_admin_once_its_key_holders_gave_their_keys(
    client, editor, city
):
    poll = city_poll(state="closed")
    client.force_login(editor)
    response = client.post(reverse("polls_admin:publish", args=[poll.pk]), follow=True)
    assert WAITING_FOR_PRIVATE_KEYS in response.content.decode()
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED
    holder_keys_give(poll)
    client.post(reverse("polls_admin:publish", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.state == Poll.State.PUBLISHED
    assert poll.results["ballots"] == 0


def test_a_draft_names_its_other_key_holders_by_email_and_shows_their_state(client, editor, city):
    observer = UserFactory(email="observer@example.org")
    client.force_login(editor)
    client.post(reverse("polls_admin:create"), form_data(key_holders="Observer@example.org\n"))
    poll = Poll.objects.get()
    holders = list(poll.key_holders.order_by("position").values_list("position", "user"))
    assert holders == [(1, editor.pk), (2, observer.pk)]
    detail = client.get(reverse("polls_admin:detail", args=[poll.pk])).content.decode()
    assert detail.count(_("no key yet")) == 2
    assert reverse("polls:key", args=[poll.slug]) in detail
    response = client.post(reverse("polls_admin:schedule", args=[poll.pk]), follow=True)
    assert WAITING_FOR_PUBLIC_KEYS in response.content.decode()
    poll.refresh_from_db()
    assert poll.state == Poll.State.DRAFT


def test_an_unknown_key_holder_address_is_refused_and_nothing_is_made(client, editor, city):
    client.force_login(editor)
    response = client.post(
        reverse("polls_admin:create"), form_data(key_holders="nobody@example.org")
    )
    assert (
        _("No account has the address %(email)s.") % {"email": "nobody@example.org"}
        in response.content.decode()
    )
    assert not Poll.objects.exists()


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "abc"])
def test_impossible_ids_are_not_found(client, editor, pk):
    client.force_login(editor)
    assert client.get(f"/admin/polls/{pk}/").status_code == 404


def test_steps_need_a_post(client, editor, city):
    poll = city_poll()
    client.force_login(editor)
    assert client.get(reverse("polls_admin:schedule", args=[poll.pk])).status_code == 405


def test_documents_chosen_in_the_form_are_attached_to_the_poll(client, editor, city):
    document = get_document_model().objects.create(
        title="Кошторис", file=SimpleUploadedFile("koshtorys.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    client.force_login(editor)
    data = form_data(
        **{
            "documents-TOTAL_FORMS": "2",
            "documents-0-document": str(document.pk),
            "documents-0-title": "",
            "documents-1-document": "",
            "documents-1-title": "",
        }
    )
    client.post(reverse("polls_admin:create"), data)
    poll = Poll.objects.get()
    assert [(d.document, d.title) for d in poll.documents.all()] == [(document, "Кошторис")]
    detail = client.get(reverse("polls_admin:detail", args=[poll.pk])).content.decode()
    assert "Кошторис" in detail


def test_a_deputys_draft_moved_outside_their_districts_is_refused_and_kept(client, city):
    other = DistrictFactory(slug="dalekyi", name_uk="Далекий", name_en="Far")
    client.force_login(deputy_of(city))
    mine = form_data(creator_kind="deputy", district=city.pk, whole_city="", districts=[city.pk])
    client.post(reverse("polls_admin:create"), mine)
    poll = Poll.objects.get()
    moved = {**mine, "districts": [other.pk], "title": "Перенесено"}
    response = client.post(reverse("polls_admin:edit", args=[poll.pk]), moved)
    assert _("You may not change this poll.") in response.content.decode()
    poll.refresh_from_db()
    assert poll.title == "Новий сквер на Садовій"
    assert list(poll.audience.districts.all()) == [city]
