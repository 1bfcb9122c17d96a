"""PDF exports: rendered once per published revision, served from storage afterwards."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from config.transactions import on_commit_robust
from library.exports import PdfUnavailable, article_pdf_render
from library.models import ArticlePage, ArticlePdf


def article_pdf_get(*, page: ArticlePage) -> ArticlePdf:
    """The PDF of the page's live revision, rendering it only if no copy is stored yet."""
    page = page.specific
    if not page.live or page.live_revision_id is None:
        raise PdfUnavailable(page)
    cached = ArticlePdf.objects.filter(page_id=page.pk, revision_id=page.live_revision_id).first()
    if cached is not None and cached.file.storage.exists(cached.file.name):
        return cached
    content = article_pdf_render(page=page)
    pdf = ArticlePdf(page_id=page.pk, revision_id=page.live_revision_id, size=len(content))
    pdf.file.save(f"{page.slug[:60]}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            if cached is not None:
                cached.delete()  # its file went missing; this render replaces it
            pdf.save()
    except IntegrityError:  # a parallel request stored the same revision first
        pdf.file.storage.delete(pdf.file.name)
        return ArticlePdf.objects.get(page_id=page.pk, revision_id=page.live_revision_id)
    return pdf


def article_pdf_invalidate(*, page: ArticlePage) -> int:
    """Drop stored PDFs of revisions that are no longer live (after a publication or an
    unpublication); their files go once the transaction commits."""
    stale = ArticlePdf.objects.filter(page_id=page.pk)
    if page.live and page.live_revision_id:
        stale = stale.exclude(revision_id=page.live_revision_id)
    names = list(stale.values_list("file", flat=True))
    if not names:
        return 0
    storage = ArticlePdf._meta.get_field("file").storage
    with transaction.atomic():
        count, _ = stale.delete()
        on_commit_robust(lambda: [storage.delete(name) for name in names])
    return count
