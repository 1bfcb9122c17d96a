"""What the city decided about petitions, editable by editors in Settings → Petitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from petitions.states import Scope


@register_setting(icon="doc-full")
class PetitionSettings(BaseSiteSetting):
    """Thresholds per scope and the lengths of each stage.

    A petition copies what applies to it when it reaches each stage (its support deadline on
    submission, its moderation deadline when its supporters are complete, its thresholds and
    closing time when it opens), so changing a setting never moves the goalposts of a petition
    already in that stage.
    """

    city_response_threshold = models.PositiveIntegerField(
        _("city petitions: signatures for an official response"), default=1000
    )
    city_hearing_threshold = models.PositiveIntegerField(
        _("city petitions: signatures for a council hearing"), default=10_000
    )
    district_response_threshold = models.PositiveIntegerField(
        _("district petitions: signatures for an official response"), default=250
    )
    district_hearing_threshold = models.PositiveIntegerField(
        _("district petitions: signatures for a council hearing"), default=2500
    )
    supporters_required = models.PositiveSmallIntegerField(
        _("supporters needed before moderation"),
        default=5,
        help_text=_("People besides the creator who must sign through the share link."),
    )
    support_days = models.PositiveSmallIntegerField(
        _("days to gather supporters"),
        default=30,
        help_text=_("A petition without its supporters by then expires, unpublished."),
    )
    moderation_days = models.PositiveSmallIntegerField(
        _("days moderators have to decide"),
        default=7,
        help_text=_("Petitions waiting longer are listed as overdue in the moderation queue."),
    )
    open_months = models.PositiveSmallIntegerField(
        _("months a petition is open for signatures"), default=6
    )
    response_days = models.PositiveSmallIntegerField(
        _("days the authority has to respond"), default=30
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("city_response_threshold"), FieldPanel("city_hearing_threshold")],
            heading=_("Whole-city petitions"),
        ),
        MultiFieldPanel(
            [FieldPanel("district_response_threshold"), FieldPanel("district_hearing_threshold")],
            heading=_("District petitions"),
        ),
        FieldPanel("supporters_required"),
        FieldPanel("support_days"),
        FieldPanel("moderation_days"),
        FieldPanel("open_months"),
        FieldPanel("response_days"),
    ]

    class Meta:
        verbose_name = _("petition settings")

    def thresholds(self, scope: str) -> tuple[int, int]:
        """(response, hearing) signature thresholds for a petition of this scope."""
        if scope == Scope.DISTRICT:
            return self.district_response_threshold, self.district_hearing_threshold
        return self.city_response_threshold, self.city_hearing_threshold

    @classmethod
    def current(cls) -> "PetitionSettings":
        """The settings of the city's (default) site."""
        return cls.for_site(Site.objects.get(is_default_site=True))
