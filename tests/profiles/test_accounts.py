"""Accounts: email is the identity, confirmed before use; login is throttled."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, email, password="Kashtany-u-travni-2026"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def test_sign_up_sends_a_confirmation_email_and_does_not_log_in(client):
    response = sign_up(client, "olena@example.org")
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olena@example.org"]
    assert not EmailAddress.objects.get(email="olena@example.org").verified
    assert client.get(reverse("account_cabinet")).status_code == 302


def test_unconfirmed_account_cannot_log_in_until_the_link_is_followed(client):
    sign_up(client, "olena@example.org")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "olena@example.org", "password": "Kashtany-u-travni-2026"},
    )
    assert "confirm-email" in response["Location"]
    assert client.get(reverse("account_cabinet")).status_code == 302

    client.post(link)
    assert EmailAddress.objects.get(email="olena@example.org").verified
    assert client.get(reverse("account_cabinet")).status_code == 200


def test_signing_up_with_a_taken_email_creates_nothing_and_reveals_nothing(client):
    UserFactory(email="taras@example.org")
    response = sign_up(client, "Taras@Example.org")
    # The same answer as for a new address, so nobody can probe who has an account here;
    # the owner is told by email instead.
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert User.objects.filter(email__iexact="taras@example.org").count() == 1
    assert mail.outbox[0].to == ["taras@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_login_is_by_email(client):
    UserFactory(email="ivan@example.org")
    response = client.post(
        reverse("account_login"), {"login": "IVAN@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("account_cabinet")).status_code == 200


def test_password_reset_sends_a_link(client):
    UserFactory(email="ivan@example.org")
    client.post(reverse("account_reset_password"), {"email": "ivan@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    UserFactory(email="ivan@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "ivan@example.org", "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": "ivan@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Занадто багато невдалих спроб входу" in response.content.decode()
    assert client.get(reverse("account_cabinet")).status_code == 302


def test_cabinet_shows_my_email(client):
    user = UserFactory(email="ivan@example.org")
    client.force_login(user)
    html = client.get(reverse("account_cabinet")).content.decode()
    assert "ivan@example.org" in html


def test_editors_and_moderators_groups_exist_with_admin_access(db):
    from django.contrib.auth.models import Group

    for name in ["Editors", "Moderators"]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_signing_up_with_an_address_at_an_ip_literal_is_refused(client):
    response = sign_up(client, "olena@[127.0.0.1]")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(email__icontains="127.0.0.1").exists()
    assert mail.outbox == []


def test_adding_an_address_at_an_ip_literal_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "olena@[IPv6:::1]"}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not EmailAddress.objects.filter(email__icontains="ipv6").exists()
