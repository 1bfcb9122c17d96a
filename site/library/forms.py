"""Public forms of the library: proposing an article, feedback, and listing filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taggit.utils import parse_tags

from config.models import District
from library.selectors import KINDS, SORTS
from library.services import CaseStudyDraft, GuideDraft
from library.services.contributions import MAX_STEPS, MAX_TAGS
from library.text import rich_to_plain

TEXT_HELP = _("Leave an empty line between paragraphs. Start lines with “- ” to make a list.")


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ContributionForm(forms.Form):
    """What every proposal has; `GuideForm` and `CaseStudyForm` add their own parts."""

    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=150)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        widget=_textarea(3),
        help_text=_("Two or three sentences: who this is for and what it helps to do."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Up to 6 keywords, separated by commas: for example, courtyard, lighting."),
    )
    details = forms.CharField(
        label=_("Anything else readers should know"),
        required=False,
        max_length=20000,
        widget=_textarea(6),
        help_text=TEXT_HELP,
    )
    organization = forms.ModelChoiceField(
        label=_("Credit an organization"),
        queryset=None,
        required=False,
        empty_label=_("Only me"),
        help_text=_("One of your organizations, credited next to your name."),
    )

    def __init__(self, *args, user, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if topics is None:
            del self.fields["topic"]
        else:
            self.fields["topic"].choices = [("", _("Choose a topic")), *topics]
        organizations = user.organizations.order_by("name")
        if organizations.exists():
            self.fields["organization"].queryset = organizations
        else:
            del self.fields["organization"]

    def clean_tags(self):
        tags = [t[:40] for t in parse_tags(self.cleaned_data["tags"])]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("Use at most %(n)d tags.") % {"n": MAX_TAGS})
        return tuple(tags)

    def common(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "tags": data["tags"],
            "details": data["details"],
            "organization": data.get("organization"),
        }

    @classmethod
    def initial_from(cls, page) -> dict:
        credited = page.authors.filter(organization__isnull=False).first()
        return {
            "title": page.title,
            "summary": page.summary,
            "tags": ", ".join(page.tags.names()),
            "details": "\n\n".join(
                rich_to_plain(block.value.source)
                for block in page.body
                if block.block_type == "paragraph"
            ),
            "organization": credited.organization_id if credited else None,
        }


class GuideForm(ContributionForm):
    time_needed = forms.CharField(
        label=_("Time needed"),
        max_length=80,
        required=False,
        help_text=_("For example: 3–4 weeks."),
    )
    authority = forms.CharField(
        label=_("Who is responsible"),
        max_length=200,
        required=False,
        help_text=_("The municipal body or service in charge, if there is one."),
    )
    prerequisites = forms.CharField(
        label=_("Before you start"),
        max_length=5000,
        required=False,
        widget=_textarea(4),
        help_text=TEXT_HELP,
    )

    def to_draft(self, steps: list[tuple[str, str]]) -> GuideDraft:
        data = self.cleaned_data
        return GuideDraft(
            **self.common(),
            prerequisites=data["prerequisites"],
            time_needed=data["time_needed"],
            authority=data["authority"],
            steps=tuple(steps),
        )

    @classmethod
    def initial_from(cls, page) -> dict:
        return {
            **super().initial_from(page),
            "time_needed": page.time_needed,
            "authority": page.authority_note,
            "prerequisites": rich_to_plain(page.prerequisites),
        }


class CaseStudyForm(ContributionForm):
    problem = forms.CharField(
        label=_("The problem"), max_length=8000, widget=_textarea(5), help_text=TEXT_HELP
    )
    approach = forms.CharField(
        label=_("What was done"), max_length=8000, widget=_textarea(5), help_text=TEXT_HELP
    )
    outcome = forms.CharField(
        label=_("The outcome"), max_length=8000, widget=_textarea(5), help_text=TEXT_HELP
    )
    lessons = forms.CharField(
        label=_("Lessons for others"),
        max_length=8000,
        required=False,
        widget=_textarea(4),
        help_text=TEXT_HELP,
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=160,
        required=False,
        help_text=_("A street, a courtyard, a school."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1991, max_value=2100, required=False)
    cost = forms.DecimalField(
        label=_("Cost, UAH"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    contacts = forms.CharField(
        label=_("Who to contact"),
        max_length=1000,
        required=False,
        widget=_textarea(3),
        help_text=_("Public contacts of whoever did it: an office, a phone, an email."),
    )

    def to_draft(self, steps=None) -> CaseStudyDraft:
        data = self.cleaned_data
        return CaseStudyDraft(
            **self.common(),
            **{
                name: data[name]
                for name in (
                    "problem",
                    "approach",
                    "outcome",
                    "lessons",
                    "district",
                    "place",
                    "year",
                    "cost",
                    "contacts",
                )
            },
        )

    @classmethod
    def initial_from(cls, page) -> dict:
        return {
            **super().initial_from(page),
            **{
                name: rich_to_plain(getattr(page, name))
                for name in ("problem", "approach", "outcome", "lessons")
            },
            "district": page.district_id,
            "place": page.place,
            "year": page.year,
            "cost": page.cost,
            "contacts": page.contacts,
        }


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=160, required=False)
    text = forms.CharField(
        label=_("What to do"), max_length=5000, required=False, widget=_textarea(3)
    )

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip() and not data.get("title", "").strip():
            self.add_error("title", _("Give this step a short title."))
        return data


class BaseStepFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.steps():
            raise forms.ValidationError(_("Describe at least one step."))

    def steps(self) -> list[tuple[str, str]]:
        return [
            (form.cleaned_data["title"], form.cleaned_data.get("text", ""))
            for form in self.forms
            if form.cleaned_data.get("title", "").strip()
        ]


StepFormSet = forms.formset_factory(
    StepForm, formset=BaseStepFormSet, extra=0, max_num=MAX_STEPS, absolute_max=MAX_STEPS
)


def steps_initial(page) -> list[dict]:
    return [
        {"title": block.value["title"], "text": rich_to_plain(block.value["text"].source)}
        for block in page.steps
    ]


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose “Yes” or “No” to tell us whether this page helped."),
            "invalid_choice": _("Choose “Yes” or “No” to tell us whether this page helped."),
        },
    )
    comment = forms.CharField(
        label=_("What could be better?"),
        required=False,
        max_length=1000,
        widget=_textarea(3),
        help_text=_("Editors read this; it is not published. Do not include personal details."),
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class ListingForm(forms.Form):
    """Filters of a listing, read from the query string; unknown values fall back quietly."""

    tag = forms.ChoiceField(label=_("Tag"), required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Guides and case studies"))]
        + [(kind, model._meta.verbose_name_plural) for kind, model in KINDS.items()],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("Any tag"))] + [(t.slug, t.name) for t in tags]
