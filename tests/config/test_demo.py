"""The demo city: deterministic, idempotent, lived-in."""

import io

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from config.models import District

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "contenttypes"}
    }


def test_demo_city_has_ten_districts_and_both_home_pages(seeded_city):
    assert District.objects.count() == 10
    assert Page.objects.live().filter(depth=2).count() == 2


def test_running_the_demo_twice_changes_nothing(seeded_city):
    before = row_counts()
    call_command("seed_demo", "--no-progress", stdout=io.StringIO())
    after = row_counts()
    changed = {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
    assert changed == {}
    assert Revision.objects.count() == before["wagtailcore.Revision"]


def test_demo_prints_the_admin_login(settings, db):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8023"
    out = io.StringIO()
    call_command("seed_demo", "--no-progress", stdout=out)
    assert "http://127.0.0.1:8023/admin/" in out.getvalue()
    assert "admin@spilno.localhost" in out.getvalue()
    assert "spilno-demo" in out.getvalue()


def test_demo_shows_progress(db):
    err = io.StringIO()
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=err)
    assert "city: districts" in err.getvalue()
