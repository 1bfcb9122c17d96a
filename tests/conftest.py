"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL says so."""

import io
import os
import shutil
import time

from django.core.management import call_command
from django.db import connection

from wagtail.models import Locale, Site

import pytest

from tests.snapshots import snapshot_restore, snapshot_take


def pytest_collection_modifyitems(config, items):
    """Tests that commit (browser tests, thread tests) end with a flush that also wipes what
    migrations created (groups, the home page, workflows). A serialized rollback restores
    that snapshot before each of them, so every such test starts from the migrated database."""
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        marker = item.get_closest_marker("django_db")
        commits = {"transactional_db", "live_server"} & set(item.fixturenames) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if commits and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")
        if commits:
            # First in, last out: restores the snapshot after the test's own flush, so tests
            # that run after it in this process (in any order, as under xdist) find it too.
            item.fixturenames.insert(0, "_migrated_data_restored_after")


@pytest.fixture
def _migrated_data_restored_after(django_db_blocker):
    from django.db import connections

    yield
    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot:
                connections[alias].creation.deserialize_db_from_string(snapshot)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_page(db):
    from config.models import HomePage

    return HomePage.objects.get(locale__language_code="uk")


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def districts(db):
    from config.demo import DISTRICTS
    from config.models import District

    return [
        District.objects.get_or_create(
            slug=slug, defaults={"name_uk": uk, "name_en": en, "sort_order": i}
        )[0]
        for i, (slug, uk, en) in enumerate(DISTRICTS)
    ]


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")


def _seed_demo() -> None:
    call_command("seed_demo", "--no-progress", stdout=io.StringIO())


@pytest.fixture(scope="session")
def _city_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city, seeded once per test process and kept as a snapshot of the whole
    database beside one of the migrated state (tests/snapshots.py). Seeding takes tens of
    seconds; putting a snapshot back takes well under one. Returns the city's media folder."""
    from django.db import connection
    from django.test import override_settings

    media = tmp_path_factory.mktemp("seeded-media")
    with django_db_blocker.unblock():
        if getattr(connection, "_test_serialized_contents", None) is None:
            # What serialized rollback restores after each committing test.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        snapshot_take(connection=connection, name="migrated")
        with override_settings(MEDIA_ROOT=media):
            _seed_demo()
        snapshot_take(connection=connection, name="city")
        snapshot_restore(connection=connection, name="migrated")
    return media


def _city_media_copy(media, tmp_path_factory):
    """Each user of the city gets its own copy of the city's files: a test that erases an
    account or replaces a picture must not take it from the next module."""
    copy = tmp_path_factory.mktemp("city-media")
    shutil.copytree(media, copy, dirs_exist_ok=True)
    return copy


@pytest.fixture(scope="module")
def _city_seeded_for_module(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city for a module whose tests each run in a transaction that is rolled back,
    then the migrated state again for the next module. Modules of committing tests (browser
    tests) get nothing here: their own flush removes the city, so each test restores it."""
    if request.node.get_closest_marker("e2e"):
        yield None
        return
    from django.db import connection

    media = request.getfixturevalue("_city_snapshot")
    with django_db_blocker.unblock():
        snapshot_restore(connection=connection, name="city")
    yield _city_media_copy(media, tmp_path_factory)
    with django_db_blocker.unblock():
        snapshot_restore(connection=connection, name="migrated")


@pytest.fixture
def seeded_city(_city_seeded_for_module, request, settings, tmp_path_factory):
    if _city_seeded_for_module is None:
        from django.db import connection

        media = request.getfixturevalue("_city_snapshot")
        request.getfixturevalue("transactional_db")
        snapshot_restore(connection=connection, name="city")
        settings.MEDIA_ROOT = _city_media_copy(media, tmp_path_factory)
    else:
        request.getfixturevalue("db")
        settings.MEDIA_ROOT = _city_seeded_for_module


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's Chromium driven by Playwright; no browser is ever downloaded.

    Playwright's sync API keeps an event loop running on this thread. Django then treats the
    thread as async: ORM calls need DJANGO_ALLOW_ASYNC_UNSAFE, and they get connection objects
    of their own, which must carry the snapshot that serialized rollback restores after each
    browser test (the groups and home page that migrations created).
    """
    from django.db import connections

    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # These connections belong to Playwright's context; left open, they keep the test
        # database from being dropped at the end of the session.
        connections.close_all()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    # Reduced motion: axe measures contrast on what is painted, and a message still fading in
    # is measured half transparent.
    context = browser.new_context(base_url=live_server.url, locale="uk-UA", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core in the page and fail on any WCAG 2.2 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()
    options = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
        "resultTypes": ["violations"],
    }

    def check(page, *, exclude: tuple[str, ...] = ()):
        context = {"exclude": [[selector] for selector in exclude]} if exclude else None
        results = runner.run(page, context=context, options=options)
        problems = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:120]})"
            for v in results.response["violations"]
        ]
        assert not problems, f"axe found WCAG violations on {page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """A test's requests all fall in one rate-limit window: windows end at fixed times, and a
    slow machine could otherwise cross one mid-test and see the count start again."""
    from django_ratelimit import core

    window_end = int(time.time()) + 86_400
    monkeypatch.setattr(core, "_get_window", lambda value, period: window_end)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a test that activates English (or calls a
    view that does) must not decide which language `reverse()` gives the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
