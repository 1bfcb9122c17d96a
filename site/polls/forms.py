"""The ballot form, and the key holder's key form (`KeyForm`, at the end).

The ballot form has one field per question, named `q0`, `q1`, … in the poll's order.

The same markup serves both kinds of poll: an open poll posts it (`named_vote_cast`); on a
secret poll `static/polls/vote.js` reads the same inputs and the form is never posted. The
answers come out in `protocol`'s shape: a list per question of option indices (single: one,
multiple: 1 to k in increasing order) or of one scale value from 1 to 5.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from polls.models import Question
from polls.protocol import SCALE_VALUES, ProtocolError, b64url_decode


def scale_label(value: int) -> str:
    labels = {1: _("1 (lowest)"), 5: _("5 (highest)")}
    return str(labels.get(value, value))


class BallotForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for index, question in enumerate(self.questions):
            self.fields[f"q{index}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        if question.kind == Question.Kind.SCALE:
            choices = [(str(value), scale_label(value)) for value in SCALE_VALUES]
            return forms.TypedChoiceField(
                label=question.text, choices=choices, coerce=int, widget=forms.RadioSelect
            )
        choices = [(str(i), option.text) for i, option in enumerate(question.options.all())]
        if question.kind == Question.Kind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
            )
        return forms.TypedChoiceField(
            label=question.text, choices=choices, coerce=int, widget=forms.RadioSelect
        )

    def clean(self):
        cleaned = super().clean()
        for index, question in enumerate(self.questions):
            chosen = cleaned.get(f"q{index}")
            multiple = question.kind == Question.Kind.MULTIPLE
            if multiple and chosen and len(chosen) > question.max_choices:
                self.add_error(
                    f"q{index}", _("Choose at most %(k)s options.") % {"k": question.max_choices}
                )
        return cleaned

    def answers(self) -> list[list[int]]:
        """The answers in protocol's shape; call after is_valid()."""
        result = []
        for index in range(len(self.questions)):
            chosen = self.cleaned_data[f"q{index}"]
            result.append(sorted(set(chosen)) if isinstance(chosen, list) else [chosen])
        return result

    def rows(self):
        """Per question: the bound field, its question and its kind, for the template."""
        return [
            {"field": self[f"q{index}"], "question": question, "number": index + 1}
            for index, question in enumerate(self.questions)
        ]


class KeyForm(forms.Form):
    """A key holder's key, as base64url text: the public half before the poll (typed or
    pasted from `tools/verify_poll.py keygen` when the browser runs no script; filled in by
    `static/polls/keyholder.js` otherwise), the private half after it closes."""

    BYTES = {"public_key": 65, "private_key": 32}

    def __init__(self, *args, half: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.half = half
        if half == "public_key":
            label = _("Your public results key")
            hint = _("The “public_key” line of your key file: 87 characters, base64url.")
        else:
            label = _("Your private results key")
            hint = _(
                "The “private_key” line of your key file: 43 characters, base64url. Give it "
                "only on this page, and only now that the poll has closed."
            )
        self.fields[half] = forms.CharField(
            label=label,
            help_text=hint,
            max_length=200,
            widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
        )

    def clean(self):
        data = super().clean()
        text = (data.get(self.half) or "").strip().strip('"')
        if not text:
            return data
        try:
            key = b64url_decode(text)
        except ProtocolError:
            key = b""
        if len(key) != self.BYTES[self.half]:
            self.add_error(
                self.half,
                _("This is not a key of the right form: copy the whole line from your key file."),
            )
        data["key"] = key
        return data
