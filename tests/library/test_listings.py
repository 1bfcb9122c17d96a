"""Finding things: listings with filters and sorting, tag pages, related content, feeds."""

from urllib.parse import quote

from django.urls import reverse

from taggit.models import Tag

import pytest

from library.models import ArticleStats
from library.selectors import related_articles
from tests.library.factories import CaseStudyFactory, GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


def test_the_index_pages_through_articles_twelve_at_a_time(client, library, topic):
    for n in range(14):
        GuideFactory(parent=topic, title=f"Інструкція {n:02d}")
    first = client.get(library.url)
    second = client.get(library.url, {"page": 2})
    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))


def test_filtering_by_type_shows_only_that_type(client, library, topic):
    GuideFactory(parent=topic, title="Гайд")
    CaseStudyFactory(parent=topic, title="Кейс")
    assert titles(client.get(library.url, {"type": "case_study"})) == ["Кейс"]
    assert titles(client.get(library.url, {"type": "guide"})) == ["Гайд"]


def test_filtering_by_tag_in_a_topic(client, topic):
    GuideFactory(parent=topic, title="Про світло", tags=["освітлення"])
    GuideFactory(parent=topic, title="Про лавки", tags=["лавки"])
    slug = Tag.objects.get(name="освітлення").slug
    assert titles(client.get(topic.url, {"tag": slug})) == ["Про світло"]


def test_an_unknown_filter_value_is_ignored(client, library, topic):
    GuideFactory(parent=topic, title="Гайд")
    response = client.get(library.url, {"type": "poem", "sort": "loudest"})
    assert response.status_code == 200
    assert titles(response) == ["Гайд"]


def test_sorting_by_most_read_and_most_useful(client, library, topic):
    quiet = GuideFactory(parent=topic, title="Тихий")
    popular = GuideFactory(parent=topic, title="Популярний")
    praised = GuideFactory(parent=topic, title="Корисний")
    ArticleStats.objects.create(page=popular, read_count=500, useful_yes=1, useful_no=9)
    ArticleStats.objects.create(page=praised, read_count=20, useful_yes=30, useful_no=1)
    assert titles(client.get(library.url, {"sort": "read"}))[:2] == ["Популярний", "Корисний"]
    assert titles(client.get(library.url, {"sort": "useful"}))[0] == "Корисний"
    newest = titles(client.get(library.url, {"sort": "newest"}))
    assert newest[0] == praised.title
    assert quiet.title in newest


def test_newest_first_by_default(client, library, topic):
    GuideFactory(parent=topic, title="Старший")
    GuideFactory(parent=topic, title="Новіший")
    assert titles(client.get(library.url))[0] == "Новіший"


def test_a_tag_page_lists_everything_with_that_tag_across_topics(client, library, topic):
    other = TopicFactory(parent=library, title="Бюджет", slug="biudzhet")
    GuideFactory(parent=topic, title="Світло у дворі", tags=["громада"])
    CaseStudyFactory(parent=other, title="Бюджет участі", tags=["громада"])
    GuideFactory(parent=other, title="Без тегу")
    response = client.get(f"{library.url}tags/громада/")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Бюджет участі", "Світло у дворі"]


def test_an_unknown_tag_page_is_not_found(client, library):
    assert client.get(f"{library.url}tags/nothing-here/").status_code == 404


def test_article_pages_link_their_tags_to_tag_pages(client, topic, library):
    guide = GuideFactory(parent=topic, tags=["двір"])
    assert f'href="{library.url}tags/{quote("двір")}/"' in client.get(guide.url).content.decode()


def test_related_content_ranks_shared_tags_above_the_same_topic(library, topic):
    other = TopicFactory(parent=library, title="Бюджет", slug="biudzhet")
    page = GuideFactory(parent=topic, tags=["двір", "освітлення"])
    two_tags = GuideFactory(parent=other, title="Два спільні теги", tags=["двір", "освітлення"])
    one_tag = GuideFactory(parent=other, title="Один тег", tags=["двір"])
    same_topic = GuideFactory(parent=topic, title="Та сама тема")
    GuideFactory(parent=other, title="Нічого спільного")
    related = [p.title for p in related_articles(page=page)]
    assert related == [two_tags.title, one_tag.title, same_topic.title]


def test_related_content_stays_in_the_reader_language(library, topic, english):
    page = GuideFactory(parent=topic, tags=["двір"])
    GuideFactory(parent=topic, title="Українською", tags=["двір"])
    english_copy = page.copy_for_translation(english, copy_parents=True)
    english_copy.save_revision().publish()
    assert [p.title for p in related_articles(page=page)] == ["Українською"]


def test_listing_queries_do_not_grow_with_the_number_of_articles(
    client, library, topic, django_assert_max_num_queries
):
    for n in range(12):
        GuideFactory(parent=topic, title=f"Гайд {n}", tags=["двір", f"тег{n}"])
    with django_assert_max_num_queries(40):
        client.get(library.url)


def test_related_content_takes_the_same_few_queries_however_many_match(
    topic, django_assert_num_queries
):
    page = GuideFactory(parent=topic, tags=["двір"])
    for n in range(5):
        GuideFactory(parent=topic, title=f"Гайд {n}", tags=["двір"])
    # the page's tags, the view restrictions, the ranked articles
    with django_assert_num_queries(3):
        assert len(related_articles(page=page)) == 3


def test_rss_and_atom_feeds_list_new_published_articles(client, library, topic):
    GuideFactory(parent=topic, title="Нова інструкція")
    hidden = GuideFactory(parent=topic, title="Знята з публікації")
    hidden.unpublish()
    rss = client.get(f"{library.url}feed/rss/")
    atom = client.get(f"{library.url}feed/atom/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for feed in (rss, atom):
        body = feed.content.decode()
        assert "Нова інструкція" in body
        assert "Знята з публікації" not in body


def test_the_home_page_shows_the_newest_library_content(client, home_page, topic):
    GuideFactory(parent=topic, title="Найновіша інструкція")
    home_page.save_revision().publish()
    assert "Найновіша інструкція" in client.get("/").content.decode()


def test_the_account_page_lists_my_contributions(client, citizen, topic):
    from library.services import GuideDraft, contribution_create

    contribution_create(
        user=citizen,
        topic=topic,
        draft=GuideDraft(title="Моя інструкція", summary="Коротко", steps=(("Крок", "Текст"),)),
    )
    client.force_login(citizen)
    assert "Моя інструкція" in client.get(reverse("account_cabinet")).content.decode()
