"""The audience fields, for the forms of any app whose records are addressed to an audience
(a poll, a meeting). Subclass `AudienceForm` (or mix it into a ModelForm) and pass
`form.audience_values()` to `audience_create` or `audience_update`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.models import District
from experts.models import Competency
from profiles.models import Organization
from residents.models import Audience, Building


class AudienceForm(forms.Form):
    whole_city = forms.BooleanField(label=_("Every verified resident of the city"), required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Residents of these districts"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("These buildings"),
        queryset=Building.objects.select_related("district"),
        required=False,
    )
    building_roles = forms.ChoiceField(
        label=_("In those buildings"),
        choices=Audience.BuildingRoles.choices,
        initial=Audience.BuildingRoles.EVERYONE,
        widget=forms.RadioSelect,
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Practitioners of these professions"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Members of these organizations"),
        queryset=Organization.objects.all(),
        required=False,
    )

    AUDIENCE_FIELDS = (
        "whole_city",
        "districts",
        "buildings",
        "building_roles",
        "competencies",
        "organizations",
    )

    def clean(self):
        data = super().clean()
        if not any(
            data.get(name)
            for name in ("whole_city", "districts", "buildings", "competencies", "organizations")
        ):
            raise forms.ValidationError(
                _(
                    "Choose who may take part: the whole city, districts, buildings, professions "
                    "or organizations."
                ),
                code="empty_audience",
            )
        return data

    def audience_values(self) -> dict:
        """The cleaned fields as keyword arguments of `audience_create` / `audience_update`."""
        return {name: self.cleaned_data.get(name) for name in self.AUDIENCE_FIELDS}

    @classmethod
    def initial_for(cls, audience: Audience) -> dict:
        """Initial values that show a stored audience in the form."""
        return {
            "whole_city": audience.whole_city,
            "districts": list(audience.districts.all()),
            "buildings": list(audience.buildings.all()),
            "building_roles": audience.building_roles,
            "competencies": list(audience.competencies.all()),
            "organizations": list(audience.organizations.all()),
        }
