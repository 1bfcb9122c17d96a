"""The printable form of an article: the HTML WeasyPrint turns into a PDF.

The same block templates render the body on screen and in print; `library-print.css` lays
it out on A4 with the page's address and review date in the footer of every sheet. Links
inside the article point to the public site, not to the renderer's internal origin.
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone, translation

from config.pdf import html_to_pdf
from library.models import ArticlePage

_RELATIVE_HREF = re.compile(r'(<a\b[^>]*?\bhref=")/(?!/)')


class PdfUnavailable(Exception):
    """The page has no published revision to export."""


def article_pdf_html(*, page: ArticlePage) -> str:
    page = page.specific
    site_root = page.get_site().root_url if page.get_site() else ""
    with translation.override(page.locale.language_code):
        html = render_to_string(
            "library/pdf/article.html",
            {
                "page": page,
                "page_url": page.get_full_url() or page.url,
                "reviewed": page.last_reviewed,
                "authors": list(page.authors.select_related("user__profile", "organization")),
                "generated": timezone.localdate(),
            },
        )
    return _RELATIVE_HREF.sub(rf"\g<1>{site_root}/", html)


def article_pdf_render(*, page: ArticlePage) -> bytes:
    return html_to_pdf(html=article_pdf_html(page=page))
