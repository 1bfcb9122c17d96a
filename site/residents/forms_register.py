"""Forms of the building register's pages. They only read what was typed; the rules (unique
numbers, shares, addresses, who may) are the services' (`residents.services.register`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.register_csv import MAX_BYTES


class UnitForm(forms.Form):
    number = forms.CharField(label=_("Unit number"), max_length=20)
    area = forms.DecimalField(
        label=_("Area, m²"),
        min_value=0.01,
        max_value=100000,
        decimal_places=2,
        max_digits=9,
        localize=True,
    )
    is_residential = forms.BooleanField(
        label=_("Residential (a flat)"), required=False, initial=True
    )


class OwnershipForm(forms.Form):
    email = forms.EmailField(
        label=_("Co-owner's email address"),
        required=False,
        help_text=_("They get an invitation to confirm. Leave empty if you do not know it yet."),
    )
    share = forms.CharField(
        label=_("Share"),
        max_length=20,
        help_text=_("A fraction such as 1/2 or a decimal such as 0.5."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, at most 8 MB and 50,000 lines."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 8 MB."), code="too_big")
        return upload
