"""Where files that must not be public live: profile photos, status evidence, data exports.

They sit outside MEDIA_ROOT (which a web server may publish as a whole) and have no URL: a
view hands each file out after checking who asks (a photo's visibility, the owner of an
export, staff with the right permission). `PRIVATE_MEDIA_ROOT` names the folder; by default
it is `private-media/` beside MEDIA_ROOT.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")

    def url(self, name):
        raise ValueError("Private files have no URL; a view must hand them out.")


_private = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private files (a callable, so migrations do not freeze a path)."""
    return _private
