"""The editorial review step of the library's workflow.

Wagtail's group approval task lets a reviewer approve or "request changes" (a rejection that
sends the page back to its author). The library also needs a final "no": this task adds a
"Reject" action that records the reason, ends the workflow and marks the contribution rejected,
so the contributor can tell "please change this" from "this will not be published".
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The contributor reads this in their account and by email."),
        max_length=2000,
    )


class LibraryReviewTask(AbstractGroupApprovalTask):
    """Approve, request changes, or reject for good with a reason."""

    DECLINE = "decline"

    class Meta:
        verbose_name = _("Library review")
        verbose_name_plural = _("Library reviews")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.insert(1, (self.DECLINE, _("Reject"), True))
        return actions

    def get_form_for_action(self, action):
        if action == self.DECLINE:
            return RejectForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == self.DECLINE:
            from library.services import review_decline

            review_decline(task_state=task_state, user=user, reason=kwargs.get("comment", ""))
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, request changes or reject library articles")
