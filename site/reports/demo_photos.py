"""The demo city's report photos (`reports.demo`): a few pictures drawn here (shapes on noise,
with a phone's EXIF naming the camera and the GPS position), and one to three of them on each
of the newest public reports of the year's history (`reports.demo_history`), re-encoded as an
upload is, so the EXIF is gone.

They are written in bulk (one statement) like the rest of that history, because a service call
per report would take the seed far past its budget; the last days' reports get theirs through
`reports.services.report_create` (`reports.demo`).
"""

import io
import random

from django.core.files.base import ContentFile

from PIL import Image, ImageDraw

from config.demo import Progress
from profiles.images import picture_reencode
from reports.demo_history import City
from reports.models import Report, ReportPhoto

PALETTES = [
    ("#5b5f63", "#2f3133", "#8c8f91"),  # asphalt
    ("#3d6b35", "#6b4f2a", "#9bbf6a"),  # trees and grass
    ("#7a6a58", "#b8a48a", "#3b3026"),  # rubbish
    ("#1f2a44", "#f2c94c", "#46506b"),  # night and a lamp
]


def source_pictures(rng: random.Random) -> list[bytes]:
    """A few 640×480 "photos" drawn here (shapes on noise), written as a phone writes them:
    with EXIF naming the camera and the GPS position, which re-encoding must drop."""
    pictures = []
    for n in range(8):
        ground, thing, light = PALETTES[n % len(PALETTES)]
        image = Image.new("RGB", (640, 480), ground)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 640, rng.randint(120, 220)), fill=light)
        for _shape in range(rng.randint(3, 7)):
            x, y = rng.randint(0, 560), rng.randint(150, 420)
            w, h = rng.randint(40, 200), rng.randint(20, 120)
            box = (x, y, x + w, y + h)
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=thing)
        noise = Image.effect_noise((640, 480), 40).convert("RGB")
        image = Image.blend(image, noise, 0.18)
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "DemoPhone", "Spilno Camera 3"
        exif[0x8825] = {1: "N", 2: (49.0, 30.0, 0.0), 3: "E", 4: (30.0, 49.0, 0.0)}
        output = io.BytesIO()
        image.save(output, format="JPEG", quality=80, exif=exif)
        pictures.append(output.getvalue())
    return pictures


def photos(progress: Progress, city: City, reports: list[Report]) -> None:
    """1–3 photos on the newest public reports, each re-encoded as an upload is."""
    rng, pictures = city.rng, city.pictures
    rows = []
    for report in progress.iterate("reports: photos", reports):
        for order in range(rng.choice([1, 1, 2, 3])):
            upload = ContentFile(rng.choice(pictures), name="photo.jpg")
            content = picture_reencode(upload, longest_side=2048)
            photo = ReportPhoto(report=report, sort_order=order, created_at=report.created_at)
            photo.file.save(content.name, content, save=False)
            rows.append(photo)
    ReportPhoto.objects.bulk_create(rows)
