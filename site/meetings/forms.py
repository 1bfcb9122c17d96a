"""The co-owner's forms: the one-page ballot (for / against / abstain per agenda item) and a
comment in the discussion.

The ballot has one radio group per item, named `item-<position>`, each rendered as a fieldset
whose legend is the item's question, so a screen reader announces the question with every
choice and the arrow keys move within one item. An item may be left unanswered (a co-owner
may take part in some items only); at least one must be answered.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Vote

BODY_MAX = 3000


class BallotForm(forms.Form):
    def __init__(self, *args, items, current: dict[int, str] | None = None, **kwargs):
        """`items`: the meeting's agenda in order; `current`: item id → the choice that
        counts now, shown as selected."""
        super().__init__(*args, **kwargs)
        self.items = list(items)
        current = current or {}
        for item in self.items:
            self.fields[self.field_name(item)] = forms.ChoiceField(
                label=item.title,
                choices=Vote.Choice.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.get(item.pk),
            )

    @staticmethod
    def field_name(item: AgendaItem) -> str:
        return f"item-{item.position}"

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(self.field_name(i)) for i in self.items):
            raise forms.ValidationError(
                _("Choose for, against or abstain on at least one item."), code="empty"
            )
        return cleaned

    def choices(self) -> dict[int, str]:
        """item id → choice, for the items answered; call after is_valid()."""
        return {
            item.pk: self.cleaned_data[self.field_name(item)]
            for item in self.items
            if self.cleaned_data.get(self.field_name(item))
        }

    def rows(self):
        """Per item: its bound field and the item, for the template."""
        return [{"field": self[self.field_name(item)], "item": item} for item in self.items]


class CommentForm(forms.Form):
    """A comment on the meeting as a whole or on one of its items (`item` is the item's
    position; empty or 0 for the meeting)."""

    item = forms.TypedChoiceField(
        label=_("About"), coerce=int, required=False, empty_value=0, choices=()
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the building's co-owners and the association's board read it."),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.position: item for item in items}
        self.fields["item"].choices = [(0, _("The meeting as a whole"))] + [
            (position, f"{position}. {item.title}") for position, item in self.items.items()
        ]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your comment."), code="empty")
        return body

    def agenda_item(self) -> AgendaItem | None:
        """The item the comment is about, or None for the meeting; call after is_valid()."""
        return self.items.get(self.cleaned_data.get("item") or 0)
