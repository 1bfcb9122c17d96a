"""PDFs of the site's own pages (library guides, petition dossiers) through WeasyPrint.

WeasyPrint follows every URL a document names: images, stylesheets, fonts. Content comes from
citizens, so a hostile `<img src="file:///etc/passwd">` or `http://169.254.169.254/` must
never be read. `SiteFilesFetcher` answers only the site's own static and media files, read
straight from disk, plus inline `data:` URIs; everything else fails as if it did not exist.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

SITE_ORIGIN = "https://spilno.internal"  # the base URL documents are rendered against


class BlockedURL(ValueError):
    """A document asked for something outside the site's own files."""


class SiteFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"data", "https", "http"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if f"{parts.scheme}://{parts.netloc}" != SITE_ORIGIN:
            raise BlockedURL(f"not one of the site's files: {url}")
        path = self.local_path(unquote(parts.path))
        if path is None:
            raise BlockedURL(f"no such site file: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": content_type})

    @staticmethod
    def local_path(url_path: str) -> Path | None:
        """The file on disk behind a /static/ or /media/ path, never outside those roots."""
        if url_path.startswith(settings.STATIC_URL):
            relative = url_path.removeprefix(settings.STATIC_URL)
            if settings.STATIC_ROOT:
                root = Path(settings.STATIC_ROOT).resolve()
            else:  # development: the finders return files only from inside their own roots
                if ".." in Path(relative).parts:
                    return None
                try:
                    found = finders.find(relative)
                except SuspiciousFileOperation:  # an absolute or escaping path
                    return None
                return Path(found) if found else None
        elif url_path.startswith(settings.MEDIA_URL):
            relative = url_path.removeprefix(settings.MEDIA_URL)
            root = Path(settings.MEDIA_ROOT).resolve()
        else:
            return None
        candidate = (root / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return candidate
        return None


def html_to_pdf(*, html: str) -> bytes:
    """Render the site's HTML to PDF. Relative URLs resolve against the site, nowhere else."""
    document = weasyprint.HTML(
        string=html, base_url=f"{SITE_ORIGIN}/", url_fetcher=SiteFilesFetcher()
    )
    return document.write_pdf()
