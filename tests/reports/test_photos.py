"""Photos: re-encoded without EXIF (and its GPS position), at most three."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from reports import services
from reports.models import Report
from reports.states import ReportError
from tests.profiles.factories import jpeg_bytes
from tests.reports import factories

pytestmark = pytest.mark.django_db


def _upload(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def _create(pothole, district, photos):
    lat, lon = factories.point_in(district)
    return services.report_create(
        category=pothole,
        title="Яма",
        description="Вибоїна.",
        latitude=lat,
        longitude=lon,
        reporter_email="a@example.org",
        photos=photos,
    )


def test_photos_lose_their_exif_and_gps(pothole, district):
    original = Image.open(io.BytesIO(jpeg_bytes(size=(3000, 2000))))
    assert 0x8825 in original.getexif()

    report = _create(pothole, district, [_upload(size=(3000, 2000)), _upload()])

    photos = list(report.photos.all())
    assert len(photos) == 2
    with photos[0].file.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 2048
        assert len(image.getexif()) == 0 and "exif" not in image.info


def test_more_than_three_photos_are_refused(pothole, district):
    with pytest.raises(ReportError) as error:
        _create(pothole, district, [_upload() for _ in range(4)])
    assert error.value.code == "too_many_photos"
    assert not Report.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused(pothole, district):
    bad = SimpleUploadedFile("photo.jpg", b"not a picture", content_type="image/jpeg")
    with pytest.raises(ReportError) as error:
        _create(pothole, district, [bad])
    assert error.value.code == "bad_photo"
    assert not Report.objects.exists()
