"""The cabinet's library section and the full, paginated list of my contributions behind it."""

from django.urls import reverse

import pytest

from library.models import Contribution
from tests.factories import UserFactory
from tests.library.factories import GuideFactory

pytestmark = pytest.mark.django_db

State = Contribution.State


def contribution(user, topic, *, title, state=State.IN_REVIEW, comment=""):
    """A contribution in `state`, its page live only once published."""
    published = state == State.PUBLISHED
    page = GuideFactory(parent=topic, title=title, live=published, publish=published)
    return Contribution.objects.create(
        page=page, contributor=user, kind="guide", state=state, editor_comment=comment
    )


def test_my_contributions_page_requires_signing_in(client):
    response = client.get(reverse("library:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_contributions_lists_mine_in_every_review_state_and_no_one_elses(client, citizen, topic):
    contribution(citizen, topic, title="Моя на розгляді")
    contribution(citizen, topic, title="Моя опублікована", state=State.PUBLISHED)
    changes = contribution(
        citizen,
        topic,
        title="Моя на доопрацюванні",
        state=State.CHANGES_REQUESTED,
        comment="Додайте фото.",
    )
    contribution(citizen, topic, title="Моя відхилена", state=State.REJECTED)
    contribution(UserFactory(), topic, title="Чужа інструкція")
    client.force_login(citizen)
    body = client.get(reverse("library:mine")).content.decode()
    for title in ("Моя на розгляді", "Моя опублікована", "Моя на доопрацюванні", "Моя відхилена"):
        assert title in body
    assert "Чужа інструкція" not in body
    for label in ("На розгляді", "Опубліковано", "Потрібні зміни", "Відхилено"):
        assert label in body
    assert "Додайте фото." in body
    assert f"/contributions/{changes.pk}/edit/" in body


def test_a_published_contribution_links_to_its_page(client, citizen, topic):
    published = contribution(citizen, topic, title="Моя опублікована", state=State.PUBLISHED)
    client.force_login(citizen)
    body = client.get(reverse("library:mine")).content.decode()
    assert f'href="{published.page.url}"' in body


def test_my_contributions_are_paginated(client, citizen, topic):
    for n in range(21):
        contribution(citizen, topic, title=f"Інструкція {n}")
    client.force_login(citizen)
    first = client.get(reverse("library:mine"))
    second = client.get(reverse("library:mine"), {"page": 2})
    assert len(first.context["page"].object_list) == 20 and first.context["page"].has_next()
    assert len(second.context["page"].object_list) == 1
    assert "?page=2" in first.content.decode()


def test_the_cabinet_shows_the_latest_few_and_links_to_the_full_list(client, citizen, topic):
    for n in range(7):
        contribution(citizen, topic, title=f"Інструкція {n}")
    client.force_login(citizen)
    body = client.get(reverse("account_cabinet")).content.decode()
    assert reverse("library:mine") in body
    assert body.count("<h3>Інструкція ") == 5
