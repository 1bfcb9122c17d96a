"""The library's feeds carry contributors' titles and summaries as text: a feed reader that
renders the HTML of an RSS `<description>` or an Atom `<summary type="html">` never runs a
tag somebody typed."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from tests.library.factories import GuideFactory

pytestmark = pytest.mark.django_db

HOSTILE = '"><img src=x onerror=alert(1)>'
ATOM = "{http://www.w3.org/2005/Atom}"


def rendered(fragment: str) -> BeautifulSoup:
    """What a feed reader builds from the decoded text of an element it renders as HTML."""
    return BeautifulSoup(fragment or "", "html.parser")


def assert_inert(fragment: str) -> None:
    html = rendered(fragment)
    assert html.find("img") is None
    assert not html.find_all(attrs={"onerror": True})


@pytest.fixture
def hostile_guide(topic):
    return GuideFactory(parent=topic, title=f"Двір{HOSTILE}", summary=f"Підсумок{HOSTILE}")


def test_the_rss_feed_carries_a_hostile_title_and_summary_as_text(client, library, hostile_guide):
    feed = ElementTree.fromstring(client.get(f"{library.url}feed/rss/").content)
    (item,) = feed.iter("item")
    assert_inert(item.findtext("title"))
    assert_inert(item.findtext("description"))
    assert rendered(item.findtext("description")).get_text() == f"Підсумок{HOSTILE}"


def test_the_atom_feed_carries_a_hostile_title_and_summary_as_text(client, library, hostile_guide):
    feed = ElementTree.fromstring(client.get(f"{library.url}feed/atom/").content)
    (entry,) = feed.iter(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert_inert(entry.findtext(f"{ATOM}title"))
    assert_inert(summary.text)
    assert rendered(summary.text).get_text() == f"Підсумок{HOSTILE}"
