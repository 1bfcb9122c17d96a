"""Guides and case studies on the pages of the people and organizations credited for them."""

from django.utils import translation

from library.models import ArticleAuthor
from library.selectors import activity_for
from profiles.activity import activity_page
from tests.factories import UserFactory
from tests.library.factories import CaseStudyFactory, GuideFactory
from tests.profiles.factories import OrganizationFactory


def items(subject) -> list:
    with translation.override("en"):
        return activity_for(subject=subject, viewer=None, limit=50)


def credit(page, **who):
    return ArticleAuthor.objects.create(page=page, **who)


def test_a_persons_page_lists_the_guides_they_are_credited_for(client, topic, citizen):
    guide = GuideFactory(parent=topic, title="Як створити ОСББ")
    credit(guide, user=citizen, role=ArticleAuthor.Role.AUTHOR)
    [item] = items(citizen)
    assert (item.title, item.kind, item.role) == ("Як створити ОСББ", "Guide", "Author")
    assert item.url == guide.url
    body = client.get(citizen.profile.get_absolute_url()).content.decode()
    assert "Як створити ОСББ" in body


def test_contributors_are_listed_with_their_role(topic, citizen):
    case = CaseStudyFactory(parent=topic, title="Двір на Липовій")
    credit(case, user=citizen, role=ArticleAuthor.Role.CONTRIBUTOR)
    assert [(i.kind, i.role) for i in items(citizen)] == [("Case study", "Contributor")]


def test_unpublished_articles_are_not_listed(topic, citizen):
    guide = GuideFactory(parent=topic, title="Знято з публікації")
    credit(guide, user=citizen)
    guide.unpublish()
    assert items(citizen) == []


def test_an_article_in_review_is_not_listed(topic, citizen):
    draft = GuideFactory(parent=topic, title="На розгляді", publish=False, live=False)
    credit(draft, user=citizen)
    assert items(citizen) == []


def test_someone_elses_credit_is_not_listed(topic, citizen):
    credit(GuideFactory(parent=topic), user=UserFactory())
    assert items(citizen) == []


def test_an_organizations_page_lists_credits_and_the_case_studies_it_carried_out(client, topic):
    organization = OrganizationFactory(name="ГО «Двір»", slug="dvir")
    credit(GuideFactory(parent=topic, title="Порадник"), organization=organization)
    CaseStudyFactory(parent=topic, title="Наш сквер", organization=organization)
    assert sorted(i.title for i in items(organization)) == ["Наш сквер", "Порадник"]
    body = client.get(organization.get_absolute_url()).content.decode()
    assert "Наш сквер" in body and "Порадник" in body


def test_a_translated_article_is_listed_once_in_the_readers_language(topic, citizen, english):
    guide = GuideFactory(parent=topic, title="Як створити ОСББ")
    credit(guide, user=citizen)
    translated = guide.copy_for_translation(english, copy_parents=True)
    translated.title = "How to set up a condominium"
    translated.save_revision().publish()
    assert [i.title for i in items(citizen)] == ["How to set up a condominium"]
    with translation.override("uk"):
        assert [i.title for i in activity_for(subject=citizen, viewer=None, limit=50)] == [
            "Як створити ОСББ"
        ]


def test_articles_on_a_profile_are_paginated(topic, citizen):
    for _ in range(21):
        credit(GuideFactory(parent=topic), user=citizen)
    assert len(activity_page(subject=citizen, viewer=None, page=1).object_list) == 20
    assert len(activity_page(subject=citizen, viewer=None, page=2).object_list) == 1
