"""The demo library: enough real content to explore, in both languages, and idempotent."""

import io

import pytest
from pypdf import PdfReader

from config.demo import Progress
from library.models import ArticlePage, CaseStudyPage, Contribution, GuidePage, TopicPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_library():
    from config.demo import seed as seed_city
    from library.demo import seed as seed_library

    progress = Progress(stream=io.StringIO(), enabled=False)
    seed_city(progress=progress)
    seed_library(progress=progress)
    return seed_library, progress


def test_the_demo_has_forty_articles_in_six_topics_and_ten_in_english(demo_library):
    ukrainian = ArticlePage.objects.live().filter(locale__language_code="uk")
    english = ArticlePage.objects.live().filter(locale__language_code="en")
    assert ukrainian.count() >= 40
    assert ukrainian.type(GuidePage).exists() and ukrainian.type(CaseStudyPage).exists()
    assert TopicPage.objects.filter(locale__language_code="uk").count() >= 6
    assert english.count() >= 10
    assert all(page.title.isascii() for page in english)


def test_demo_articles_have_steps_pictures_and_documents_and_render(client, demo_library):
    guide = GuidePage.objects.get(slug="yak-chytaty-biudzhet-mista", locale__language_code="uk")
    assert len(guide.steps) >= 5
    assert {"image", "document", "table", "callout"} <= {b.block_type for b in guide.body}
    for page in ArticlePage.objects.live():
        assert client.get(page.url).status_code == 200, page.url
    pdf = b"".join(client.get(f"{guide.url}pdf/").streaming_content)
    assert "Бюджетний календар" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages
    )


def test_some_citizen_proposals_are_still_in_review(demo_library):
    states = set(Contribution.objects.values_list("state", flat=True))
    assert Contribution.State.IN_REVIEW in states
    assert Contribution.State.CHANGES_REQUESTED in states
    for contribution in Contribution.objects.filter(state=Contribution.State.IN_REVIEW):
        assert contribution.page.workflow_in_progress


def test_a_second_run_changes_nothing(demo_library):
    seed_library, progress = demo_library
    before = (ArticlePage.objects.count(), Contribution.objects.count())
    seed_library(progress=progress)
    assert (ArticlePage.objects.count(), Contribution.objects.count()) == before
