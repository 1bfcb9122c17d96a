"""The problem reports of the demo city (`reports.demo`): a year of reports in every state,
each as the services would have left it (one query per rule, over every report), routed as
the routes say, with clean photos, complaints about providers, and an app on Open311."""

import io

from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery

import pytest
from PIL import Image

from config.demo import Progress
from config.maps import contains
from reports import demo
from reports.models import (
    Category,
    Open311Key,
    Report,
    ReportPhoto,
    ReportSupporter,
    ReportUpdate,
    Route,
)
from reports.services import route_resolve
from reports.states import CLOSED_STATES, OPEN_STATES, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]


def test_five_hundred_reports_in_every_state_and_category():
    assert Report.objects.count() >= 500
    assert set(Report.objects.values_list("state", flat=True)) == set(State.values)
    used = set(Report.objects.values_list("category__code", flat=True))
    assert used == set(Category.objects.values_list("code", flat=True))
    assert Category.objects.filter(kind=Category.Kind.PLACE).count() == 10
    assert Report.objects.values("district").distinct().count() >= 10


def test_a_few_reports_wait_for_their_email_and_a_few_are_hidden_with_a_reason():
    unconfirmed = Report.objects.filter(state=State.UNCONFIRMED)
    assert 1 <= unconfirmed.count() <= 40
    assert not unconfirmed.filter(Q(confirmed_at__isnull=False) | Q(sent_at__isnull=False))
    assert not unconfirmed.filter(reporter_email="").exists()
    hidden = Report.objects.filter(hidden_at__isnull=False)
    assert hidden.count() >= 3
    assert not hidden.filter(Q(hidden_reason="") | Q(hidden_by__isnull=True)).exists()


def test_some_categories_ask_questions_and_reports_answer_them():
    pothole = Category.objects.get(code="pothole")
    depth = pothole.attributes.get(code="depth")
    keys = {key for key, _label in depth.value_choices()}
    answers = pothole.reports.values_list("attributes", flat=True)
    assert answers and all(answer["depth"] in keys for answer in answers)
    assert Category.objects.get(code="streetlight").attributes.filter(datatype="string")
    assert Category.objects.get(code="rubbish").attributes.filter(datatype="number")


def test_public_reports_were_confirmed_and_sent():
    public = Report.objects.exclude(state=State.UNCONFIRMED)
    assert not public.filter(Q(confirmed_at__isnull=True) | Q(sent_at__isnull=True)).exists()
    assert not public.filter(confirmed_at__lt=F("created_at")).exists()


def test_dates_of_fixing_and_closing_go_with_the_state():
    assert not Report.objects.filter(state=State.FIXED, fixed_at__isnull=True).exists()
    closed = Report.objects.filter(state__in=CLOSED_STATES)
    assert not closed.filter(closed_at__isnull=True).exists()
    still_open = Report.objects.filter(state__in=OPEN_STATES)
    assert not still_open.filter(Q(fixed_at__isnull=False) | Q(closed_at__isnull=False)).exists()


def test_duplicates_point_to_another_public_report_nearby():
    duplicates = Report.objects.filter(state=State.DUPLICATE).select_related("duplicate_of")
    assert duplicates.count() >= 5
    for report in duplicates:
        original = report.duplicate_of
        assert original.is_public and original.pk != report.pk, report
        assert original.category_id == report.category_id, report
        assert abs(original.latitude - report.latitude) < 1e-3, report
    assert not Report.objects.exclude(state=State.DUPLICATE).filter(duplicate_of__isnull=False)


def test_first_response_is_the_first_official_update():
    reports = Report.objects.annotate(
        first=Min("updates__created_at", filter=Q(updates__kind=ReportUpdate.Kind.OFFICIAL))
    )
    assert not reports.exclude(first_response_at=F("first")).exclude(
        first__isnull=True, first_response_at__isnull=True
    )
    assert reports.filter(first__isnull=False).count() >= 250


def test_timeline_ends_in_the_reports_state():
    last_move = (
        ReportUpdate.objects.filter(report=OuterRef("pk"), confirmed_at__isnull=False)
        .exclude(state_after="")
        .order_by("-created_at", "-pk")
        .values("state_after")[:1]
    )
    public = Report.objects.exclude(state=State.UNCONFIRMED).annotate(last=Subquery(last_move))
    assert public.filter(last__isnull=True).count() == 0
    assert not public.exclude(state=F("last")).exists()
    assert not Report.objects.filter(state=State.UNCONFIRMED, updates__isnull=False).exists()


def test_updated_at_is_the_last_update():
    latest = Report.objects.annotate(last=Max("updates__created_at"))
    assert not latest.filter(updated_at__lt=F("last")).exists()


def test_support_counts_are_the_confirmed_supporters():
    counted = Report.objects.annotate(
        n=Count("supporters", filter=Q(supporters__confirmed_at__isnull=False))
    )
    assert not counted.exclude(supporter_count=F("n")).exists()
    assert ReportSupporter.objects.filter(confirmed_at__isnull=False).count() >= 300
    assert ReportSupporter.objects.filter(confirmed_at__isnull=True).exists()


def test_every_report_went_to_the_body_its_route_names():
    routes = {(r.category_id, r.district_id): r.body_id for r in Route.objects.all()}
    pairs = set()
    for category_id, district_id, body_id in Report.objects.values_list(
        "category_id", "district_id", "body_id"
    ):
        expected = routes.get((category_id, district_id)) or routes[(category_id, None)]
        assert body_id == expected, (category_id, district_id)
        pairs.add((category_id, district_id))
    categories = Category.objects.in_bulk()
    from config.models import District

    districts = District.objects.in_bulk()
    for category_id, district_id in pairs:
        body = route_resolve(category=categories[category_id], district=districts.get(district_id))
        assert body.pk == routes.get((category_id, district_id), routes[(category_id, None)])
    assert Route.objects.filter(district__isnull=False).count() >= 5


def test_places_lie_inside_their_districts():
    placed = Report.objects.filter(latitude__isnull=False).select_related("district")
    assert placed.count() >= 500
    for report in placed:
        assert contains(report.district.boundary, float(report.longitude), float(report.latitude))


def test_complaints_name_a_provider_and_no_place():
    complaints = Report.objects.filter(category__kind=Category.Kind.PROVIDER)
    assert complaints.count() >= 30
    assert not complaints.filter(Q(provider__isnull=True) | Q(latitude__isnull=False)).exists()
    assert complaints.values("provider").distinct().count() >= 4


def test_photos_are_reencoded_without_exif():
    photos = ReportPhoto.objects.all()
    assert photos.values("report").distinct().count() >= 35
    for photo in photos:
        with photo.file.open("rb") as stored, Image.open(stored) as image:
            assert image.format == "JPEG"
            assert not image.getexif(), photo
            assert "exif" not in image.info, photo


def test_bodies_differ_in_speed_and_some_reports_are_overdue():
    from datetime import timedelta

    from django.utils import timezone

    slow = Report.objects.filter(body__slug=demo.data.HOUSING, first_response_at__isnull=False)
    fast = Report.objects.filter(body__slug=demo.data.LIGHTING, first_response_at__isnull=False)

    def mean_days(reports):
        waits = [(r.first_response_at - r.confirmed_at).days for r in reports]
        return sum(waits) / len(waits)

    assert mean_days(slow) > 3 * mean_days(fast) + 1
    overdue = [
        r
        for r in Report.objects.filter(state__in=OPEN_STATES).select_related("category")
        if r.created_at < timezone.now() - timedelta(days=r.category.target_days)
    ]
    assert len(overdue) >= 10


def test_reporters_are_people_with_accounts_or_emails_and_names_only_when_shown():
    public = Report.objects.exclude(state=State.UNCONFIRMED)
    assert public.filter(reporter__isnull=False).count() >= 100
    assert public.filter(reporter__isnull=True).count() >= 100
    assert public.filter(show_name=True).exclude(reporter_name="").exists()
    assert not public.filter(show_name=False).exclude(reporter_name="").exists()
    assert not public.filter(reporter__isnull=True, reporter_email="").exists()


def test_an_app_and_a_bodys_system_use_open311():
    app = Open311Key.objects.get(application=demo.APP_NAME)
    assert app.owner is not None and app.body is None and app.revoked_at is None
    assert Report.objects.filter(source=Report.Source.OPEN311, app_key=app).count() >= 20
    system = Open311Key.objects.get(body__isnull=False)
    updates = ReportUpdate.objects.filter(source=ReportUpdate.Source.OPEN311)
    assert updates.count() >= 3
    assert not updates.exclude(report__body=system.body).exists()


def test_a_second_seed_changes_nothing():
    before = (Report.objects.count(), ReportUpdate.objects.count(), Category.objects.count())
    demo.seed(progress=Progress(stream=io.StringIO(), enabled=False))
    after = (Report.objects.count(), ReportUpdate.objects.count(), Category.objects.count())
    assert after == before
