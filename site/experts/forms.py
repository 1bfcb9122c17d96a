"""Forms of the experts app: they parse and validate input; services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from config.models import District
from config.text import validate_email_domain
from experts.models import Competency, ExpertProfile, ProjectPage, ProjectParticipant, Question
from profiles.models import Organization

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def split_tags(value: str) -> list[str]:
    return [tag.strip() for tag in value.split(",") if tag.strip()][:15]


class ApplicationForm(forms.Form):
    """Become an expert (or update the profile) and apply for one competency."""

    statement = forms.CharField(
        label=_("Statement"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=ExpertProfile._meta.get_field("statement").help_text,
    )
    credentials = forms.CharField(
        label=_("Credentials"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=ExpertProfile._meta.get_field("credentials").help_text,
    )
    district = forms.ModelChoiceField(
        label=_("District where you mainly work"),
        queryset=District.objects.all(),
        required=False,
    )
    tags = forms.CharField(
        label=_("Other skills"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, e.g. heat pumps, co-owners' meetings."),
    )
    competency = forms.ModelChoiceField(
        label=_("Competency to verify"), queryset=Competency.objects.all()
    )
    evidence = forms.CharField(
        label=_("Evidence for this competency"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Diplomas, licence numbers, projects done: what staff can check."),
    )


class DirectoryFilterForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.all(),
        required=False,
        empty_label=_("Any competency"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Any district"),
    )
    verified = forms.BooleanField(label=_("Verified competencies only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("reputation", _("Reputation")), ("activity", _("Recent activity"))],
        required=False,
    )


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *ProjectPage.Status.choices],
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Any district"),
    )


class InvitePersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address on Spilno"),
        validators=[validate_email_domain],
        help_text=_("They are listed once they accept the invitation."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (ProjectParticipant.Role.EXPERT, ProjectParticipant.Role.EXPERT.label),
            (ProjectParticipant.Role.PARTICIPANT, ProjectParticipant.Role.PARTICIPANT.label),
        ],
    )
    competency = forms.ModelChoiceField(
        label=_("Competency (for experts)"), queryset=Competency.objects.all(), required=False
    )
    title = forms.CharField(label=_("What they do"), max_length=120, required=False)

    def clean_email(self):
        """The person must already be on Spilno: `invitee` is their account."""
        email = self.cleaned_data["email"]
        self.invitee = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if self.invitee is None:
            raise forms.ValidationError(
                _("No one on Spilno uses this email address."), code="unknown"
            )
        return email


class AddOrganizationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all()
    )
    title = forms.CharField(label=_("What it does"), max_length=120, required=False)


def _score_field(label, help_text) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )


class RatingForm(forms.Form):
    """Four indicators from 1 (poor) to 5 (excellent), and an optional comment."""

    competence = _score_field(_("Competence"), _("Did they know their field?"))
    usefulness = _score_field(
        _("Usefulness of the result"), _("Did their work make the project better?")
    )
    timeliness = _score_field(_("Timeliness"), _("Did they keep to the agreed dates?"))
    communication = _score_field(
        _("Communication"), _("Were they clear, reachable and respectful?")
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public, next to your name. Be specific and fair."),
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this rating?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    """A resident's report of a question or an answer to the moderators. One page shows a form
    for the question and one for each answer: `label` asks about the one it reports."""

    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["reason"].label = label


class QuestionForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Who should answer"),
        queryset=Competency.objects.all(),
        help_text=_("Experts verified in this competency get your question by email."),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        help_text=_("If the question is about a particular place."),
    )
    title = forms.CharField(label=_("Your question"), max_length=200)
    body = forms.CharField(
        label=_("Details"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Public. Do not include phone numbers or other private details."),
    )


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search questions"), max_length=100, required=False)
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.all(),
        required=False,
        empty_label=_("Any competency"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Any district"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Question.Status.choices],
        required=False,
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ReviewForm(forms.Form):
    """Staff's decision on a competency (the button pressed) and their note to the applicant."""

    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    note = forms.CharField(
        label=_("Note to the expert"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
