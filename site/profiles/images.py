"""Uploaded photos and logos: checked, squared, shrunk and re-encoded without metadata.

Re-encoding from pixels drops everything a camera writes into a file (EXIF with GPS position,
camera serial numbers, thumbnails of the uncropped original).
"""

import io
import struct
import uuid
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps

from profiles.exceptions import ProfilesError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 5 MB file can still decompress to a memory-filling bitmap
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
SIDE = 480

# What Pillow raises on a file it cannot read: its plugins fail in all these ways on broken or
# crafted input. DecompressionBombError (a plain Exception) is not among them: see below.
UNREADABLE = (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, struct.error)


def picture_check(upload) -> None:
    """Refuse (ProfilesError) an upload that is not a JPEG, PNG or WebP picture of at most
    MAX_UPLOAD_BYTES and MAX_PIXELS. Only the header is read, nothing is decoded, so a few
    bytes that claim a 30000×30000 bitmap cost nothing. Also a form field validator
    (ProfilesError is a ValidationError), so a form shows the message on its field."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ProfilesError(_("The picture is larger than 5 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow's own check, on opening, of sizes far above ours (the warning only when
        # warnings are errors): a bomb, said as politely as any other oversized picture.
        raise ProfilesError(_("The picture has too many pixels.")) from error
    except UNREADABLE as error:
        raise ProfilesError(_("This file is not a picture we can read.")) from error
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ProfilesError(_("Upload a JPEG, PNG or WebP picture."))
    if width * height > MAX_PIXELS:
        raise ProfilesError(_("The picture has too many pixels."))


def _reencoded(upload, shape: Callable[[Image.Image], Image.Image]) -> ContentFile:
    """The picture drawn again from its pixels as JPEG: no EXIF (with its GPS position and the
    camera's serial number) survives. Transparency becomes white; `shape` sizes the result."""
    picture_check(upload)
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            shaped = shape(image.convert("RGB"))
    except (Image.DecompressionBombError, *UNREADABLE) as error:
        raise ProfilesError(_("This file is not a picture we can read.")) from error
    output = io.BytesIO()
    shaped.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def process_photo(upload) -> ContentFile:
    """A square JPEG of SIDE pixels from an uploaded JPEG, PNG or WebP, or ProfilesError."""
    return _reencoded(
        upload, lambda image: ImageOps.fit(image, (SIDE, SIDE), Image.Resampling.LANCZOS)
    )


def picture_reencode(upload, *, longest_side: int) -> ContentFile:
    """A JPEG of an uploaded JPEG, PNG or WebP at most `longest_side` pixels on its longer
    side (never enlarged), or ProfilesError."""

    def shrink(image: Image.Image) -> Image.Image:
        image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
        return image

    return _reencoded(upload, shrink)
