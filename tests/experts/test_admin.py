"""The Wagtail admin: the verification queue, the flagged-ratings queue, the vocabulary."""

from html import unescape

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from experts import services
from experts.models import Competency, CompetencyClaim, RatingFlag
from tests.experts.factories import ClaimFactory, rate
from tests.factories import UserFactory
from tests.refused_forms import assert_refused_on

pytestmark = pytest.mark.django_db


def staff_in(group_name: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def pending_claim(heating):
    return ClaimFactory(
        tag=heating, status=CompetencyClaim.Status.PENDING, evidence="Сертифікат № 4521"
    )


def test_moderators_see_applications_waiting_for_verification(client, pending_claim):
    client.force_login(staff_in("Moderators"))
    index = client.get(reverse("experts_competencyclaim_modeladmin_index"))
    assert index.status_code == 200
    assert pending_claim.content_object.display_name in index.content.decode()
    inspect = client.get(
        reverse("experts_competencyclaim_modeladmin_inspect", args=[pending_claim.pk])
    )
    assert "Сертифікат № 4521" in inspect.content.decode()


def test_a_moderator_verifies_an_application_from_the_queue(client, pending_claim):
    client.force_login(staff_in("Moderators"))
    response = client.post(
        reverse("experts_claim_review", args=[pending_claim.pk]),
        {"decision": "verify", "note": "Перевірено в реєстрі"},
    )
    assert response.status_code == 302
    pending_claim.refresh_from_db()
    assert pending_claim.is_verified
    assert pending_claim.review_note == "Перевірено в реєстрі"


@pytest.mark.parametrize("note", ["Перевірено в реєстрі. " * 60, "Перевірено\x00"])
def test_a_note_that_cannot_be_kept_shows_the_application_again_with_it(
    client, pending_claim, note
):
    client.force_login(staff_in("Moderators"))
    response = client.post(
        reverse("experts_claim_review", args=[pending_claim.pk]),
        {"decision": "verify", "note": note},
    )
    assert_refused_on(response, response.context["review_form"], "note", note)
    assert response.context["instance"] == pending_claim
    pending_claim.refresh_from_db()
    assert pending_claim.status == CompetencyClaim.Status.PENDING
    assert pending_claim.review_note == ""


def test_a_review_without_verify_or_reject_rejects_nothing_and_keeps_the_note(
    client, pending_claim
):
    client.force_login(staff_in("Moderators"))
    response = client.post(
        reverse("experts_claim_review", args=[pending_claim.pk]), {"note": "Додайте диплом"}
    )
    assert response.status_code == 200
    form = response.context["review_form"]
    assert list(form.errors) == ["decision"]
    html = unescape(response.content.decode())
    assert form.errors["decision"][0] in html
    assert 'href="#id_decision"' in html and 'id="id_decision"' in html
    assert "Додайте диплом" in html
    pending_claim.refresh_from_db()
    assert pending_claim.status == CompetencyClaim.Status.PENDING
    assert pending_claim.review_note == ""


def test_editors_cannot_verify_applications(client, pending_claim):
    client.force_login(staff_in("Editors"))
    response = client.post(
        reverse("experts_claim_review", args=[pending_claim.pk]), {"decision": "verify"}
    )
    assert response.status_code == 302  # Wagtail sends them to the dashboard with a warning
    assert response.url == reverse("wagtailadmin_home")
    pending_claim.refresh_from_db()
    assert pending_claim.status == CompetencyClaim.Status.PENDING


def test_the_queue_offers_no_editing_by_hand(client, pending_claim):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(
        reverse("experts_competencyclaim_modeladmin_edit", args=[pending_claim.pk])
    )
    assert response.status_code == 302  # modeladmin refuses and sends the user back


def test_a_moderator_hides_a_flagged_rating_from_the_queue(client, completed_team):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user, (1, 1, 1, 1))
    services.rating_flag(rating=rating, user=completed_team.expert.user, reason="Помста")
    client.force_login(staff_in("Moderators"))
    index = client.get(reverse("experts_rating_modeladmin_index"))
    assert "Олена Коваленко" in index.content.decode()
    client.post(
        reverse("experts_rating_moderate", args=[rating.pk]),
        {"action": "hide", "reason": "Підтверджений конфлікт"},
    )
    rating.refresh_from_db()
    assert rating.is_hidden and rating.hidden_reason == "Підтверджений конфлікт"
    assert RatingFlag.objects.get().resolution == RatingFlag.Resolution.HIDDEN


def test_editors_curate_the_competency_vocabulary(client):
    client.force_login(staff_in("Editors"))
    response = client.post(
        reverse("experts_competency_modeladmin_create"),
        {
            "name": "Гідролог",
            "name_en": "Hydrologist",
            "slug": "hydrologist",
            "description": "",
            "description_en": "",
            "sort_order": 20,
        },
    )
    assert response.status_code == 302
    assert Competency.objects.filter(slug="hydrologist", name_en="Hydrologist").exists()
