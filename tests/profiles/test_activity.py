"""The activity lists of profile and organization pages: public items from every provider."""

import datetime

import pytest

from profiles import activity
from profiles.activity import ActivityItem, activity_page
from tests.profiles.factories import BlogPostFactory

pytestmark = pytest.mark.usefixtures("english_ui")


def test_a_persons_activity_lists_published_posts_and_teams_newest_first(owner, organization):
    BlogPostFactory(
        author=owner,
        title="Старий",
        published_at=datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC),
    )
    BlogPostFactory(author=owner, title="Чернетка", state="draft", published_at=None)
    titles = [item.title for item in activity_page(subject=owner, viewer=None)]
    assert titles == [organization.name, "Старий"]


def test_an_organizations_activity_lists_its_posts(organization, owner):
    BlogPostFactory(author=owner, organization=organization, title="Новини")
    titles = [item.title for item in activity_page(subject=organization, viewer=None)]
    assert "Новини" in titles


def test_other_apps_providers_are_merged_in_date_order(owner, monkeypatch):
    def petitions(*, subject, viewer, limit):
        return [
            ActivityItem(
                date=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
                kind="Petition",
                title="Більше лавок",
                url="/petitions/1/",
                role="signed",
            )
        ]

    monkeypatch.setattr(activity, "petitions_provider", petitions, raising=False)
    monkeypatch.setattr(
        activity,
        "ACTIVITY_SOURCES",
        [*activity.ACTIVITY_SOURCES, "profiles.activity.petitions_provider"],
    )
    BlogPostFactory(author=owner, title="Допис")
    assert [i.title for i in activity_page(subject=owner, viewer=None)][0] == "Більше лавок"


def test_activity_is_paginated(owner):
    """25 posts and the team the owner joined: 26 items, 20 to a page."""
    for n in range(25):
        BlogPostFactory(author=owner, title=f"Допис {n}")
    first = activity_page(subject=owner, viewer=None, page=1)
    second = activity_page(subject=owner, viewer=None, page=2)
    assert len(first.object_list) == 20 and first.has_next()
    assert len(second.object_list) == 6 and not second.has_next()


def test_the_profile_page_shows_the_activity(client, owner, organization):
    body = client.get(owner.profile.get_absolute_url()).content.decode()
    assert "Took part in" in body and "joined the team" in body


def test_an_activity_item_without_a_date_is_refused_where_it_is_made():
    with pytest.raises(TypeError):
        ActivityItem(date=None, kind="Project", title="Сквер", url="/projects/skver/")


def test_a_page_number_past_any_database_limit_shows_the_last_page(owner):
    page = activity_page(subject=owner, viewer=None, page=10**18)
    assert page.number == 1 and list(page.object_list)
