"""Blog feeds carry sanitised HTML only: a hostile title or body typed into a post, or a
hostile name, never becomes live markup in a feed reader."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from profiles.services.blog import post_create

pytestmark = pytest.mark.usefixtures("english_ui")

HOSTILE = '"><img src=x onerror=alert(1)>'
ATOM = "{http://www.w3.org/2005/Atom}"


def assert_inert(fragment: str) -> None:
    """Nothing a reader rendering the decoded text as HTML would run or load."""
    html = BeautifulSoup(fragment or "", "html.parser")
    assert html.find("img") is None
    assert not html.find_all(attrs={"onerror": True})


def entries(client, url: str) -> list:
    return list(ElementTree.fromstring(client.get(url).content).iter(f"{ATOM}entry"))


def test_a_person_feed_carries_a_hostile_post_as_inert_text(client, owner):
    owner.profile.display_name = f"Ольга{HOSTILE}"
    owner.profile.save()
    post_create(
        author=owner, title=f"Толока{HOSTILE}", body_markdown=f"Підсумок{HOSTILE}", publish=True
    )
    feed = ElementTree.fromstring(client.get(owner.profile.get_absolute_url() + "feed/").content)
    assert_inert(feed.findtext(f"{ATOM}title"))
    (entry,) = feed.iter(f"{ATOM}entry")
    assert_inert(entry.findtext(f"{ATOM}title"))
    assert_inert(entry.findtext(f"{ATOM}summary"))
    assert "Підсумок" in entry.findtext(f"{ATOM}summary")


def test_an_organization_feed_carries_a_hostile_post_as_inert_text(client, owner, organization):
    post_create(
        author=owner,
        organization=organization,
        title=f"Толока{HOSTILE}",
        body_markdown=f"Підсумок{HOSTILE}",
        publish=True,
    )
    (entry,) = entries(client, organization.get_absolute_url() + "feed/")
    assert_inert(entry.findtext(f"{ATOM}title"))
    assert_inert(entry.findtext(f"{ATOM}summary"))
    assert "Підсумок" in entry.findtext(f"{ATOM}summary")
