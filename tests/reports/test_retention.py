"""Retention: unconfirmed things go after REPORT_CONFIRM_DAYS; personal data of finished
reports after REPORT_RETENTION_DAYS; nothing else is touched."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from reports import services
from reports.models import Report, ReportPhoto, ReportSupporter, ReportUpdate
from reports.states import State
from tests.reports import factories

pytestmark = pytest.mark.django_db


def test_purge_deletes_old_unconfirmed_things_and_photo_files(
    pothole, body, district, resident, django_capture_on_commit_callbacks
):
    now = timezone.now()
    old = now - timedelta(days=8)
    stale = factories.report_in(
        State.UNCONFIRMED, cat=pothole, organization=body, district=district, created_at=old
    )
    photo = ReportPhoto.objects.create(report=stale, file=ContentFile(b"jpeg", name="p.jpg"))
    path = photo.file.path
    fresh = factories.report_in(
        State.UNCONFIRMED,
        cat=pothole,
        organization=body,
        district=district,
        created_at=now - timedelta(days=6),
    )
    public = factories.report_in(cat=pothole, organization=body, district=district)
    old_update = ReportUpdate.objects.create(
        report=public, kind="public", text="x", author_email="a@example.org", created_at=old
    )
    new_update = ReportUpdate.objects.create(
        report=public, kind="public", text="y", author_email="b@example.org", created_at=now
    )
    kept_update = factories.official_update(public, at=old)
    old_me_too = ReportSupporter.objects.create(
        report=public, email="c@example.org", created_at=old
    )
    kept_me_too = ReportSupporter.objects.create(
        report=public, user=resident, confirmed_at=old, created_at=old
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_purge_unconfirmed(now=now) == 3

    assert set(Report.objects.values_list("pk", flat=True)) == {fresh.pk, public.pk}
    assert set(ReportUpdate.objects.values_list("pk", flat=True)) == {new_update.pk, kept_update.pk}
    assert list(ReportSupporter.objects.all()) == [kept_me_too]
    assert not old_update.__class__.objects.filter(pk=old_update.pk).exists()
    assert not ReportSupporter.objects.filter(pk=old_me_too.pk).exists()
    import os

    assert not os.path.exists(path)


def test_expiry_clears_personal_data_of_long_finished_reports(pothole, body, district, resident):
    now = timezone.now()
    long_ago = now - timedelta(days=800)

    def finished(state, **fields):
        return factories.report_in(
            state,
            cat=pothole,
            organization=body,
            district=district,
            reporter_email="r@example.org",
            reporter_name="Ірина",
            show_name=True,
            **fields,
        )

    old_fixed = finished(State.FIXED, created_at=long_ago)
    old_closed = finished(State.UNABLE_TO_FIX, created_at=long_ago)
    recent = finished(State.FIXED, created_at=now - timedelta(days=100))
    old_open = finished(State.OPEN, created_at=long_ago)
    for report in (old_fixed, recent):
        ReportUpdate.objects.create(
            report=report,
            kind="public",
            text="x",
            author_email="u@example.org",
            author_name="Юрій",
            confirmed_at=long_ago,
        )
        ReportSupporter.objects.create(report=report, email="s@example.org", confirmed_at=long_ago)
        ReportSupporter.objects.create(report=report, user=resident, confirmed_at=long_ago)
        report.supporter_count = 2
        report.save()

    assert services.reports_expire_personal_data(now=now) == 2
    assert services.reports_expire_personal_data(now=now) == 0

    for report in (old_fixed, old_closed):
        report.refresh_from_db()
        assert (report.reporter_email, report.reporter_name, report.show_name) == ("", "", False)
    old_fixed.refresh_from_db()
    assert old_fixed.supporter_count == 2
    assert list(old_fixed.supporters.values_list("user_id", flat=True)) == [resident.pk]
    assert old_fixed.updates.get().author_email == "" and old_fixed.updates.get().text == "x"
    for report in (recent, old_open):
        report.refresh_from_db()
        assert report.reporter_email == "r@example.org" and report.show_name
    assert recent.supporters.count() == 2
    assert recent.updates.get().author_email == "u@example.org"
