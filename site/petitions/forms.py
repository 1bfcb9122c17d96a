"""The public forms of petitions (sign, create, respond) and the moderators' admin forms.

Forms only parse and validate input; the services decide and write. Anonymous forms carry a
honeypot field: people never see it, simple bots fill it in.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.districts import DistrictChoiceField
from config.text import validate_email_domain, validate_public_name
from petitions.states import RejectionReason, Scope
from profiles.models import Organization
from profiles.selectors import authorities_addressable


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def district_field(label, **kwargs) -> DistrictChoiceField:
    return DistrictChoiceField(label=label, empty_label=_("Choose a district"), **kwargs)


class SignatureForm(HoneypotMixin):
    # Both checks are string scans: signing stays free of extra queries.
    name = forms.CharField(label=_("Full name"), max_length=100, validators=[validate_public_name])
    email = forms.EmailField(
        label=_("Email address"),
        validators=[validate_email_domain],
        help_text=_("We send a link to confirm your signature. It is never shown publicly."),
    )
    district = district_field(_("District where you live"))
    show_name = forms.BooleanField(
        label=_("Show my name publicly on the petition"), required=False, initial=False
    )

    field_order = ["name", "email", "district", "show_name", "website"]


class UserSignatureForm(forms.Form):
    """A signed-in person with a confirmed email: one click, the rest is prefilled."""

    name = forms.CharField(label=_("Full name"), max_length=100, validators=[validate_public_name])
    district = district_field(_("District where you live"))
    show_name = forms.BooleanField(
        label=_("Show my name publicly on the petition"), required=False, initial=False
    )


class PetitionForm(HoneypotMixin):
    title = forms.CharField(
        label=_("What do you want the city to do?"),
        max_length=150,
        help_text=_("One sentence asking for a clear action, e.g. “Build a crossing on X street”."),
    )
    background = forms.CharField(
        label=_("Background"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the city should act. Up to 1,000 characters."),
    )
    additional_details = forms.CharField(
        label=_("Additional details"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Facts, places, figures. Up to 3,000 characters."),
    )
    scope = forms.ChoiceField(label=_("Who is it for?"), choices=Scope.choices)
    district = district_field(
        _("District the petition is about"),
        required=False,
        help_text=_("Only for petitions about one district."),
    )
    authority = forms.ModelChoiceField(
        label=_("Responsible authority"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose who should act"),
        help_text=_("The municipal body or deputy who has the power to do it."),
    )

    field_order = [
        "title",
        "background",
        "additional_details",
        "scope",
        "district",
        "authority",
        "website",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities_addressable()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Scope.DISTRICT and not cleaned.get("district"):
            self.add_error("district", _("Choose the district the petition is about."))
        return cleaned


class SubmitForm(forms.Form):
    """The creator's own signature, given when the draft goes out for support."""

    district = district_field(_("District where you live"))
    show_name = forms.BooleanField(
        label=_("Show my name publicly on the petition"), required=False, initial=True
    )


class RespondForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the authority will do, in two or three sentences."),
    )
    body = forms.CharField(
        label=_("Full response"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 14})
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    details = forms.CharField(
        label=_("Details for the creator and the public"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it unlawful? (internal note)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class InvalidateForm(forms.Form):
    network = forms.CharField(required=False, widget=forms.HiddenInput)
    domain = forms.CharField(required=False, widget=forms.HiddenInput)
    since = forms.DateTimeField(
        label=_("Only signatures made since"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("network") and not cleaned.get("domain"):
            raise forms.ValidationError(_("Choose a network or an email domain."))
        return cleaned
