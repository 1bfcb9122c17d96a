"""The search index as data: one row per searchable thing, whatever app it comes from.

`SearchDocument` is what every engine searches. The database engine searches the table itself
(SQLite FTS5 or PostgreSQL's tsvector, both kept in sync by the database, see migrations);
Elasticsearch receives a copy of each row. Rows are written only by `search.services`, from the
adapters in `search.sources`, and hold public content only: whatever must not be found is
simply not in the table.
"""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    GUIDE = "guide", pgettext_lazy("search type", "Guide")
    CASE_STUDY = "case_study", pgettext_lazy("search type", "Case study")
    TOPIC = "topic", pgettext_lazy("search type", "Topic")
    PETITION = "petition", pgettext_lazy("search type", "Petition")
    IDEA = "idea", pgettext_lazy("search type", "Idea")
    REPORT = "report", pgettext_lazy("search type", "Problem report")
    PROJECT = "project", pgettext_lazy("search type", "Project")
    EXPERT = "expert", pgettext_lazy("search type", "Expert")
    ORGANIZATION = "organization", pgettext_lazy("search type", "Organization")
    PROFILE = "profile", pgettext_lazy("search type", "Person")
    QUESTION = "question", pgettext_lazy("search type", "Consultation question")


class Visibility(models.TextChoices):
    """Who may find a document. Anything more private is never indexed at all."""

    PUBLIC = "public", _("Everyone")
    RESIDENTS = "residents", _("Signed-in residents")
    STAFF = "staff", _("Staff")


class SearchDocument(models.Model):
    """One searchable thing, in the shape every engine understands.

    `languages` lists the reader languages the document is shown to, as `|uk|en|`: a page
    with a translation is shown only in its own language, content without one to everybody.
    `url` is its address in its own language, `urls` (language → address) where readers of
    another language have an address of their own (`/en/people/…`).
    """

    key = models.CharField(max_length=120, unique=True)
    source = models.CharField(max_length=60, db_index=True)
    type = models.CharField(max_length=20, choices=DocumentType.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tag_names = models.TextField(blank=True, help_text="Tag names, one per line (searched).")
    # The same tags as the `DocumentTag` rows, on the row itself: the tag facet counts the
    # matches' tags from here without joining every match to the tag table (bench/search.py).
    tag_ids = models.JSONField(default=list, blank=True, help_text="Ids of its SearchTags.")
    district = models.ForeignKey(
        "config.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=30, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    popularity = models.PositiveIntegerField(default=0)
    boost = models.FloatField(default=1.0, help_text="Ranking weight derived from popularity.")
    url = models.CharField(max_length=500)
    urls = models.JSONField(default=dict, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    language = models.CharField(max_length=8, help_text="Language the text is written in.")
    languages = models.CharField(max_length=40, help_text="Reader languages, as |uk|en|.")
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["type", "status"], name="search_doc_type_status"),
            models.Index(fields=["-date"], name="search_doc_date"),
            models.Index(fields=["-popularity"], name="search_doc_popularity"),
        ]

    def __str__(self):
        return self.key

    @staticmethod
    def boost_for(popularity: int) -> float:
        """Popular things rank higher, with diminishing returns: 10 signatures ≈ ×1.2,
        1,000 ≈ ×1.7."""
        return round(1.0 + 0.1 * math.log1p(max(popularity, 0)), 4)


class SearchTag(models.Model):
    """A tag as documents carry it: the slug filters, the name is shown and searched."""

    slug = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class DocumentTag(models.Model):
    """A document's tag, kept as rows so that tag facets can be counted by the database."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    tag = models.ForeignKey(SearchTag, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "tag"], name="search_tag_unique"),
        ]
        indexes = [models.Index(fields=["tag", "document"], name="search_tag_document")]

    def __str__(self):
        return f"{self.document_id}: {self.tag_id}"


class SearchTerm(models.Model):
    """A word seen in a title, summary or tag: the vocabulary spelling corrections come from.

    Only ever grows between rebuilds (`search_reindex` prunes it); a suggestion drawn from a
    stale word is checked against the index before it is offered.
    """

    term = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.term
