"""Forms of verification: what a person sends to be verified (a request to a registrar, a
letter to their flat, the code from it) and what staff type when they decide or revoke."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.models import District
from residents.models import Building, ResidenceRequest


class BuildingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.address


class ResidenceRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Verify me as"),
        choices=ResidenceRequest.Kind.choices,
        widget=forms.RadioSelect,
        initial=ResidenceRequest.Kind.DISTRICT,
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.order_by("sort_order", "pk"),
        required=False,
        help_text=_("When you ask to be verified as a resident of a district."),
    )
    building = BuildingChoiceField(
        label=_("Building"),
        queryset=Building.objects.order_by("address"),
        required=False,
        help_text=_("When you ask to be verified as a resident of a building."),
    )
    note = forms.CharField(
        label=_("Note to the registrar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("How the registrar can check where you live. No passport numbers, please."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, up to 5 MB. Only the registrar sees it, and it is deleted as "
            "soon as they decide."
        ),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ResidenceRequest.Kind.DISTRICT and not data.get("district"):
            self.add_error("district", _("Choose your district."))
        if kind == ResidenceRequest.Kind.BUILDING and not data.get("building"):
            self.add_error("building", _("Choose your building."))
        return data


class LetterRequestForm(forms.Form):
    """Shown on the same page as the request to a registrar: ids of its own (`letter_…`)."""

    building = BuildingChoiceField(
        label=_("Building"), queryset=Building.objects.order_by("address")
    )
    flat = forms.CharField(
        label=_("Flat number"),
        max_length=20,
        help_text=_("Only to deliver the letter: forgotten once you have entered the code."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "letter_%s")
        super().__init__(*args, **kwargs)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the person will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ApproveForm(forms.Form):
    reason = forms.CharField(
        label=_("Note to the person (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the person will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
    )
