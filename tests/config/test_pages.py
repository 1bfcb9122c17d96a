"""The shell every page shares: language, landmarks, security headers, no outside assets."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_ukrainian_by_default(client, seeded_city):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uk">' in html
    assert "Спільно: разом вирішуємо" in html


def test_english_home_page_lives_under_en(client, seeded_city):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Spilno: together we decide" in html
    assert "Skip to main content" in html


def test_every_page_has_landmarks_and_a_skip_link(client, seeded_city):
    html = client.get("/").content.decode()
    assert 'href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_public_pages_load_nothing_from_outside_the_site(client, seeded_city):
    for url in ["/", "/en/", reverse("account_login"), reverse("account_signup")]:
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], f"{url} loads {external}"


def test_public_pages_send_a_strict_content_security_policy(client, seeded_city):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_page_is_a_friendly_404(client, seeded_city):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


def test_admin_is_served_for_staff_only(client, seeded_city):
    assert client.get("/admin/").status_code == 302
    client.login(email="editor@spilno.localhost", password="spilno-demo")
    assert client.get("/admin/").status_code == 200


def test_rate_limited_view_says_so_with_429(rf):
    from config.views import rate_limited

    response = rate_limited(rf.get("/"))
    assert response.status_code == 429


def test_language_switcher_leads_to_the_pages_translation(client, seeded_city):
    assert 'href="/en/" lang="en"' in client.get("/").content.decode()
    assert 'href="/" lang="uk"' in client.get("/en/").content.decode()


def test_language_switcher_keeps_the_place_on_views_that_are_not_pages(client, seeded_city):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/" lang="en"' in html


def test_language_switcher_falls_back_to_the_home_page_without_a_translation(
    rf, seeded_city, home_page
):
    from django.template.loader import render_to_string

    from wagtail.models import Page

    untranslated = home_page.add_child(instance=Page(title="Лише українською", slug="lyshe"))
    with translation.override("uk"):
        html = render_to_string(
            "includes/language_switcher.html", {"page": untranslated}, request=rf.get("/lyshe/")
        )
    assert 'href="/en/" lang="en"' in html
