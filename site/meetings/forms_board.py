"""The forms of the association's board (and of an initiative group of co-owners) on the public
site: a meeting's draft with its agenda (a formset, one item per row, each with its documents),
cancelling with a reason, a paper ballot, a proxy, hiding a comment and publishing the minutes.

They check what a person can get wrong in a field (an empty reason, a share above one, a window
of 60 days); the services check the rules again (`meetings.services`), and what they refuse is
shown at the top of the same form.
"""

import os
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.forms import BallotForm
from meetings.models import AgendaItem, Meeting
from meetings.services.meetings import MAX_DENOMINATOR, MAX_ITEMS, MAX_NOTICE_DAYS, WINDOW_DAYS

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
NEW_ITEM_ROWS = 2
MAX_DOCUMENTS_PER_ITEM = 5
MAX_DAYS_AHEAD = 730


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker; without it, the same text can be typed."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_INPUT, **kwargs)


class BuildingField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.address


class MeetingForm(forms.Form):
    """The meeting as a whole: which building, what it is about and when it votes. The window
    is given in days from the opening, as the law counts it (1 to 45)."""

    building = BuildingField(label=_("Building"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        help_text=_("Plain text; leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    notice_days = forms.IntegerField(
        label=_("Notice period, days"),
        max_value=MAX_NOTICE_DAYS,
        help_text=_("How long before voting opens the co-owners are told of the meeting."),
    )
    voting_opens_at = forms.DateTimeField(
        label=_("Voting opens"),
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M"],
        help_text=_("At least the notice period after the meeting is convened."),
    )
    window_days = forms.IntegerField(
        label=_("Voting lasts, days"),
        min_value=WINDOW_DAYS[0],
        max_value=WINDOW_DAYS[1],
        initial=14,
        help_text=_("A written vote lasts 1 to 45 days."),
    )

    def __init__(self, *args, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        minimum = settings.MEETING_NOTICE_DAYS
        notice = self.fields["notice_days"]
        # The settings' minimum, read per form (not at import), so it follows the settings.
        notice.validators.append(_MinDays(minimum))
        notice.widget.attrs["min"] = minimum
        notice.initial = minimum
        if not self.is_bound and "voting_opens_at" not in self.initial:
            start = timezone.localtime() + timedelta(days=minimum + 1)
            self.initial["voting_opens_at"] = start.replace(hour=9, minute=0, second=0)

    def clean(self):
        data = super().clean()
        opens_at, notice = data.get("voting_opens_at"), data.get("notice_days")
        if opens_at and opens_at > timezone.now() + timedelta(days=MAX_DAYS_AHEAD):
            # Also keeps the closing time (the opening plus the window) a date there is.
            self.add_error("voting_opens_at", _("Voting opens within two years from now."))
        elif opens_at and notice and opens_at < timezone.now() + timedelta(days=notice):
            self.add_error(
                "voting_opens_at",
                _("Voting opens at least %(days)s days from now, after the notice period.")
                % {"days": notice},
            )
        return data

    def values(self) -> dict:
        """The meeting's fields as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "notice_days": data["notice_days"],
            "voting_opens_at": data["voting_opens_at"],
            "voting_closes_at": data["voting_opens_at"] + timedelta(days=data["window_days"]),
        }

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        window = meeting.voting_closes_at - meeting.voting_opens_at
        return {
            "building": meeting.building_id,
            "title": meeting.title,
            "description": meeting.description,
            "notice_days": meeting.notice_days,
            "voting_opens_at": timezone.localtime(meeting.voting_opens_at),
            "window_days": max(WINDOW_DAYS[0], min(WINDOW_DAYS[1], round(window.days))),
        }


class _MinDays:
    """`notice_days` ≥ the settings' minimum, with the message a person understands."""

    def __init__(self, minimum: int):
        self.minimum = minimum

    def __call__(self, value):
        if value is not None and value < self.minimum:
            raise forms.ValidationError(
                _("The notice period is at least %(days)s days.") % {"days": self.minimum},
                code="min_value",
            )


def _document_check(upload) -> None:
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise forms.ValidationError(
            _("Attach a document of one of these kinds: %(kinds)s.") % {"kinds": ", ".join(allowed)}
        )
    if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        raise forms.ValidationError(
            _("A document is at most %(size)s.")
            % {"size": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)}
        )


class ItemForm(forms.Form):
    """One agenda item; a row without a question is skipped, so the form can offer room for
    more. `existing` carries an edited item's documents over to its new version."""

    existing = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Question"), max_length=300, required=False)
    proposed_decision = forms.CharField(
        label=_("Proposed decision"),
        max_length=5000,
        required=False,
        help_text=_("The text the co-owners vote for or against, word for word."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    rule = forms.ChoiceField(
        label=_("Decision rule"),
        choices=AgendaItem.Rule.choices,
        initial=AgendaItem.Rule.MAJORITY,
        widget=forms.RadioSelect,
        help_text=_("Always measured against the area of the whole building, not of who voted."),
    )
    threshold_numerator = forms.IntegerField(
        label=_("Custom share: numerator"), min_value=1, max_value=MAX_DENOMINATOR, required=False
    )
    threshold_denominator = forms.IntegerField(
        label=_("Custom share: denominator"),
        min_value=1,
        max_value=MAX_DENOMINATOR,
        required=False,
        help_text=_("For a custom rule only: 3 and 4 mean at least three quarters."),
    )
    document = forms.FileField(
        label=_("Add a document"),
        required=False,
        help_text=_(
            "An estimate, a contract, a plan: public with the agenda. Choose it again if the "
            "form comes back with an error."
        ),
    )
    document_title = forms.CharField(label=_("Document's title"), max_length=200, required=False)
    remove_documents = forms.BooleanField(label=_("Remove this item's documents"), required=False)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            _document_check(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("title", "").strip():
            return data
        if not data.get("proposed_decision", "").strip():
            self.add_error("proposed_decision", _("Give the decision the co-owners vote on."))
        if data.get("rule") == AgendaItem.Rule.CUSTOM:
            numerator = data.get("threshold_numerator")
            denominator = data.get("threshold_denominator")
            if not numerator or not denominator:
                self.add_error(
                    "threshold_numerator", _("Give the custom share's numerator and denominator.")
                )
            elif numerator > denominator:
                self.add_error("threshold_numerator", _("A share is at most the whole: 1."))
        return data

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("title", "").strip())


class BaseItemFormSet(forms.BaseFormSet):
    def __init__(self, *args, documents_of=None, **kwargs):
        """`documents_of`: existing item id → its [(Document, title)] (editing a draft)."""
        super().__init__(*args, **kwargs)
        self.documents_of = documents_of or {}

    def kept_documents(self, form) -> list[tuple]:
        """The documents the row's existing item has (shown on the form, kept on save)."""
        try:
            existing = int(form["existing"].value())
        except (TypeError, ValueError):
            return []
        return self.documents_of.get(existing, [])

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not any(form.is_filled for form in self.forms):
            raise forms.ValidationError(_("Put at least one item on the agenda."))

    def items(self) -> list[dict]:
        """The agenda as the services take it, in the order of the rows; each item's kept
        documents in "documents" and a new upload in "uploads" (stored by the service)."""
        items = []
        for form in self.forms:
            if not form.is_filled:
                continue
            data = form.cleaned_data
            custom = data["rule"] == AgendaItem.Rule.CUSTOM
            kept = [] if data.get("remove_documents") else self.documents_of.get(data["existing"])
            upload = data.get("document")
            items.append(
                {
                    "title": data["title"].strip(),
                    "proposed_decision": data["proposed_decision"].strip(),
                    "rule": data["rule"],
                    "threshold": (
                        (data["threshold_numerator"], data["threshold_denominator"])
                        if custom
                        else None
                    ),
                    "documents": list(kept or [])[:MAX_DOCUMENTS_PER_ITEM],
                    "uploads": [(upload, data.get("document_title", "").strip())] if upload else [],
                }
            )
        return items


ItemFormSet = forms.formset_factory(
    ItemForm, formset=BaseItemFormSet, extra=0, max_num=MAX_ITEMS, absolute_max=MAX_ITEMS
)


def item_formset(data, files=None, *, meeting: Meeting | None = None, prefix: str = "items"):
    """The agenda's formset of a request: bound to the POST (one row more when the person
    asked for room, "add_item"), else the meeting's items and blank rows."""
    documents_of = {}
    if meeting is not None:
        for item in meeting.items.all():
            documents_of[item.pk] = [(doc.document, doc.title) for doc in item.documents.all()]
    if data is not None:
        data = data.copy()
        if "add_item" in data:
            management = ItemFormSet(data, prefix=prefix).management_form
            if management.is_valid():
                total = max(0, management.cleaned_data["TOTAL_FORMS"])
                data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, MAX_ITEMS))
        return ItemFormSet(data, files, prefix=prefix, documents_of=documents_of)
    initial = []
    if meeting is not None:
        initial = [
            {
                "existing": item.pk,
                "title": item.title,
                "proposed_decision": item.proposed_decision,
                "rule": item.rule,
                "threshold_numerator": item.threshold_numerator,
                "threshold_denominator": item.threshold_denominator,
            }
            for item in meeting.items.all()
        ]
    formset = ItemFormSet(prefix=prefix, initial=initial, documents_of=documents_of)
    formset.extra = 1 if initial else NEW_ITEM_ROWS
    return formset


def rows_of(formset) -> list[dict]:
    """Per agenda row: its form and the documents its item already has, for the template."""
    return [{"form": form, "documents": formset.kept_documents(form)} for form in formset.forms]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the meeting is cancelled"),
        max_length=500,
        help_text=_("Every co-owner reads it on the meeting's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the meeting is cancelled."))
        return reason


class RightField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        holder = obj.holder_name or _("no account")
        return _("Unit %(unit)s · %(holder)s · share %(share)s") % {
            "unit": obj.unit_number,
            "holder": holder,
            "share": f"{obj.share_numerator}/{obj.share_denominator}",
        }


class PaperBallotForm(BallotForm):
    """A paper ballot typed in by a board member: whose share it is, then the one-page ballot
    of the co-owners' own form (an item left empty is not voted)."""

    def __init__(self, *args, rights, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["right"] = RightField(
            label=_("Whose ballot"), queryset=rights, empty_label=_("Choose the share")
        )
        self.order_fields(["right"])


class ProxyForm(forms.Form):
    """A proxy for one share: the representative's account, named by its email address."""

    right = RightField(label=_("Share"), queryset=None, empty_label=_("Choose the share"))
    email = forms.EmailField(
        label=_("The representative's email address"),
        help_text=_("Of an account on this site: ask them to sign up first if they have none."),
    )

    def __init__(self, *args, rights, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["right"].queryset = rights

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("No account on this site uses this address."))
        self.cleaned_data["proxy_user"] = user
        return email


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        max_length=300,
        help_text=_("Kept with the comment; its author can ask about it."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why it is hidden."))
        return reason


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.display_name)


class PublishForm(forms.Form):
    chair = ChairField(label=_("Who chaired the meeting"), queryset=None, empty_label=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = candidates
