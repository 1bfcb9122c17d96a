"""The form an association's board fills in on the public site to prepare a poll of its
building's co-owners (`polls.board_views`): the poll's text and times, which of the
association's buildings, whether residents who are not co-owners vote too, and the questions
(the admin's question formset, `polls.admin_forms.question_formset`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from polls.admin_forms import PollTextForm
from residents.models import Audience, Building

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker; without it, the same text can be typed."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_INPUT, **kwargs)


class BoardPollForm(PollTextForm):
    building = forms.ModelChoiceField(label=_("Building"), queryset=Building.objects.none())
    building_roles = forms.ChoiceField(
        label=_("Who votes"),
        choices=Audience.BuildingRoles.choices,
        initial=Audience.BuildingRoles.CO_OWNERS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        buildings = Building.objects.filter(association=association).order_by("address")
        self.fields["building"].queryset = buildings
        self.fields["building"].empty_label = None
        for name in ("opens_at", "closes_at"):
            self.fields[name].widget = LocalDateTimeInput()
            self.fields[name].input_formats = [LOCAL_INPUT, "%Y-%m-%d %H:%M"]
        self.order_fields(
            ["title", "summary", "description", "building", "building_roles", "opens_at"]
        )

    def audience_values(self) -> dict:
        return {
            "buildings": [self.cleaned_data["building"]],
            "building_roles": self.cleaned_data["building_roles"],
        }
