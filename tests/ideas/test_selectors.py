"""The public lists: only public ideas, filters that match nothing give nothing, the three
sorts, and the cumulative curve of supporters."""

from datetime import timedelta

from django.utils import timezone

import pytest

from ideas.models import Support
from ideas.selectors import ideas_listed, ideas_with_place, support_series
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def test_the_list_shows_active_public_ideas_only(make_idea):
    shown = make_idea("published")
    make_idea("draft")
    make_idea("published", hidden_at=timezone.now())
    rejected = make_idea("rejected")
    assert list(ideas_listed()) == [shown]
    assert list(ideas_listed(state="rejected")) == [rejected]
    assert set(ideas_listed(state="all")) == {shown, rejected}


@pytest.mark.parametrize("state", ["draft", "nonsense", "<script>"])
def test_a_state_that_is_not_public_lists_nothing(make_idea, state):
    make_idea("draft")
    assert list(ideas_listed(state=state)) == []


def test_filters_by_district_topic_and_the_city(make_idea, district, other_district):
    here = make_idea("published", topics=["зелень"])
    there = make_idea("published", district=other_district)
    city = make_idea("published", district=None)
    assert list(ideas_listed(district=district)) == [here]
    assert list(ideas_listed(district=other_district.slug)) == [there]
    assert list(ideas_listed(district="city")) == [city]
    assert list(ideas_listed(topic="зелень")) == [here]
    assert list(ideas_listed(district="nowhere")) == []


def test_sorts(make_idea):
    now = timezone.now()
    old = make_idea("published", threshold=10, supporters=7, published_at=now - timedelta(days=9))
    new = make_idea("published", threshold=100, supporters=2, published_at=now)
    reviewed = make_idea("under_review", threshold=5, supporters=8)
    assert list(ideas_listed(sort="recent"))[:1] == [new]
    assert list(ideas_listed(sort="supported"))[0] == reviewed
    assert list(ideas_listed(sort="closest")) == [old, new, reviewed]
    assert list(ideas_listed(sort="bogus"))[:1] == [new]


def test_ideas_with_a_place(make_idea):
    placed = make_idea("published", latitude="50.45", longitude="30.52")
    make_idea("published")
    assert list(ideas_with_place()) == [placed]


def test_support_series_is_cumulative_in_steps_of_at_least_5(make_idea):
    idea = make_idea("published", author_supports=False)
    day = timezone.now() - timedelta(days=10)
    for offset, count in ((0, 2), (1, 0), (2, 3), (3, 1), (4, 6), (5, 2)):
        for person in factories.people(count):
            Support.objects.create(idea=idea, user=person, created_at=day + timedelta(days=offset))
    series = support_series(idea=idea)
    # 2 + 3 on days 0 and 2 make the first step; 1 + 6 the second; the last 2 join it.
    assert [total for _day, total in series] == [5, 14]
    # Days are the city's days (its time zone), whatever the hour of the run.
    assert series[0][0] == timezone.localdate(day + timedelta(days=2))
    assert series[1][0] == timezone.localdate(day + timedelta(days=5))
    steps = [b - a for (_d, a), (_e, b) in zip([(None, 0), *series], series, strict=False)]
    assert min(steps) >= 5


def test_a_support_series_under_5_is_one_row_of_the_total(make_idea):
    idea = make_idea("published", author_supports=False)
    for person in factories.people(3):
        Support.objects.create(idea=idea, user=person)
    assert [total for _day, total in support_series(idea=idea)] == [3]
