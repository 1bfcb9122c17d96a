"""One way in: every login goes through allauth's form, throttled and for confirmed emails
only; Wagtail's login address sends there, and there is no Django admin to sign in to."""

from urllib.parse import unquote

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def way_in_to_the_admin(client: Client) -> str:
    """Where someone who opens the admin is sent to sign in (following every redirect)."""
    response = client.get("/admin/", follow=True)
    return response.request["PATH_INFO"] + "?" + unquote(response.request["QUERY_STRING"])


def credentials(email: str, password: str) -> dict:
    """What every login form here might read: allauth's `login`, Wagtail's and Django's
    `username`."""
    return {"login": email, "username": email, "password": password}


def test_opening_the_admin_leads_to_allauths_login_and_back():
    assert way_in_to_the_admin(Client()) == "/accounts/login/?next=/admin/"


def test_wagtails_login_address_sends_to_allauths_login():
    response = Client().get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_a_password_posted_to_wagtails_login_is_never_checked():
    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    client = Client()

    response = client.post("/admin/login/", credentials(editor.email, PASSWORD))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not signed_in(client)


def test_there_is_no_django_admin():
    assert Client().get("/django-admin/login/").status_code == 404


def test_wagtails_own_password_reset_is_gone():
    assert Client().get("/admin/password_reset/").status_code == 404


def test_staff_sign_in_through_allauth_and_reach_the_admin():
    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    client = Client()

    response = client.post(way_in_to_the_admin(client), credentials(editor.email, PASSWORD))

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_citizen_who_opens_the_admin_is_sent_home_not_round_in_circles():
    client = Client()
    client.force_login(UserFactory(email="olena@example.org"))

    response = client.get("/admin/", follow=True)

    assert response.request["PATH_INFO"] == "/"
    assert response.status_code == 200


LOGIN_FORMS = {
    "allauth": lambda client: "/accounts/login/",
    "allauth-in-english": lambda client: "/en/accounts/login/",
    "wagtail-admin": way_in_to_the_admin,
}


@pytest.mark.parametrize("login_form", LOGIN_FORMS.values(), ids=LOGIN_FORMS.keys())
def test_the_eleventh_wrong_password_from_one_address_is_refused_with_429(login_form):
    UserFactory(email="editor@example.org", is_staff=True)
    client = Client(REMOTE_ADDR=ADDRESS)
    login_url = login_form(client)
    wrong = credentials("editor@example.org", "wrong")

    answers = [client.post(login_url, wrong).status_code for _ in range(11)]

    assert answers == [200] * 10 + [429]


def test_the_right_password_is_refused_too_once_an_address_has_flooded():
    UserFactory(email="editor@example.org", is_staff=True)
    client = Client(REMOTE_ADDR=ADDRESS)
    for n in range(10):
        client.post(reverse("account_login"), credentials(f"guess{n}@example.org", "wrong"))

    response = client.post(reverse("account_login"), credentials("editor@example.org", PASSWORD))

    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize(
    "login_url",
    ["/accounts/login/", "/en/accounts/login/", "/admin/login/", "/django-admin/login/"],
)
def test_an_unconfirmed_account_can_log_in_nowhere(login_url):
    """Not even a superuser: the admin's forms once let such an account in, and from there
    anywhere on the site (organizations, blog, questions to experts)."""
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True, confirmed=False)
    client = Client()

    client.post(login_url, credentials(root.email, PASSWORD))

    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302
