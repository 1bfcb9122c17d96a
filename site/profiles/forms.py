"""Forms of the public site. They parse and check input; the services decide and write."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from config.models import District
from config.text import validate_email_domain, validate_public_name
from profiles.images import picture_check
from profiles.models import Membership, Organization, PostReport, Profile, Visibility
from profiles.models.people import VERIFIED_STATUSES

LINK_SCHEMES = ["http", "https"]


def split_tags(value: str) -> list[str]:
    return [tag.strip() for tag in value.split(",") if tag.strip()]


def split_links(value: str) -> list[str]:
    links = [line.strip() for line in value.splitlines() if line.strip()]
    validate = URLValidator(schemes=LINK_SCHEMES)
    for link in links:
        try:
            validate(link)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("“%(link)s” is not a web address (https://…)."), params={"link": link}
            ) from error
    return links


class PhotoField(forms.FileField):
    """A picture checked as the form is validated, so a bad one is an error on this field
    and the rest of what the person typed stays in the form."""

    widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    default_validators = [picture_check]


def visibility_field(label):
    return forms.ChoiceField(label=label, choices=Visibility.choices)


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        min_length=2,
        validators=[validate_public_name],
        help_text=_("Shown beside everything you do on the platform. A pseudonym is fine."),
    )
    photo = PhotoField(
        label=_("Photo"), required=False, help_text=_("JPEG, PNG or WebP, up to 5 MB.")
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    photo_visibility = visibility_field(_("Who can see your photo"))
    about = forms.CharField(
        label=_("About me"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        required=False,
    )  # fmt: skip
    about_visibility = visibility_field(_("Who can see “About me”"))
    activity = forms.CharField(
        label=_("Social and professional activity"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Where you work or volunteer, what you have done for the city."),
    )
    activity_visibility = visibility_field(_("Who can see your activity"))
    skills = forms.CharField(
        label=_("Skills"),
        max_length=600,
        required=False,
        help_text=_("Separated by commas, e.g. urban planning, accounting, first aid."),
    )
    skills_visibility = visibility_field(_("Who can see your skills"))
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One web address per line, up to 5."),
    )
    links_visibility = visibility_field(_("Who can see your links"))
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        help_text=_("Used to show you polls and petitions of your district."),
    )
    district_visibility = visibility_field(_("Who can see your district"))
    building = forms.CharField(
        label=_("Building"),
        max_length=120,
        required=False,
        help_text=_("Street and house number, for polls about your building. Only you see it."),
    )
    is_listed = forms.BooleanField(
        label=_("Show me in the people directory and its search"), required=False
    )

    @classmethod
    def for_profile(cls, profile: Profile, data=None, files=None):
        initial = {
            "display_name": profile.display_name,
            "about": profile.about,
            "activity": profile.activity,
            "skills": ", ".join(sorted(tag.name for tag in profile.skills.all())),
            "links": "\n".join(profile.links),
            "district": profile.district_id,
            "building": profile.building,
            "is_listed": profile.is_listed,
        }
        for name in Profile.VISIBILITY_FIELDS:
            initial[f"{name}_visibility"] = getattr(profile, f"{name}_visibility")
        return cls(data=data, files=files, initial=initial)

    def clean_skills(self):
        return split_tags(self.cleaned_data["skills"])

    def clean_links(self):
        return split_links(self.cleaned_data["links"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "display_name": data["display_name"],
            "about": data["about"],
            "activity": data["activity"],
            "skills": data["skills"],
            "links": data["links"],
            "district": data["district"],
            "building": data["building"],
            "is_listed": data["is_listed"],
            "visibility": {name: data[f"{name}_visibility"] for name in Profile.VISIBILITY_FIELDS},
            "photo": data.get("photo") or None,
            "remove_photo": data["remove_photo"],
        }


class NotificationSettingsForm(forms.Form):
    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, wanted in choices:
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label, required=False, initial=wanted
            )


class StatusRequestForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in VERIFIED_STATUSES],
        widget=forms.RadioSelect,
    )
    organization = forms.ModelChoiceField(
        label=_("Organization you represent"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("One whose team you are on. Its page will show beside your badge."),
    )
    evidence = forms.CharField(
        label=_("How can staff check this?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("E.g. the decision that elected or appointed you, a registry entry."),
    )
    evidence_file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 5 MB. Only staff see it."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            memberships__user=user
        ).order_by("name")


class OrganizationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, min_length=2, validators=[validate_public_name]
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        # Municipal bodies and deputy's offices are granted by staff, never chosen here.
        choices=[c for c in Organization.Kind.choices if c[0] not in Organization.AUTHORITY_KINDS],
        help_text=_(
            "An informal group is a team of like-minded people that is not registered. "
            "A municipal body or deputy's office: create its page as another kind, then ask for "
            "the official's or deputy's status naming it; staff change the kind once they have "
            "checked your evidence."
        ),
    )
    about = forms.CharField(
        label=_("About"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000,
        required=False,
    )  # fmt: skip
    activity = forms.CharField(
        label=_("Activity"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000,
        required=False, help_text=_("Projects, services, what the organization has done."),
    )  # fmt: skip
    areas = forms.CharField(
        label=_("Areas of work"),
        max_length=600,
        required=False,
        help_text=_("Separated by commas, e.g. ecology, education, public spaces."),
    )
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One web address per line, up to 5."),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    email = forms.EmailField(
        label=_("Public contact email"), required=False, validators=[validate_email_domain]
    )
    registry_code = forms.CharField(
        label=_("Registry code (EDRPOU)"),
        max_length=8,
        required=False,
        help_text=_("8 digits. Leave empty for an informal group."),
    )
    address = forms.CharField(
        label=_("Registered address"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for an informal group."),
    )
    photo = PhotoField(
        label=_("Logo"), required=False, help_text=_("JPEG, PNG or WebP, up to 5 MB.")
    )
    remove_photo = forms.BooleanField(label=_("Remove the logo"), required=False)

    @classmethod
    def for_organization(cls, organization: Organization, data=None, files=None):
        initial = {
            name: getattr(organization, name)
            for name in ("name", "kind", "about", "activity", "email", "registry_code", "address")
        }
        initial["district"] = organization.district_id
        initial["areas"] = ", ".join(sorted(tag.name for tag in organization.areas.all()))
        initial["links"] = "\n".join(organization.links)
        form = cls(data=data, files=files, initial=initial)
        if organization.is_authority:
            # Staff granted this kind: it is shown, not offered for change.
            kind = form.fields["kind"]
            kind.choices = [(organization.kind, organization.get_kind_display())]
            kind.disabled = True
            kind.help_text = _("Staff granted this kind; write to them to change it.")
        return form

    def clean_areas(self):
        return split_tags(self.cleaned_data["areas"])

    def clean_links(self):
        return split_links(self.cleaned_data["links"])

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["photo"] = data.get("photo") or None
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"), validators=[validate_email_domain]
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [c for c in Membership.Role.choices if c[0] in roles]
        self.fields["role"].initial = Membership.Role.MEMBER


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the team"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("Who you are and how you would like to help."),
    )


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Position"), max_length=120, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50_000,
        help_text=_(
            "Markdown: a blank line starts a paragraph; **bold**, *italic*, "
            "[link text](https://…), lines starting with “- ” make a list, “## ” a heading."
        ),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=PostReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that after 14 days my account and personal data are erased."),
    )
