"""Flagging ratings and what moderators do about them."""

import pytest

from experts import services
from experts.errors import RatingError
from experts.models import ModerationAction, RatingFlag
from tests.experts.factories import rate
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def rating(completed_team):
    return rate(completed_team, completed_team.resident, completed_team.expert.user, (1, 1, 1, 1))


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_anyone_signed_in_can_flag_a_rating_once(rating):
    reporter = UserFactory()
    services.rating_flag(rating=rating, user=reporter, reason="Це помста")
    with pytest.raises(RatingError, match="already reported"):
        services.rating_flag(rating=rating, user=reporter, reason="Ще раз")
    assert RatingFlag.objects.get().resolution == RatingFlag.Resolution.OPEN


def test_a_flag_needs_a_reason(rating):
    with pytest.raises(RatingError, match="what is wrong"):
        services.rating_flag(rating=rating, user=UserFactory(), reason="  ")


def test_a_moderator_hides_a_flagged_rating_and_its_flags_close(rating, moderator):
    services.rating_flag(rating=rating, user=UserFactory(), reason="Образи")
    services.rating_hide(rating=rating, by=moderator, reason="Образи в коментарі")
    rating.refresh_from_db()
    assert rating.is_hidden
    assert rating.hidden_by == moderator
    assert RatingFlag.objects.get().resolution == RatingFlag.Resolution.HIDDEN


def test_a_moderator_can_dismiss_flags_and_the_rating_stays(rating, moderator):
    services.rating_flag(rating=rating, user=UserFactory(), reason="Не згоден")
    services.ratings_flags_dismiss(rating=rating, by=moderator)
    rating.refresh_from_db()
    assert not rating.is_hidden
    assert RatingFlag.objects.get().resolution == RatingFlag.Resolution.DISMISSED


def test_a_moderator_can_restore_a_hidden_rating(rating, moderator):
    services.rating_hide(rating=rating, by=moderator, reason="Перевірка")
    services.rating_restore(rating=rating, by=moderator)
    rating.refresh_from_db()
    assert not rating.is_hidden


def test_people_who_are_not_moderators_cannot_hide_ratings(rating, completed_team):
    with pytest.raises(RatingError, match="Only moderators"):
        services.rating_hide(rating=rating, by=completed_team.expert.user, reason="Не подобається")
    rating.refresh_from_db()
    assert not rating.is_hidden


def test_a_hidden_rating_disappears_from_the_expert_page(client, directory, rating, moderator):
    expert = rating.expert.expert_profile
    url = directory.url + directory.reverse_subpage("expert", args=[expert.pk])
    rating.comment = "Жахлива робота"
    rating.save()
    assert "Жахлива робота" in client.get(url).content.decode()
    services.rating_hide(rating=rating, by=moderator, reason="Образи")
    assert "Жахлива робота" not in client.get(url).content.decode()


def test_hiding_a_rating_needs_a_reason_and_is_logged(rating, moderator):
    with pytest.raises(RatingError, match="Say why"):
        services.rating_hide(rating=rating, by=moderator, reason="")
    services.rating_hide(rating=rating, by=moderator, reason="Образи")
    services.rating_restore(rating=rating, by=moderator, reason="Автор виправив")
    log = [
        (e.action, e.moderator, e.reason, e.rating) for e in ModerationAction.objects.order_by("pk")
    ]
    assert log == [
        ("hide", moderator, "Образи", rating),
        ("restore", moderator, "Автор виправив", rating),
    ]
