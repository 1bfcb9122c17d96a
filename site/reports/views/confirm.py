"""The link in a confirmation email: for a report, an update, or a "me too" made without an
account. A GET only shows what is being confirmed, with a button: mail scanners follow links,
and a GET never changes anything. The POST confirms and goes on to the report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_ratelimit.decorators import ratelimit

from config.params import MAX_ID
from reports import services, tokens
from reports.models import Report, ReportSupporter, ReportUpdate
from reports.views.common import error_text


def what_is_confirmed(token: str):
    """(kind, object) the token names, or (None, None) for a token that is not (or no
    longer) valid, or whose report, update or "me too" is gone."""
    found = tokens.confirm_kind_read(token)
    if found is None:
        return None, None
    kind, pk = found
    model = {"report": Report, "update": ReportUpdate, "supporter": ReportSupporter}[kind]
    thing = model.objects.filter(pk=pk).first() if 0 < pk < MAX_ID else None
    return (kind, thing) if thing is not None else (None, None)


def report_of(kind: str, thing) -> Report:
    return thing if kind == "report" else thing.report


@ratelimit(key="ip", rate="30/m", method="POST", block=True)
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    kind, thing = what_is_confirmed(token)
    if thing is None:
        return render(request, "reports/confirm_invalid.html", status=400)
    report = report_of(kind, thing)
    if request.method != "POST":
        done = thing.confirmed_at is not None
        context = {"kind": kind, "thing": thing, "report": report, "done": done}
        return render(request, "reports/confirm.html", context)
    try:
        if kind == "report":
            services.report_confirm(report=thing)
            text = _("Thank you: your report is confirmed, published and sent to the body.")
        elif kind == "update":
            services.update_confirm(update=thing)
            text = _("Thank you: your update is confirmed and on the report's timeline.")
        else:
            services.supporter_confirm(supporter=thing)
            text = _("Thank you: your “me too” is counted.")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, text)
    report.refresh_from_db()
    if not report.is_public:
        return render(request, "reports/confirm_invalid.html", status=400)
    return redirect(report.get_absolute_url())
