"""What can be reported (a category: Open311's "service"), the questions a category asks, and
which body receives it in which district (routing, edited by staff)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Category(models.Model):
    """A kind of problem (pothole, broken streetlight, rubbish, graffiti) or a complaint about a
    provider's service (poor quality, short measure, late service). A *place* category asks for a
    point on the map or an address; a *provider* category names the organization instead."""

    class Kind(models.TextChoices):
        PLACE = "place", _("A problem at a place")
        PROVIDER = "provider", _("A complaint about a provider's service")

    class Group(models.TextChoices):
        ROADS = "roads", _("Roads and pavements")
        LIGHTING = "lighting", _("Street lighting")
        WASTE = "waste", _("Rubbish and cleanliness")
        GREENERY = "greenery", _("Parks and trees")
        BUILDINGS = "buildings", _("Buildings and yards")
        WATER = "water", _("Water and heating")
        TRANSPORT = "transport", _("Public transport")
        SERVICES = "services", _("Services and providers")

    # Open311's `service_code`: stable, ASCII, in URLs and other systems' records.
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_uk = models.CharField(_("description (Ukrainian)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PLACE)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    keywords = models.CharField(
        _("keywords"), max_length=200, blank=True, help_text=_("Comma-separated, for Open311.")
    )
    # The body's promise: a report still open after this many days is overdue.
    target_days = models.PositiveSmallIntegerField(
        _("days to fix"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("An open report older than this is shown as overdue."),
    )
    active = models.BooleanField(_("accepting reports"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")

    def __str__(self):
        return self.name

    @property
    def _english(self) -> bool:
        return (get_language() or "uk").startswith("en")

    @property
    def name(self) -> str:
        return self.name_en if self._english else self.name_uk

    @property
    def description(self) -> str:
        return self.description_en if self._english else self.description_uk

    @property
    def needs_place(self) -> bool:
        return self.kind == self.Kind.PLACE


class CategoryAttribute(models.Model):
    """A further question a category asks (Open311's service definition attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", pgettext_lazy("data type", "Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLEVALUELIST = "singlevaluelist", _("One of a list")
        MULTIVALUELIST = "multivaluelist", _("Several of a list")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=50)
    question_uk = models.CharField(_("question (Ukrainian)"), max_length=200)
    question_en = models.CharField(_("question (English)"), max_length=200)
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    # [{"key": "deep", "name_uk": "…", "name_en": "…"}, …] for the list types.
    values = models.JSONField(_("values"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category", "sort_order", "pk"]
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="reports_attribute_code")
        ]

    def __str__(self):
        return self.code

    @property
    def question(self) -> str:
        return self.question_en if (get_language() or "uk").startswith("en") else self.question_uk

    def value_choices(self) -> list[tuple[str, str]]:
        english = (get_language() or "uk").startswith("en")
        return [
            (str(v.get("key", "")), str(v.get("name_en" if english else "name_uk", v.get("key"))))
            for v in self.values or []
            if isinstance(v, dict)
        ]


class Route(models.Model):
    """Which body receives a category's reports: in one district, or (district empty) in every
    district that has no route of its own. Edited by staff in the admin."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routes")
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_routes",
        help_text=_("Empty: every district without a route of its own."),
    )
    body = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        related_name="report_routes",
        limit_choices_to={"kind": "municipal_body"},
    )

    class Meta:
        ordering = ["category", "district"]
        verbose_name = _("report route")
        verbose_name_plural = _("report routes")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "district"],
                condition=Q(district__isnull=False),
                name="reports_route_per_district",
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=Q(district__isnull=True),
                name="reports_route_default",
            ),
        ]

    def __str__(self):
        return f"{self.category} / {self.district or '*'} → {self.body}"
