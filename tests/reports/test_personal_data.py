"""A person's reports, updates and "me too"s: in their archive (also those matched by their
email address), and erased with their account while the public record and every count stay.
Also the periodic command and the search source."""

import io
import json
import zipfile
from io import BytesIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from profiles.data_rights import erase_everywhere, export_archive
from reports.models import Report, ReportSupporter, ReportUpdate
from reports.states import State
from search.models import SearchDocument
from search.services import index_rebuild
from tests.reports import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _archive(person) -> dict:
    archive = zipfile.ZipFile(BytesIO(export_archive(person)))
    return json.loads(archive.read("reports.json"))


@pytest.fixture
def marta(db):
    return factories.person(email="marta@example.org", first_name="Марта")


@pytest.fixture
def her_things(marta, pothole, body, district):
    mine = factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        reporter=marta,
        title="Яма біля ліцею",
        reporter_name="Марта К.",
        show_name=True,
    )
    by_email = factories.report_in(
        State.FIXED,
        cat=pothole,
        organization=body,
        district=district,
        reporter_email="MARTA@example.org",
        title="Лавка зламана",
    )
    draft = factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district, reporter=marta
    )
    other = factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, title="Сміття у дворі"
    )
    other.supporter_count = 3
    other.save()
    support = ReportSupporter.objects.create(report=other, user=marta, confirmed_at=timezone.now())
    update = ReportUpdate.objects.create(
        report=other,
        kind=ReportUpdate.Kind.PUBLIC,
        text="Досі лежить",
        author=marta,
        author_name="Марта",
        confirmed_at=timezone.now(),
    )
    return {
        "mine": mine,
        "by_email": by_email,
        "draft": draft,
        "other": other,
        "support": support,
        "update": update,
    }


def test_the_archive_holds_her_reports_updates_and_me_toos(marta, her_things):
    data = _archive(marta)
    assert {r["title"] for r in data["reports_made"]} >= {"Яма біля ліцею", "Лавка зламана"}
    assert [u["text"] for u in data["report_updates"]] == ["Досі лежить"]
    assert [s["title"] for s in data["reports_supported"]] == ["Сміття у дворі"]


def test_erasure_keeps_reports_anonymous_and_every_count(marta, her_things):
    erase_everywhere(marta)
    for key in ("mine", "by_email"):
        report = Report.objects.get(pk=her_things[key].pk)
        assert report.reporter is None and report.reporter_email == ""
        assert report.reporter_name == "" and report.show_name is False
    assert not Report.objects.filter(pk=her_things["draft"].pk).exists()
    assert not ReportSupporter.objects.filter(pk=her_things["support"].pk).exists()
    assert Report.objects.get(pk=her_things["other"].pk).supporter_count == 3
    update = ReportUpdate.objects.get(pk=her_things["update"].pk)
    assert update.author is None and update.author_name == "" and update.text == "Досі лежить"


def test_the_export_of_a_stranger_is_empty(db):
    assert all(value == [] for value in _archive(factories.person()).values())


def test_her_page_lists_only_the_reports_she_signed(marta, her_things):
    from reports.activity import activity_for

    items = activity_for(subject=marta, viewer=None, limit=10)
    assert [item.title for item in items] == ["Яма біля ліцею"]
    her_things["mine"].show_name = False
    her_things["mine"].save()
    assert activity_for(subject=marta, viewer=None, limit=10) == []


def test_the_bodys_page_lists_what_it_fixed(body, her_things):
    from reports.activity import activity_for

    items = activity_for(subject=body, viewer=None, limit=10)
    assert [item.title for item in items] == ["Лавка зламана"]


def test_the_tick_purges_old_unconfirmed_reports(pothole, body, district):
    from datetime import timedelta

    old = factories.report_in(
        State.UNCONFIRMED,
        cat=pothole,
        organization=body,
        district=district,
        created_at=timezone.now() - timedelta(days=30),
    )
    out = io.StringIO()
    call_command("reports_tick", stdout=out)
    assert not Report.objects.filter(pk=old.pk).exists()
    assert "Unconfirmed reports deleted: 1." in out.getvalue()


def test_search_finds_a_public_report_and_not_a_hidden_one(settings, pothole, body, district):
    settings.SEARCH_ENGINE = "database"
    shown = factories.report_in(
        State.OPEN,
        cat=pothole,
        organization=body,
        district=district,
        title="Провалля на Соборній",
        reporter_email="hidden-person@example.org",
    )
    hidden = factories.report_in(
        State.OPEN, cat=pothole, organization=body, district=district, title="Провалля сховане"
    )
    hidden.hidden_at = timezone.now()
    hidden.save()
    factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district, title="Провалля нове"
    )
    index_rebuild(only=["reports.report"])
    documents = SearchDocument.objects.filter(source="reports.report")
    assert [d.title for d in documents] == ["Провалля на Соборній"]
    assert "hidden-person" not in documents[0].body
    response = Client().get("/search/", {"q": "провалля"})
    page = response.content.decode()
    assert shown.get_absolute_url() in page and "сховане" not in page
