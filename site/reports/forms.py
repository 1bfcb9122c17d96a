"""The forms of the public report pages: the list's filters, the report itself (its fields
built from the category's questions), an update on the timeline, and "me too".

Forms only parse and validate what was typed; the services (`reports.services`) decide and
write, and their refusals (`ReportError`) are shown on the form as they are written.
"""

import math
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.districts import DistrictChoiceField, all_districts
from config.params import parse_id
from config.text import validate_email_domain, validate_public_name
from petitions.forms import HoneypotMixin
from profiles.models import Organization
from reports.models import Category, CategoryAttribute
from reports.models.reports import DESCRIPTION_MAX, UPDATE_MAX
from reports.states import State

STATUSES = {
    "open": _("Open"),
    "fixed": _("Fixed"),
    "closed": _("Closed"),
}
PHOTO_TYPES = "image/jpeg,image/png,image/webp"
MAX_PHOTO_BYTES = 10 * 1024 * 1024


class ListFilterForm(forms.Form):
    """The list's filters, read from the query string. A value that names nothing is dropped
    with a message (`problems`), never an error page."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *STATUSES.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {c.code: c for c in Category.objects.all()}
        self.districts = {d.slug: d for d in all_districts()}
        self.fields["category"].choices = [("", _("Every category"))] + [
            (code, c.name) for code, c in self.categories.items()
        ]
        self.fields["district"].choices = [("", _("Every district"))] + [
            (slug, d.name) for slug, d in self.districts.items()
        ]

    def values(self) -> dict:
        """The filters that hold, whatever was wrong with the others."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "category": self.categories.get(data.get("category") or ""),
            "district": self.districts.get(data.get("district") or ""),
            "status": data.get("status") or None,
        }

    def problems(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organization by its id; a value that cannot be an id is refused before any query."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_id(value)
        found = self.queryset.filter(pk=number).first() if number else None
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return found


class CoordinateField(forms.CharField):
    """A latitude or longitude in degrees, typed or filled in by the map: a finite number
    within `limit`, kept to six decimals (about 10 cm) as the model stores it."""

    def __init__(self, *, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("max_length", 32)
        super().__init__(required=False, **kwargs)
        self.widget = forms.NumberInput(
            attrs={"step": "any", "min": -limit, "max": limit, "inputmode": "decimal"}
        )

    def clean(self, value):
        text = super().clean(value).replace(",", ".").strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not -self.limit <= number <= self.limit:
            raise forms.ValidationError(
                _("Enter a number between -%(limit)s and %(limit)s."),
                code="invalid_coordinate",
                params={"limit": self.limit},
            )
        return Decimal(f"{number:.6f}")


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to three photos from one file input; each is re-encoded by the service."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": PHOTO_TYPES, "multiple": True})
        )
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        from reports.models import ReportPhoto

        if len(files) > ReportPhoto.MAX_PER_REPORT:
            raise forms.ValidationError(
                _("Choose at most %(count)s photos."),
                code="too_many_photos",
                params={"count": ReportPhoto.MAX_PER_REPORT},
            )
        for upload in files:
            if getattr(upload, "size", 0) > MAX_PHOTO_BYTES:
                raise forms.ValidationError(
                    _("A photo may be at most 10 MB."), code="photo_too_large"
                )
        return files


def attribute_field(attribute: CategoryAttribute) -> forms.Field:
    """The form field for one of the category's questions (Open311 attribute datatypes)."""
    common = {"label": attribute.question, "required": attribute.required}
    kind = attribute.datatype
    if kind == CategoryAttribute.Datatype.NUMBER:
        return forms.DecimalField(max_digits=12, decimal_places=4, **common)
    if kind == CategoryAttribute.Datatype.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
            **common,
        )
    if kind == CategoryAttribute.Datatype.TEXT:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == CategoryAttribute.Datatype.SINGLEVALUELIST:
        return forms.ChoiceField(
            choices=[("", _("Choose one"))] + attribute.value_choices(), **common
        )
    if kind == CategoryAttribute.Datatype.MULTIVALUELIST:
        return forms.MultipleChoiceField(
            choices=attribute.value_choices(), widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.CharField(max_length=200, **common)


class ReportForm(HoneypotMixin):
    """A report of one category. A place category asks for a point (the map, or the two
    numbers) or an address with its district; a provider category for the organization.
    Without a confirmed account it asks for an email (never shown) and, optionally, a name."""

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("What is wrong, in a few words, e.g. “Deep pothole by the bus stop”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you see, and since when. Up to 4,000 characters."),
    )
    photos = PhotosField(
        label=_("Photos"),
        help_text=_("Up to 3 photos (JPEG, PNG or WebP). Their location data is removed."),
    )
    latitude = CoordinateField(limit=90, label=_("Latitude"))
    longitude = CoordinateField(limit=180, label=_("Longitude"))
    address = forms.CharField(
        label=_("Address or description of the place"), max_length=200, required=False
    )
    district = DistrictChoiceField(
        label=_("District"), required=False, empty_label=_("Choose a district")
    )
    provider = OrganizationChoiceField(
        label=_("The organization whose service you complain about"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("Choose an organization"),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        validators=[validate_email_domain],
        help_text=_(
            "We send a link to confirm the report, then the body's answers. It is never shown."
        ),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=100, required=False, validators=[validate_public_name]
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the public report"), required=False, initial=False
    )
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, category: Category, needs_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.needs_email = needs_email
        self.attribute_codes = []
        for attribute in category.attributes.all():
            name = f"attribute_{attribute.code}"
            self.fields[name] = attribute_field(attribute)
            self.attribute_codes.append((name, attribute.code))
        if category.needs_place:
            del self.fields["provider"]
            self.fields["latitude"].help_text = _(
                "Choose the point on the map, or type its coordinates (e.g. 49.5012)."
            )
        else:
            for name in ("latitude", "longitude", "address", "district"):
                del self.fields[name]
            self.fields["provider"].required = True
        if needs_email:
            self.fields["email"].required = True
        else:
            for name in ("email", "name", "show_name", "website"):
                del self.fields[name]
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX

    @property
    def attribute_fields(self):
        return [self[name] for name, _code in self.attribute_codes]

    def clean(self):
        data = super().clean()
        if self.category.needs_place:
            has_lat = data.get("latitude") is not None
            has_lon = data.get("longitude") is not None
            if has_lat != has_lon and not self.errors:
                self.add_error(
                    "latitude" if not has_lat else "longitude",
                    _("A point needs both its latitude and its longitude."),
                )
            unplaced = not data.get("address") or not data.get("district")
            if not has_lat and not has_lon and not self.has_error("latitude") and unplaced:
                raise forms.ValidationError(
                    _(
                        "Say where the problem is: choose the point on the map, or give an "
                        "address and its district."
                    ),
                    code="no_place",
                )
        return data

    @property
    def point(self):
        data = self.cleaned_data
        if data.get("latitude") is None or data.get("longitude") is None:
            return None
        return data["latitude"], data["longitude"]

    def attribute_values(self) -> dict:
        values = {}
        for name, code in self.attribute_codes:
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            values[code] = value
        return values

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "category": self.category,
            "title": data["title"],
            "description": data["description"],
            "attributes": self.attribute_values(),
            "photos": data.get("photos") or [],
        }
        if self.category.needs_place:
            point = self.point
            fields["address"] = data.get("address", "")
            if point:
                fields["latitude"], fields["longitude"] = point
            if data.get("district") and not point:
                fields["district"] = data["district"]
        else:
            fields["provider"] = data["provider"]
        if self.needs_email:
            fields["reporter_email"] = data["email"]
            fields["reporter_name"] = data.get("name", "")
            fields["show_name"] = bool(data.get("show_name"))
        return fields


def update_state_choices(report, *, now=None) -> list[tuple[str, str]]:
    """What a resident may say of the report's state with an update, as the rules allow."""
    choices = [("", _("Just add information"))]
    if report.is_open:
        choices.append((State.FIXED.value, _("It is fixed")))
    elif report.state == State.FIXED and report.fixed_at:
        now = now or timezone.now()
        if (now - report.fixed_at).days < settings.REPORT_REOPEN_DAYS:
            choices.append((State.OPEN.value, _("Still broken (reopen)")))
    return choices


class UpdateForm(HoneypotMixin):
    """A resident's or the reporter's word on the timeline, with a state change if allowed."""

    text = forms.CharField(
        label=_("Your update"),
        max_length=UPDATE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": UPDATE_MAX}),
    )
    state = forms.ChoiceField(label=_("The problem now"), required=False, widget=forms.RadioSelect)
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        validators=[validate_email_domain],
        help_text=_("We send a link to confirm the update. It is never shown."),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=100, required=False, validators=[validate_public_name]
    )
    show_name = forms.BooleanField(
        label=_("Show my name with the update"), required=False, initial=False
    )

    def __init__(self, *args, report, needs_email: bool, **kwargs):
        super().__init__(*args, prefix="update", **kwargs)
        self.fields["state"].choices = update_state_choices(report)
        self.fields["state"].initial = ""
        if needs_email:
            self.fields["email"].required = True
        else:
            for name in ("email", "name", "show_name", "website"):
                del self.fields[name]


class SupportForm(HoneypotMixin):
    """ "Me too": a bare button when signed in; an email address (never shown) otherwise."""

    email = forms.EmailField(
        label=_("Your email address"),
        validators=[validate_email_domain],
        help_text=_("We send a link to confirm. It is never shown."),
    )

    def __init__(self, *args, needs_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_email:
            del self.fields["email"]
            del self.fields["website"]
