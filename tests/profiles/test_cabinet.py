"""The personal cabinet: my profile, organizations and invitations, blog, notification
settings and data, each list paginated and linked."""

from django.urls import reverse

import pytest

from profiles.models import Membership
from profiles.notifications import UnknownNotificationKind, notifications_wanted
from profiles.selectors import CABINET_SECTIONS
from tests.factories import UserFactory
from tests.profiles.factories import BlogPostFactory, OrganizationFactory, member, profiled_user

pytestmark = pytest.mark.usefixtures("english_ui")


def test_the_cabinet_needs_signing_in(client, db):
    assert "/accounts/login/" in client.get(reverse("account_cabinet"))["Location"]


def test_the_cabinet_shows_each_of_my_sections_with_links(client, db):
    user = profiled_user(display_name="Олена Коваль")
    client.force_login(user)
    body = client.get(reverse("account_cabinet")).content.decode()
    for title in [
        "My profile",
        "My organizations and invitations",
        "My blog",
        "Notification settings",
        "My data",
    ]:
        assert title in body
    for name in ["profile_edit", "status", "my_data", "notifications", "post_new"]:
        assert reverse(f"profiles:{name}") in body


def test_other_apps_sections_are_listed_for_the_cabinet():
    assert CABINET_SECTIONS[0] == "profiles.selectors.profile_section"
    assert len(CABINET_SECTIONS) == len(set(CABINET_SECTIONS))


def test_a_person_without_a_name_is_asked_to_choose_one(client, db):
    client.force_login(UserFactory())
    assert (
        "Choose the name others will see" in client.get(reverse("account_cabinet")).content.decode()
    )


def test_the_cabinet_lists_my_organizations_and_links_to_all_of_them(client, db):
    user = profiled_user()
    for n in range(7):
        member(OrganizationFactory(name=f"Організація {n:02d}"), user, Membership.Role.MEMBER)
    client.force_login(user)
    body = client.get(reverse("account_cabinet")).content.decode()
    assert "Організація 04" in body and "Організація 05" not in body
    assert "All my organizations (7)" in body


def test_my_organizations_are_paginated(client, db):
    user = profiled_user()
    for n in range(23):
        member(OrganizationFactory(name=f"Організація {n:02d}"), user)
    client.force_login(user)
    first = client.get(reverse("profiles:my_organizations")).content.decode()
    second = client.get(reverse("profiles:my_organizations"), {"page": 2}).content.decode()
    assert "Організація 19" in first and "Організація 20" not in first
    assert "Організація 22" in second and 'rel="prev"' in second


def test_my_blog_lists_drafts_and_published_posts_paginated(client, db):
    user = profiled_user()
    for n in range(21):
        BlogPostFactory(author=user, title=f"Допис {n:02d}", state="draft", published_at=None)
    client.force_login(user)
    body = client.get(reverse("profiles:my_blog")).content.decode()
    assert "Draft" in body and 'rel="next"' in body


def test_notification_settings_are_saved_and_read_by_other_apps(client, db):
    user = profiled_user()
    assert notifications_wanted(user, "profiles.join_requests") is True
    client.force_login(user)
    client.post(reverse("profiles:notifications"), {"profiles.organization_posts": "on"})
    assert notifications_wanted(user, "profiles.join_requests") is False
    assert notifications_wanted(user, "profiles.organization_posts") is True


def test_asking_about_an_unregistered_kind_of_email_fails_loudly(db):
    with pytest.raises(UnknownNotificationKind):
        notifications_wanted(UserFactory(), "petitions.typo")


def test_deactivated_accounts_want_no_emails(db):
    user = UserFactory(is_active=False)
    assert notifications_wanted(user, "profiles.team_changes") is False
