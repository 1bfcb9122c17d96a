"""Uploaded photos and logos: checked, squared, shrunk and re-encoded without metadata.

Re-encoding from pixels drops everything a camera writes into a file (EXIF with GPS position,
camera serial numbers, thumbnails of the uncropped original).
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError

from profiles.exceptions import ProfilesError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 5 MB file can still decompress to a memory-filling bitmap
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
SIDE = 480


def process_photo(upload) -> ContentFile:
    """A square JPEG of SIDE pixels from an uploaded JPEG, PNG or WebP, or ProfilesError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ProfilesError(_("The picture is larger than 5 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise ProfilesError(_("Upload a JPEG, PNG or WebP picture."))
        if width * height > MAX_PIXELS:
            raise ProfilesError(_("The picture has too many pixels."))
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            square = ImageOps.fit(image.convert("RGB"), (SIDE, SIDE), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ProfilesError(_("This file is not a picture we can read.")) from error
    output = io.BytesIO()
    square.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
