"""The city itself: its districts, its home page and its site-wide settings."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from config.sharedpages import shared_page


class District(models.Model):
    """An administrative district. Used to address petitions and projects and to target polls;
    a person's own district is private data (see profiles)."""

    slug = models.SlugField(unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    # The district's outline as a GeoJSON Polygon in longitude/latitude, drawn by the site's
    # own maps (`config.maps`); empty where nobody has drawn it yet.
    boundary = models.JSONField(_("boundary"), null=True, blank=True)

    class Meta:
        ordering = ["sort_order", "name_uk"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "uk").startswith("en") else self.name_uk


class HomePage(Page):
    """The city's front door: what the library has learned lately and which petitions are
    gathering signatures. Each app contributes its own block (see `home_sections`)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from config.fragments import lazy
        from config.home import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = lazy(lambda: home_sections(request=request))
        return context

    @shared_page
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)


@register_setting(icon="site")
class CitySettings(BaseSiteSetting):
    """Facts about the city shown across the site; editable by editors, not hard-coded."""

    city_name = models.CharField(_("city name"), max_length=100, default="Місто")
    contact_email = models.EmailField(_("contact email"), blank=True)
    privacy_contact = models.EmailField(
        _("privacy contact"), blank=True, help_text=_("Who answers questions about personal data.")
    )

    panels = [FieldPanel("city_name"), FieldPanel("contact_email"), FieldPanel("privacy_contact")]

    class Meta:
        verbose_name = _("city settings")
