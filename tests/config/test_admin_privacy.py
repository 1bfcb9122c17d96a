"""The Wagtail admin calls no one outside the site: no Gravatar, no release check, and a
Content-Security-Policy that names no other host (the browser test proves it in Chromium)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What a source in a policy may be without naming a host: keywords and local schemes.
LOCAL_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(email="admin@example.org", is_superuser=True, is_staff=True))
    return client


def policy_of(response) -> dict[str, list[str]]:
    directives = (d.split() for d in response.get("Content-Security-Policy", "").split(";"))
    return {words[0]: words[1:] for words in directives if words}


def test_admin_pages_send_a_content_security_policy_naming_no_other_host(superuser_client):
    for url in ["/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"]:
        policy = policy_of(superuser_client.get(url))
        assert policy.get("default-src") == ["'self'"], url
        assert policy.get("object-src") == ["'none'"], url
        assert "'unsafe-eval'" not in policy.get("script-src", []), url
        others = {s for sources in policy.values() for s in sources} - LOCAL_SOURCES
        assert others == set(), f"{url} allows {others}"


def test_the_admin_shows_no_avatar_from_gravatar(superuser_client):
    UserFactory(email="olena@example.org", is_staff=True)
    for url in ["/admin/", "/admin/users/"]:
        assert "gravatar" not in superuser_client.get(url).content.decode(), url


def test_the_admin_dashboard_does_not_ask_wagtail_org_for_new_releases(superuser_client):
    html = superuser_client.get("/admin/").content.decode()
    assert "w-upgrade" not in html
