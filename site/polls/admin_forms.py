"""The forms of a poll being prepared: its text and times, its audience (residents' audience
fields), its questions (a formset, one question per row, its options one per line) and its
documents (a formset with Wagtail's document chooser). The questions' formset is plain Django,
so the association boards' public form (`polls.forms_board`) uses it too."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser

from config.models import District
from polls.models import Option, Poll, Question
from polls.services.keys import MAX_OTHER_HOLDERS
from residents.forms_audience import AudienceForm

MAX_QUESTIONS = 20
MAX_OPTIONS = 20
MAX_DOCUMENTS = 10
NEW_QUESTION_ROWS = 2


class PollTextForm(forms.Form):
    """What every poll has, whoever prepares it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        help_text=_("One or two sentences: shown in lists and in the opening email."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        help_text=_("Plain text; leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    opens_at = forms.DateTimeField(label=_("Opens"))
    closes_at = forms.DateTimeField(label=_("Closes"))
    secrecy = forms.ChoiceField(
        label=_("Ballot"),
        choices=Poll.Secrecy.choices,
        initial=Poll.Secrecy.SECRET,
        widget=forms.RadioSelect,
        help_text=_(
            "An audience of fewer than 20 people always votes openly: a secret tally of so few "
            "would tell who voted how."
        ),
    )

    key_holders = forms.CharField(
        label=_("Other key holders"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Up to two people with an account here (an observer, the audit commission): their "
            "e-mail addresses, one per line. With you, each holds a results key; a secret poll "
            "is counted only when all of you give your keys after it closes."
        ),
    )

    TEXT_FIELDS = ("title", "summary", "description", "opens_at", "closes_at", "secrecy")

    def clean_key_holders(self) -> list:
        """The accounts named, in order: each address must be an active account's."""
        emails = [line.strip() for line in self.cleaned_data["key_holders"].splitlines()]
        emails = [email for email in emails if email]
        if len(emails) > MAX_OTHER_HOLDERS:
            raise forms.ValidationError(
                _("Name at most %(max)s other key holders.") % {"max": MAX_OTHER_HOLDERS}
            )
        users = []
        for email in emails:
            user = (
                get_user_model()
                .objects.filter(email__iexact=email, is_active=True, erased_at__isnull=True)
                .first()
            )
            if user is None:
                raise forms.ValidationError(
                    _("No account has the address %(email)s.") % {"email": email}
                )
            if user in users:
                raise forms.ValidationError(_("Name each key holder once."))
            users.append(user)
        return users

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A poll closes after it opens."))
        return data

    def text_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.TEXT_FIELDS}

    @classmethod
    def initial_for(cls, poll: Poll) -> dict:
        others = poll.key_holders.filter(position__gt=1, user__isnull=False).order_by("position")
        return {
            **{name: getattr(poll, name) for name in cls.TEXT_FIELDS},
            "key_holders": "\n".join(holder.user.email for holder in others.select_related("user")),
        }


class AdminPollForm(PollTextForm, AudienceForm):
    """A poll in the Wagtail admin: its text, who prepares it and for whom. `creator_kinds` are
    the kinds the signed-in person may create as (editors, a municipal body, a deputy); the
    services check the audience against them again."""

    creator_kind = forms.ChoiceField(label=_("Created on behalf of"), choices=())
    district = forms.ModelChoiceField(
        label=_("District of the municipal body or deputy"),
        queryset=District.objects.all(),
        required=False,
        help_text=_("Leave empty for editors' polls."),
    )

    def __init__(self, *args, creator_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["creator_kind"].choices = [
            (value, label) for value, label in Poll.CreatorKind.choices if value in creator_kinds
        ]
        for name in ("opens_at", "closes_at"):
            self.fields[name].widget = AdminDateTimeInput()

    def clean(self):
        data = super().clean()
        if data.get("creator_kind") in ("body", "deputy") and not data.get("district"):
            self.add_error("district", _("Name the district the poll is for."))
        return data


def _options_text(options) -> str:
    return "\n".join(option.text for option in options)


class QuestionForm(forms.Form):
    """One question; a blank row is skipped, so a form can offer room for more."""

    text = forms.CharField(label=_("Question"), max_length=500, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=Question.Kind.choices, initial=Question.Kind.SINGLE
    )
    max_choices = forms.IntegerField(
        label=_("At most this many options (multiple choice)"),
        min_value=1,
        max_value=MAX_OPTIONS,
        initial=1,
        required=False,
    )
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        max_length=MAX_OPTIONS * 310,
        help_text=_("Not used for a scale from 1 to 5."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip():
            return data
        kind = data.get("kind")
        lines = [line.strip() for line in data.get("options", "").splitlines()]
        options = [line for line in lines if line]
        if kind == Question.Kind.SCALE:
            data["option_list"], data["max_choices"] = [], 1
            return data
        if len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        elif len(options) > MAX_OPTIONS:
            self.add_error("options", _("Give at most %(n)s options.") % {"n": MAX_OPTIONS})
        elif len(set(options)) != len(options):
            self.add_error("options", _("Each option appears once."))
        elif any(len(option) > Option._meta.get_field("text").max_length for option in options):
            self.add_error("options", _("An option is at most 300 characters long."))
        if kind == Question.Kind.MULTIPLE:
            k = data.get("max_choices") or 1
            if options and k > len(options):
                self.add_error("max_choices", _("At most as many as there are options."))
            data["max_choices"] = k
        else:
            data["max_choices"] = 1
        data["option_list"] = options
        return data


class BaseQuestionFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.questions():
            raise forms.ValidationError(_("Ask at least one question."))

    def questions(self) -> list[dict]:
        """The questions as `poll_create` takes them, in the order of the rows."""
        return [
            {
                "text": form.cleaned_data["text"].strip(),
                "kind": form.cleaned_data["kind"],
                "max_choices": form.cleaned_data["max_choices"],
                "options": form.cleaned_data["option_list"],
            }
            for form in self.forms
            if form.cleaned_data.get("text", "").strip()
        ]


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=0,
    max_num=MAX_QUESTIONS,
    absolute_max=MAX_QUESTIONS,
)


def questions_initial(poll: Poll) -> list[dict]:
    return [
        {
            "text": question.text,
            "kind": question.kind,
            "max_choices": question.max_choices,
            "options": _options_text(question.options.all()),
        }
        for question in poll.questions.prefetch_related("options")
    ]


def question_formset(data, *, poll: Poll | None = None, prefix: str = "questions"):
    """The questions' formset of a request: bound to the POST (one row more when the person
    asked for room, "add_question"), else the poll's questions and blank rows."""
    if data is not None:
        data = data.copy()
        if "add_question" in data:
            management = QuestionFormSet(data, prefix=prefix).management_form
            if management.is_valid():
                total = max(0, management.cleaned_data["TOTAL_FORMS"])
                data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, MAX_QUESTIONS))
        return QuestionFormSet(data, prefix=prefix)
    initial = questions_initial(poll) if poll is not None else []
    formset = QuestionFormSet(prefix=prefix, initial=initial)
    formset.extra = 1 if initial else NEW_QUESTION_ROWS
    return formset


class DocumentForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("Document"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=AdminDocumentChooser(),
    )
    title = forms.CharField(
        label=_("Title shown on the poll's page"), max_length=200, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("document") and not data.get("title", "").strip():
            data["title"] = data["document"].title[:200]
        return data


class BaseDocumentFormSet(forms.BaseFormSet):
    def documents(self) -> list[dict]:
        return [
            {"document": form.cleaned_data["document"], "title": form.cleaned_data["title"]}
            for form in self.forms
            if form.cleaned_data.get("document")
        ]


DocumentFormSet = forms.formset_factory(
    DocumentForm,
    formset=BaseDocumentFormSet,
    extra=2,
    max_num=MAX_DOCUMENTS,
    absolute_max=MAX_DOCUMENTS,
)


def document_formset(data, *, poll: Poll | None = None):
    if data is not None:
        return DocumentFormSet(data, prefix="documents")
    initial = (
        [{"document": d.document, "title": d.title} for d in poll.documents.all()]
        if poll is not None
        else []
    )
    return DocumentFormSet(prefix="documents", initial=initial)
