"""The body's cabinet (`reports:cabinet`): for a person who acts for one or more bodies, the
reports those bodies answer for, filtered by body, state, category and district, optionally
the overdue ones first, each with the official update form (the same as the emailed link's,
`views.body.OfficialUpdateForm`, given here as the signed-in person: `user=`).

"Overdue first" sorts in Python, since each category has its own target: the filtered list is
read once (at most `SORT_LIMIT` reports) and paginated after sorting. Without it the list is
paginated in SQL, newest first.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from config.districts import all_districts
from config.params import page_of
from reports import services
from reports.cabinet import bodies_acted_for
from reports.models import Category, Report
from reports.permissions import can_act_for_body
from reports.states import OPEN_STATES, PUBLIC_STATES, ReportError, State
from reports.views.body import OfficialUpdateForm, error_text

PER_PAGE = 20
SORT_LIMIT = 1000
OPEN_NOW = "open_now"

limit_ip = ratelimit(key="ip", rate="30/m", method="POST", block=True)


class CabinetFilterForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    overdue_first = forms.BooleanField(label=gettext_lazy("Overdue first"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {b.slug: b for b in bodies}
        self.categories = {c.code: c for c in Category.objects.all()}
        self.districts = {d.slug: d for d in all_districts()}
        self.fields["body"].choices = [("", _("All my bodies"))] + [
            (slug, b.name) for slug, b in self.bodies.items()
        ]
        self.fields["state"].choices = [("", _("Every state")), (OPEN_NOW, _("Still open"))] + [
            (value, label) for value, label in State.choices if value in PUBLIC_STATES
        ]
        self.fields["category"].choices = [("", _("Every category"))] + [
            (code, c.name) for code, c in self.categories.items()
        ]
        self.fields["district"].choices = [("", _("Every district"))] + [
            (slug, d.name) for slug, d in self.districts.items()
        ]

    def filtered(self, reports):
        """`reports` narrowed by the filters that hold (a wrong value is dropped)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if body := self.bodies.get(data.get("body") or ""):
            reports = reports.filter(body=body)
        state = data.get("state") or ""
        if state == OPEN_NOW:
            reports = reports.filter(state__in=OPEN_STATES)
        elif state:
            reports = reports.filter(state=state)
        if category := self.categories.get(data.get("category") or ""):
            reports = reports.filter(category=category)
        if district := self.districts.get(data.get("district") or ""):
            reports = reports.filter(district=district)
        return reports

    @property
    def wants_overdue_first(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("overdue_first"))


def due_of(report: Report):
    return report.created_at + timedelta(days=report.category.target_days)


def _overdue_first(reports, now) -> list[Report]:
    listed = list(reports[:SORT_LIMIT])
    return sorted(
        listed,
        key=lambda r: (not (r.is_open and due_of(r) < now), due_of(r) if r.is_open else now),
    )


@login_required
@require_safe
def cabinet(request):
    bodies = bodies_acted_for(request.user)
    if not bodies:
        return render(request, "reports/body/cabinet_none.html", status=403)
    form = CabinetFilterForm(request.GET or None, bodies=bodies)
    reports = form.filtered(
        Report.objects.public()
        .filter(body__in=bodies)
        .select_related("category", "district", "body", "reporter", "provider")
    )
    now = timezone.now()
    if form.wants_overdue_first:
        reports = _overdue_first(reports, now)
    page = page_of(request, reports, per_page=PER_PAGE)
    items = [
        {
            "report": report,
            "overdue": report.is_open and due_of(report) < now,
            "form": OfficialUpdateForm(report=report, prefix=f"r{report.pk}"),
        }
        for report in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/body/cabinet.html",
        {
            "bodies": bodies,
            "filter_form": form,
            "page_obj": page,
            "items": items,
            "query": query.urlencode(),
            "show_contact": True,
        },
    )


@login_required
@limit_ip
@require_POST
def cabinet_act(request, pk: int):
    """One official update from the cabinet; a 404 for a report of a body the person does not
    act for (the service checks again)."""
    report = Report.objects.select_related("body", "category").filter(pk=pk).first()
    if report is None or not can_act_for_body(user=request.user, body=report.body):
        raise Http404
    form = OfficialUpdateForm(request.POST, report=report, prefix=f"r{report.pk}")
    if form.is_valid():
        try:
            services.report_update_official(
                report=report, user=request.user, **form.update_kwargs()
            )
        except ReportError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, _("Report #%(number)s: update published.") % {"number": report.pk}
            )
    else:
        problems = [
            f"{form.fields[name].label}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        messages.error(
            request,
            _("Report #%(number)s: nothing was changed. %(problems)s")
            % {"number": report.pk, "problems": " ".join(problems)},
        )
    # Back to the same filters and page: only as a re-encoded query string.
    back = QueryDict(request.POST.get("back", "")[:500]).urlencode()
    target = reverse("reports:cabinet") + (f"?{back}" if back else "")
    return redirect(f"{target}#report-{report.pk}")
