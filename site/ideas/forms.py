"""The forms of ideas: the list's filters, the proposal (create and edit a draft), its
attachments, support is a bare button, the authority's answer and moves, a merge, comments and
their reports, and the moderators' reasons.

Forms only parse and validate input; the services (`ideas.services`) decide and write.
"""

from django import forms
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.districts import DistrictChoiceField, all_districts
from ideas.models import CommentReport, Idea, IdeaAttachment
from ideas.states import ANSWER_STATES, PUBLIC_STATES, State
from profiles.models import Organization

MAX_TOPICS = 8
CITY_WIDE = "city"  # the list's district filter: ideas for the whole city only
SORTS = {
    "recent": _("Most recent"),
    "supported": _("Most supported"),
    "closest": _("Closest to the threshold"),
}


class ListFilterForm(forms.Form):
    """The list's filters, read from the query string. A value that names nothing is dropped
    with a message (`problems`), never an error page: the list then shows without it."""

    district = forms.ChoiceField(label=_("District"), required=False)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("State"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {district.slug: district for district in all_districts()}
        self.fields["district"].choices = [
            ("", _("The whole city and every district")),
            (CITY_WIDE, _("Only ideas for the whole city")),
        ] + [(slug, district.name) for slug, district in self.districts.items()]
        states = [(s.value, s.label) for s in State if s.value in PUBLIC_STATES]
        self.fields["state"].choices = [("", _("Active ideas")), ("all", _("Every state"))]
        self.fields["state"].choices += states
        self.fields["topic"].widget = forms.Select(
            choices=[("", _("Every topic"))] + [(slug, name) for slug, name in topics]
        )
        self.topic_slugs = {slug for slug, _name in topics}

    def clean_district(self):
        """A District, CITY_WIDE, or None for every idea."""
        value = self.cleaned_data.get("district")
        return self.districts.get(value, value or None)

    def clean_topic(self):
        topic = self.cleaned_data.get("topic", "")
        if topic and topic not in self.topic_slugs:
            raise forms.ValidationError(_("There is no such topic."), code="unknown_topic")
        return topic

    def values(self) -> dict:
        """The filters that hold, whatever was wrong with the others."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "district": data.get("district"),
            "topic": data.get("topic") or None,
            "state": data.get("state") or None,
            "sort": data.get("sort") or "recent",
        }

    def problems(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]


def topics_from_text(text: str) -> list[str]:
    topics = []
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name and name.lower() not in {t.lower() for t in topics}:
            topics.append(name)
    return topics


class IdeaForm(forms.Form):
    """The proposal: what the idea is, where, and on whose behalf."""

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("What should be built or changed, e.g. “A crossing by school No. 5”."),
    )
    summary = forms.CharField(
        label=_("The idea in one sentence"),
        max_length=300,
        help_text=_("Shown in lists and search results. Up to 300 characters."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What, where, for whom and why. Up to 10,000 characters."),
    )
    district = DistrictChoiceField(
        label=_("District"),
        required=False,
        empty_label=_("The whole city"),
        help_text=_("An idea for one district needs fewer supporters than one for the whole city."),
    )
    organization = forms.ModelChoiceField(
        label=_("Propose on behalf of"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("An organization you are a member of; its name is shown with the idea."),
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. “transport, safety”."),
    )
    address = forms.CharField(label=_("Address or place"), max_length=200, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        help_text=_("Optional: the point on the map, in degrees, e.g. 49.5."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        help_text=_("In degrees, e.g. 30.8."),
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost, UAH"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            memberships__user=user
        ).order_by("name")
        if not self.fields["organization"].queryset.exists():
            del self.fields["organization"]

    @staticmethod
    def initial_of(idea: Idea) -> dict:
        return {
            "title": idea.title,
            "summary": idea.summary,
            "description": idea.description,
            "district": idea.district_id,
            "organization": idea.organization_id,
            "topics": ", ".join(sorted(tag.name for tag in idea.topics.all())),
            "address": idea.address,
            "latitude": idea.latitude,
            "longitude": idea.longitude,
            "estimated_cost": idea.estimated_cost,
        }

    def clean_topics(self):
        topics = topics_from_text(self.cleaned_data.get("topics", ""))
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(
                _("Choose at most %(count)s topics."), params={"count": MAX_TOPICS}
            )
        if any(len(topic) > 100 for topic in topics):
            raise forms.ValidationError(_("A topic is at most 100 characters long."))
        return topics

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(
                _("Give both the latitude and the longitude of the place, or neither.")
            )
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("organization", None)
        data["topics"] = tuple(data["topics"])
        return data


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=IdeaAttachment.Kind.choices, initial="picture"
    )
    file = forms.FileField(
        label=_("File"), help_text=_("A picture (JPEG, PNG or WebP) or a PDF document.")
    )
    title = forms.CharField(
        label=_("Description"),
        max_length=200,
        help_text=_("For a picture: what it shows (read aloud to people who cannot see it)."),
    )


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[(s.value, s.label) for s in State if s.value in ANSWER_STATES],
    )
    answer = forms.CharField(
        label=_("Public answer"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published with today's date: what will be done, or why not."),
    )
    answering_body = forms.ModelChoiceField(
        label=_("Answered for"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Not on behalf of an organization"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Organization.objects.filter(memberships__user=user).order_by("name")
        self.fields["answering_body"].queryset = bodies
        if not bodies.exists():
            del self.fields["answering_body"]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the timeline"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PollDatesForm(forms.Form):
    """When the poll about an accepted idea opens and closes (the rest of the poll, its key
    holders included, is prepared on the poll's own page before it is scheduled)."""

    opens_on = forms.DateField(
        label=_("The poll opens on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("The poll closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and opens_on <= timezone.localdate():
            self.add_error("opens_on", _("A poll opens on a day after today."))
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", _("A poll closes after the day it opens."))
        return cleaned


def idea_slug_from(text: str) -> str | None:
    """An idea's slug from its address (`https://…/ideas/<slug>/`, `/en/ideas/<slug>/`) or
    from the slug itself; None when the text names no idea page."""
    text = text.strip()
    if not text:
        return None
    path = text.split("://", 1)[-1]
    if "://" in text:
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
    path = path.split("?", 1)[0].split("#", 1)[0]
    if "/" not in path:
        return path
    if not path.endswith("/"):
        path += "/"
    # Each language has its own prefix (none for Ukrainian): try the path in each.
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                match = resolve(path)
            except Resolver404:
                continue
        if match.view_name == "ideas:detail":
            return match.kwargs.get("slug")
    return None


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Merge into the idea at"),
        max_length=500,
        help_text=_("The address of the idea this one duplicates."),
    )
    note = forms.CharField(label=_("Why"), max_length=2000, required=False)

    def clean_target(self):
        slug = idea_slug_from(self.cleaned_data["target"])
        target = Idea.objects.public().filter(slug=slug).first() if slug else None
        if target is None:
            raise forms.ValidationError(
                _("No public idea has this address."), code="unknown_target"
            )
        return target


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown publicly with your name. Up to 3,000 characters."),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why report it"), choices=CommentReport.Reason.choices)
    explanation = forms.CharField(label=_("Details"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to the author)"), max_length=300)
