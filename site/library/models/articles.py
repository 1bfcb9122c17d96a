"""Guides and case studies: what the library is made of.

Both share one concrete base, `ArticlePage`, so a listing, a tag page or "related content" is
one query over one table whatever the mix of types, and both carry the same tags, authors,
reading time, feedback, read counter and PDF export.
"""

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.decorators import method_decorator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_ratelimit.decorators import ratelimit

from config.sharedpages import shared
from library.blocks import STEP_TEXT_FEATURES, ArticleBodyBlock, GuideStepsBlock
from library.models.pages import RateLimitedRoutesMixin

ORGANIZATION = "profiles.Organization"
WORDS_PER_MINUTE = 180  # an unhurried reader of instructions, not a skimmer
_WORD = re.compile(r"\w+", re.UNICODE)


def _stream_text(stream) -> list[str]:
    """The words inside a StreamField's stored data (rich text loses its tags)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(strip_tags(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id", "level", "kind", "image", "document"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(list(stream.raw_data) if stream else [])
    return found


def authorities_only() -> dict:
    """Only municipal bodies and deputies' offices can be responsible for a procedure."""
    from profiles.models import Organization

    return {"kind__in": Organization.AUTHORITY_KINDS}


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "library.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticlePage(RateLimitedRoutesMixin, RoutablePageMixin, Page):
    """What guides and case studies have in common. Not created directly."""

    KIND = ""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Two or three sentences: who this is for and what it helps to do."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time, minutes"), default=1, editable=False
    )
    reviewed_on = models.DateField(
        _("content checked on"),
        null=True,
        blank=True,
        help_text=_(
            "When an editor last checked that this is still correct, if later than its last "
            "publication."
        ),
    )

    is_creatable = False
    parent_page_types = ["library.TopicPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("reviewed_on")]

    class Meta:
        verbose_name = _("library article")
        verbose_name_plural = _("library articles")

    @property
    def kind(self) -> str:
        return self.specific_class.KIND if self.specific_class else ""

    @property
    def kind_label(self) -> str:
        return self.specific_class._meta.verbose_name if self.specific_class else ""

    @property
    def last_reviewed(self):
        """The date a reader can trust this up to: the last publication (every publication
        passes an editor) or a later check recorded by an editor."""
        published = self.last_published_at.date() if self.last_published_at else None
        dates = [d for d in (published, self.reviewed_on) if d]
        return max(dates) if dates else None

    def save(self, *args, **kwargs):
        self.reading_minutes = self.count_reading_minutes()
        return super().save(*args, **kwargs)

    def count_reading_minutes(self) -> int:
        words = len(_WORD.findall(" ".join(self.plain_text_parts())))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def plain_text_parts(self) -> list[str]:
        """Everything a reader reads on the page, as text, without rendering anything."""
        return [self.title, self.summary, *_stream_text(self.body), *self.extra_text()]

    def extra_text(self) -> list[str]:
        return []

    @property
    def show_cover(self) -> bool:
        """The cover heads the page unless the body already shows the same picture."""
        if not self.cover_image_id:
            return False
        in_body = {
            block.value["image"].pk
            for block in self.body
            if block.block_type == "image" and block.value["image"]
        }
        return self.cover_image_id not in in_body

    def get_context(self, request, *args, **kwargs):
        from library.views import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(request, page=self))
        return context

    @path("", name="article")
    def article(self, request):
        from library.views import article_read

        article_read(request, page=self)
        # Served from the cache, the page still counts its reader (`article_read_again`).
        return shared(self.render(request), on_hit=("library.views.article_read_again", (self.pk,)))

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from library.views import article_pdf

        return article_pdf(request, page=self)

    @path("feedback/", name="feedback")
    @method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True))
    def feedback(self, request):
        from library.views import article_feedback

        return article_feedback(request, page=self)


class ArticleAuthor(Orderable):
    """Who is credited for an article: a person (by their profile) or an organization."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        CONTRIBUTOR = "contributor", _("Contributor")

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_credits",
    )
    organization = models.ForeignKey(
        ORGANIZATION,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_credits",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.AUTHOR)

    panels = [FieldPanel("user"), FieldPanel("organization"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("credit")
        verbose_name_plural = _("credits")

    def __str__(self):
        return self.name

    def clean(self):
        if self.user_id and self.organization_id:
            raise ValidationError(_("Credit either a person or an organization, not both."))

    @property
    def name(self) -> str:
        """A person's public name, never their email; someone who erased their data shows as
        a former participant."""
        if self.organization_id:
            return self.organization.name
        if self.user_id:
            return self.user.display_name
        return str(_("Former participant"))


class GuidePage(ArticlePage):
    """A how-to: what you need before you start, how long it takes, who is responsible and
    the steps in order."""

    KIND = "guide"

    prerequisites = RichTextField(
        _("before you start"),
        blank=True,
        features=STEP_TEXT_FEATURES,
        help_text=_("Documents, people or decisions needed before the first step."),
    )
    time_needed = models.CharField(
        _("time needed"), max_length=80, blank=True, help_text=_("For example: 3–4 weeks.")
    )
    responsible_authority = models.ForeignKey(
        ORGANIZATION,
        verbose_name=_("responsible authority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to=authorities_only,
        related_name="library_guides",
    )
    authority_note = models.CharField(
        _("who is responsible"),
        max_length=200,
        blank=True,
        help_text=_("The body in charge when it is not on the platform, or a detail."),
    )
    steps = StreamField(GuideStepsBlock(), verbose_name=_("steps"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("time_needed"),
                FieldPanel("responsible_authority"),
                FieldPanel("authority_note"),
                FieldPanel("prerequisites"),
            ],
            heading=_("At a glance"),
        ),
        FieldPanel("steps"),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Credits")),
    ]
    search_fields = ArticlePage.search_fields + [
        index.SearchField("prerequisites"),
        index.SearchField("steps"),
    ]

    template = "library/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def authority_name(self) -> str:
        if self.responsible_authority_id:
            return self.responsible_authority.name
        return self.authority_note

    def extra_text(self) -> list[str]:
        return [strip_tags(self.prerequisites), *_stream_text(self.steps)]


class CaseStudyPage(ArticlePage):
    """How a real problem was solved somewhere in the city: the problem, the approach, the
    outcome and what others can learn, with the cost and who to ask."""

    KIND = "case_study"

    problem = RichTextField(_("problem"), features=STEP_TEXT_FEATURES)
    approach = RichTextField(_("approach"), features=STEP_TEXT_FEATURES)
    outcome = RichTextField(_("outcome"), features=STEP_TEXT_FEATURES)
    lessons = RichTextField(_("lessons learned"), blank=True, features=STEP_TEXT_FEATURES)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_case_studies",
    )
    place = models.CharField(
        _("place"), max_length=160, blank=True, help_text=_("A street, a courtyard, a school.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1991), MaxValueValidator(2100)],
    )
    cost = models.DecimalField(
        _("cost, UAH"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(
        _("funding"), max_length=200, blank=True, help_text=_("Who paid, and how.")
    )
    organization = models.ForeignKey(
        ORGANIZATION,
        verbose_name=_("organization that did it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_case_studies",
    )
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        help_text=_("Public contacts of the organization: an office, a phone, an email."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("place"),
                FieldPanel("year"),
                FieldPanel("cost"),
                FieldPanel("cost_note"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("problem"),
        FieldPanel("approach"),
        FieldPanel("outcome"),
        FieldPanel("lessons"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organization"), FieldPanel("contacts")], heading=_("Who did it")
        ),
        InlinePanel("authors", label=_("Credits")),
    ]
    search_fields = ArticlePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("outcome"),
        index.SearchField("lessons"),
        index.FilterField("district_id"),
        index.FilterField("year"),
    ]

    template = "library/case_study_page.html"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def extra_text(self) -> list[str]:
        return [strip_tags(v) for v in (self.problem, self.approach, self.outcome, self.lessons)]
