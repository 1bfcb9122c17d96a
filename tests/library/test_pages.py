"""The library's page tree: what editors may create where, and what readers see."""

from wagtail.models import Page

import pytest

from config.models import HomePage
from library.models import CaseStudyPage, GuidePage, LibraryIndexPage, TopicPage
from tests.library.factories import CaseStudyFactory, GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_library_index_goes_only_under_the_home_page():
    assert LibraryIndexPage.allowed_parent_page_models() == [HomePage]


def test_library_index_holds_only_topics():
    assert LibraryIndexPage.allowed_subpage_models() == [TopicPage]


def test_topics_nest_and_hold_guides_and_case_studies():
    assert set(TopicPage.allowed_parent_page_models()) == {LibraryIndexPage, TopicPage}
    assert set(TopicPage.allowed_subpage_models()) == {TopicPage, GuidePage, CaseStudyPage}


def test_guides_and_case_studies_live_only_in_topics_and_have_no_children():
    for model in (GuidePage, CaseStudyPage):
        assert model.allowed_parent_page_models() == [TopicPage]
        assert model.allowed_subpage_models() == []


def test_a_guide_cannot_be_created_directly_under_the_index(library):
    assert not GuidePage.can_create_at(library)
    assert TopicPage.can_create_at(library)


def test_one_library_index_per_home_page(library, home_page):
    assert not LibraryIndexPage.can_create_at(home_page)


def test_the_abstract_article_type_is_not_offered_to_editors():
    from library.models import ArticlePage

    assert not ArticlePage.is_creatable
    assert GuidePage.is_creatable and CaseStudyPage.is_creatable


def test_guide_page_shows_steps_in_order_with_time_and_authority(client, topic):
    guide = GuideFactory(parent=topic, title="Як створити ОСББ")
    response = client.get(guide.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Як створити ОСББ" in html
    assert html.index("Зберіть сусідів") < html.index("Подайте заяву")
    assert "2 тижні" in html
    assert "Департамент житлово-комунального господарства" in html


def test_case_study_page_shows_problem_approach_outcome_and_facts(client, topic, districts):
    case = CaseStudyFactory(parent=topic, district=districts[0], cost=125000, year=2022)
    html = client.get(case.url).content.decode()
    for text in ("Двір був у ямах.", "Сусіди об'єдналися.", "Новий двір.", "2022"):
        assert text in html
    assert districts[0].name_uk in html


def test_reading_time_counts_the_words_of_steps_and_body(topic):
    long_text = "<p>" + " ".join(["слово"] * 900) + "</p>"
    guide = GuideFactory(
        parent=topic,
        steps=[{"type": "step", "value": {"title": "Крок", "text": long_text}}],
    )
    assert guide.reading_minutes == 6


def test_nested_topic_lists_articles_of_its_subtopics(client, topic):
    subtopic = TopicFactory(parent=topic, title="Освітлення", slug="osvitlennia")
    guide = GuideFactory(parent=subtopic, title="Ліхтарі у дворі")
    html = client.get(topic.url).content.decode()
    assert "Освітлення" in html
    assert guide.title in html


def test_unpublished_article_is_not_found(client, topic):
    guide = GuideFactory(parent=topic)
    url = guide.url
    guide.unpublish()
    assert client.get(url).status_code == 404


def test_page_models_are_all_in_the_tree_under_home(library, topic):
    assert Page.objects.get(pk=topic.pk).get_parent().pk == library.pk
