"""PDF exports of published articles, rendered once per published revision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def pdf_upload_to(instance, filename):
    return f"library/pdf/{instance.page_id}/{instance.revision_id}-{filename}"


class ArticlePdf(models.Model):
    """The PDF of one published revision of an article. A new publication has a new revision,
    so it misses this cache by construction; older files are removed when it happens."""

    page = models.ForeignKey("library.ArticlePage", on_delete=models.CASCADE, related_name="pdfs")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=pdf_upload_to)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article PDF")
        verbose_name_plural = _("article PDFs")
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="library_pdf_per_revision"),
        ]

    def __str__(self):
        return self.file.name
