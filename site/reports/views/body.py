"""The responsible body's side: the signed link emailed with each new report (official updates
without an account), and the public accountability pages of the bodies.

The link names the report and the body it was sent to (`reports.tokens`). A link that does
not verify is a 400; a link that verifies but whose report has since been re-routed to another
body says so plainly ("no longer yours") instead of a bare error, since the person who clicks
it did nothing wrong. Whoever holds the link sees the reporter's contact email: the body needs
to reach them, as on FixMyStreet. Nowhere public shows it.
"""

from datetime import datetime, time

from django import forms
from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from django_ratelimit.decorators import ratelimit

from config.sharedpages import shared_page
from profiles.models import Organization
from reports import services, tokens
from reports.charts import accountability, body_year_counts, overdue_reports, share_fixed
from reports.models import Report, Route
from reports.models.reports import UPDATE_MAX
from reports.states import BODY_TRANSITIONS, ReportError, State

limit_ip = ratelimit(key="ip", rate="30/m", method="POST", block=True)


class OfficialUpdateForm(forms.Form):
    """The body's update: a text, and a new state among those the body may move to from the
    report's current one; the number of the original for a duplicate and the planned date for
    scheduled action."""

    text = forms.CharField(
        label=gettext_lazy("Update"),
        required=False,
        max_length=UPDATE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Shown on the report's public page and emailed to the reporter."),
    )
    state = forms.ChoiceField(label=gettext_lazy("New state"), required=False)
    duplicate_of = forms.IntegerField(
        label=gettext_lazy("Number of the original report"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Only for “Duplicate”."),
    )
    expected_at = forms.DateField(
        label=gettext_lazy("Action expected on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Only for “Action scheduled”."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        allowed = BODY_TRANSITIONS.get(report.state, frozenset())
        self.fields["state"].choices = [("", _("No change"))] + [
            (value, label) for value, label in State.choices if value in allowed
        ]

    def clean_duplicate_of(self):
        number = self.cleaned_data.get("duplicate_of")
        if not number:
            return None
        original = Report.objects.public().filter(pk=number).exclude(pk=self.report.pk).first()
        if original is None:
            raise forms.ValidationError(_("No other public report has this number."))
        return original

    def clean(self):
        data = super().clean()
        if data.get("state") == State.DUPLICATE and not data.get("duplicate_of"):
            self.add_error("duplicate_of", _("Give the number of the original report."))
        return data

    def update_kwargs(self) -> dict:
        data = self.cleaned_data
        expected = data.get("expected_at")
        return {
            "text": data["text"],
            "state": data.get("state") or "",
            "duplicate_of": data.get("duplicate_of"),
            "expected_at": timezone.make_aware(datetime.combine(expected, time(12)))
            if expected
            else None,
        }


def error_text(error) -> str:
    return " ".join(str(message) for message in error.messages)


def _link_report_id(token: str) -> int | None:
    """The report a well-signed body link names, whoever it is for now (`tokens`' own
    format), to tell a re-routed report from a forged link."""
    try:
        report_id, _body_id = signing.loads(token, salt=tokens._BODY_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return report_id if isinstance(report_id, int) else None


@limit_ip
@require_http_methods(["GET", "HEAD", "POST"])
def act(request, token: str):
    report = tokens.body_link_read(token)
    if report is None:
        report_id = _link_report_id(token) if len(token) <= 500 else None
        if report_id is not None and Report.objects.filter(pk=report_id).exists():
            return render(request, "reports/body/link_moved.html", status=410)
        return render(request, "reports/body/link_invalid.html", status=400)
    done = False
    form = OfficialUpdateForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update_official(report=report, via_link=True, **form.update_kwargs())
        except ReportError as error:
            form.add_error(None, error_text(error))
        else:
            return redirect(request.path + "?done=1")
    done = request.GET.get("done") == "1"
    report.refresh_from_db()
    form.fields["state"].choices = OfficialUpdateForm(report=report).fields["state"].choices
    return render(
        request,
        "reports/body/act.html",
        {"report": report, "form": form, "done": done, "show_contact": True},
    )


def bodies_receiving():
    """Organizations that receive reports: those with a route, or with reports already."""
    return Organization.objects.filter(
        Q(pk__in=Route.objects.values("body")) | Q(pk__in=Report.objects.values("body"))
    ).order_by("name")


@shared_page
@require_safe
def bodies(request):
    """Every body that receives reports, with its year in three numbers and its overdue count
    (three queries in all, however many bodies and reports)."""
    now = timezone.now()
    listed = list(bodies_receiving())
    overdue: dict[int, int] = {}
    for item in overdue_reports(now=now):
        overdue[item.report.body_id] = overdue.get(item.report.body_id, 0) + 1
    year = body_year_counts(now=now)
    rows = []
    for body in listed:
        counts = year.get(body.pk, {"received": 0, "fixed": 0})
        rows.append(
            {
                "body": body,
                **counts,
                "share_fixed": share_fixed(counts["fixed"], counts["received"]),
                "overdue": overdue.get(body.pk, 0),
            }
        )
    return render(request, "reports/body/index.html", {"rows": rows})


@shared_page
@require_safe
def body_page(request, slug: str):
    body = bodies_receiving().filter(slug=slug[:200]).first()
    if body is None:
        raise Http404
    return render(request, "reports/body/detail.html", {"body": body, **accountability(body=body)})
