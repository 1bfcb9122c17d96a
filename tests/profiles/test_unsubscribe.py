"""Stopping one kind of optional email from the email itself: the link every optional email
carries opens a page that asks (GET changes nothing), its form or a mail client's RFC 8058
one-click POST turns the kind off, anything else without a CSRF token is refused, and a
bad or old link is a clear 400. Every app's optional emails carry the link and the headers."""

import re
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from experts import services as experts_services
from experts.models import ExpertDirectoryPage
from meetings.tasks import meeting_notice_send, meeting_reminders_send
from polls.tasks import poll_opened_notify
from profiles.models import Membership, NotificationSetting
from profiles.notifications import notification_kind, notifications_wanted
from profiles.services.blog import post_create
from profiles.services.join_requests import join_request_create
from profiles.services.organizations import membership_change_role
from profiles.unsubscribe import SALT, unsubscribe_token_read, unsubscribe_url
from tests.experts.factories import CompetencyFactory, verified_expert
from tests.meetings.factories import house_with_coowners, meeting_for
from tests.polls.factories import poll_with_voters
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db

ONE_CLICK = "List-Unsubscribe=One-Click"
LINK = re.compile(r"https?://\S+/notifications/unsubscribe/[^/\s]+/")


def _path(url: str) -> str:
    return urlsplit(url).path


def _link_in(message) -> str:
    return _path(LINK.search(message.body).group(0))


def _named_by(path: str) -> tuple:
    user, kind = unsubscribe_token_read(path.rstrip("/").rsplit("/", 1)[1])
    return user, kind.key


def _label(kind: str) -> str:
    with translation.override("uk"):
        return escape(str(notification_kind(kind).label))


def _one_click(client: Client, path: str):
    return client.post(path, ONE_CLICK, content_type="application/x-www-form-urlencoded")


@dataclass
class Reminded:
    owner: object
    path: str  # of the unsubscribe link in the reminder the owner got
    meeting: object


@pytest.fixture
def reminded():
    """A co-owner who has not voted, and the reminder they got through the real task."""
    house = house_with_coowners(areas=["60.00", "40.00"])
    meeting = meeting_for(house, state="voting", window_days=3)
    mail.outbox.clear()
    assert meeting_reminders_send.call(meeting_id=meeting.pk, kind="reminder_3") == 2
    owner = house.owners[0]
    message = next(m for m in mail.outbox if m.to == [owner.email])
    return Reminded(owner=owner, path=_link_in(message), meeting=meeting)


def test_the_reminders_link_opens_a_page_that_asks_and_changes_nothing(client, reminded):
    owner, path = reminded.owner, reminded.path
    page = client.get(path)
    assert page.status_code == 200
    body = page.content.decode()
    assert _label("meetings.reminder") in body
    assert '<form method="post"' in body and "csrfmiddlewaretoken" in body
    assert reverse("profiles:notifications") in body
    assert notifications_wanted(owner, "meetings.reminder") is True
    assert not NotificationSetting.objects.filter(user=owner).exists()


def test_the_pages_form_turns_that_kind_off_and_only_it(reminded):
    owner, path = reminded.owner, reminded.path
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    done = browser.post(path, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert _label("meetings.reminder") in done.content.decode()
    assert reverse("profiles:notifications") in done.content.decode()
    assert notifications_wanted(owner, "meetings.reminder") is False
    assert notifications_wanted(owner, "meetings.notice") is True


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_mail_clients_one_click_post_needs_no_csrf_token(reminded, encoding):
    owner, path = reminded.owner, reminded.path
    mail_client = Client(enforce_csrf_checks=True)
    if encoding == "urlencoded":
        response = _one_click(mail_client, path)
    else:
        response = mail_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert notifications_wanted(owner, "meetings.reminder") is False


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"confirm": "yes"},
        {"List-Unsubscribe": "One-Click", "then": "more"},
        {"List-Unsubscribe": "Two-Clicks"},
    ],
)
def test_any_other_post_without_a_csrf_token_is_refused(reminded, data):
    owner, path = reminded.owner, reminded.path
    response = Client(enforce_csrf_checks=True).post(path, data)
    assert response.status_code == 403
    assert notifications_wanted(owner, "meetings.reminder") is True
    assert not NotificationSetting.objects.filter(user=owner).exists()


def test_a_one_click_body_sent_as_plain_text_is_not_the_one_click_form(reminded):
    owner, path = reminded.owner, reminded.path
    response = Client(enforce_csrf_checks=True).post(path, ONE_CLICK, content_type="text/plain")
    assert response.status_code == 403
    assert notifications_wanted(owner, "meetings.reminder") is True


@pytest.mark.parametrize("method", ["get", "one_click"])
def test_a_tampered_link_is_a_clear_400_and_changes_nothing(client, reminded, method):
    owner, path = reminded.owner, reminded.path
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"u": owner.pk, "k": "meetings.reminder"}, salt="another.purpose")
    for bad in [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "x"]:
        bad_path = reverse("profiles:unsubscribe", kwargs={"token": bad})
        response = client.get(bad_path) if method == "get" else _one_click(client, bad_path)
        assert response.status_code == 400
        assert reverse("profiles:notifications") in response.content.decode()
    assert not NotificationSetting.objects.filter(user=owner).exists()


def test_a_link_older_than_ninety_days_is_a_400_and_changes_nothing(client, monkeypatch):
    user = profiled_user(email="old@example.org")
    with monkeypatch.context() as then:
        long_ago = time.time() - timedelta(days=91).total_seconds()
        then.setattr(time, "time", lambda: long_ago)
        with translation.override("uk"):
            path = _path(unsubscribe_url(user=user, kind="polls.opened"))
    assert client.get(path).status_code == 400
    assert _one_click(client, path).status_code == 400
    assert notifications_wanted(user, "polls.opened") is True


def test_a_link_of_an_account_that_is_gone_is_a_400(client):
    user = profiled_user(email="gone@example.org")
    with translation.override("uk"):
        path = _path(unsubscribe_url(user=user, kind="polls.opened"))
    user.delete()
    assert _one_click(client, path).status_code == 400
    assert not NotificationSetting.objects.exists()


def test_the_link_names_the_account_never_its_address(reminded):
    owner, path = reminded.owner, reminded.path
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert owner.email not in path
    assert signing.loads(token, salt=SALT) == {"u": owner.pk, "k": "meetings.reminder"}


def test_the_one_click_post_is_rate_limited_like_other_public_writes(reminded):
    path = reminded.path
    mail_client = Client(enforce_csrf_checks=True)
    statuses = {_one_click(mail_client, path).status_code for _ in range(30)}
    assert statuses == {200}
    assert _one_click(mail_client, path).status_code == 429


def _assert_stops(message, user, kind: str) -> None:
    """The message carries RFC 8058 headers and a body link, both stopping `kind` for `user`."""
    headers = message.extra_headers
    assert headers["List-Unsubscribe-Post"] == ONE_CLICK
    address = headers["List-Unsubscribe"]
    assert address.startswith("<http") and address.endswith(">")
    assert _named_by(_path(address[1:-1])) == (user, kind)
    assert _named_by(_link_in(message)) == (user, kind)
    assert message.to == [user.email]


@pytest.mark.parametrize(
    ("send", "kind"),
    [
        (lambda m: meeting_notice_send.call(meeting_id=m.pk), "meetings.notice"),
        (
            lambda m: meeting_reminders_send.call(meeting_id=m.pk, kind="reminder_1"),
            "meetings.reminder",
        ),
    ],
    ids=["notice", "reminder"],
)
def test_meetings_emails_carry_the_unsubscribe_headers(send, kind):
    house = house_with_coowners(areas=["100.00"])
    meeting = meeting_for(house, state="voting")
    mail.outbox.clear()
    assert send(meeting) == 1
    _assert_stops(mail.outbox[-1], house.owners[0], kind)


def test_the_poll_opened_email_carries_the_unsubscribe_headers():
    poll, voters = poll_with_voters(voters=2, secrecy="open")
    mail.outbox.clear()
    assert poll_opened_notify.call(poll_id=poll.pk) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    for voter in voters:
        _assert_stops(by_address[voter.email], voter, "polls.opened")


def test_join_request_emails_go_one_per_manager_with_their_own_link(
    organization, owner, admin_member, outsider, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        join_request_create(organization=organization, user=outsider)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["admin@example.org", "owner@example.org"]
    _assert_stops(by_address[owner.email], owner, "profiles.join_requests")
    _assert_stops(by_address[admin_member.email], admin_member, "profiles.join_requests")


def test_the_team_change_email_carries_the_unsubscribe_headers(
    organization, owner, plain_member, django_capture_on_commit_callbacks
):
    membership = Membership.objects.get(organization=organization, user=plain_member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_change_role(membership=membership, actor=owner, role=Membership.Role.ADMIN)
    _assert_stops(mail.outbox[-1], plain_member, "profiles.team_changes")


def test_the_organization_post_email_carries_the_unsubscribe_headers(
    organization, owner, plain_member, django_capture_on_commit_callbacks
):
    plain_member.notification_settings.create(kind="profiles.organization_posts", wanted=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_create(
            author=owner, organization=organization, title="Збори", body_markdown="У суботу",
            publish=True,
        )  # fmt: skip
    _assert_stops(mail.outbox[-1], plain_member, "profiles.organization_posts")


def test_the_experts_question_email_carries_the_unsubscribe_headers(
    home_page, english, django_capture_on_commit_callbacks
):
    directory = ExpertDirectoryPage(title="Експерти", slug="experts", show_in_menus=True)
    home_page.add_child(instance=directory)
    directory.save_revision().publish()
    heating = CompetencyFactory(slug="heating-engineer", name="Інженер-теплотехнік")
    expert = verified_expert(heating, email="expert@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        experts_services.question_ask(
            asker=profiled_user(email="asker@example.org"),
            competency=heating,
            title="Чому холодно в кутовій квартирі?",
            body="Батареї гарячі, а в кімнаті 17.",
        )
    _assert_stops(mail.outbox[-1], expert.user, "experts.questions")


def test_after_one_click_the_last_days_reminder_skips_that_person(reminded):
    _one_click(Client(enforce_csrf_checks=True), reminded.path)
    mail.outbox.clear()
    assert meeting_reminders_send.call(meeting_id=reminded.meeting.pk, kind="reminder_1") == 1
    assert reminded.owner.email not in [message.to[0] for message in mail.outbox]
