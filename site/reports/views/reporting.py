"""Writing to reports from the public pages: a new report (choose a category, then the form,
with a look at the same problems already reported nearby), an update on a report's timeline,
and "me too".

Each view loads, parses the form, calls one service and redirects; the services check the
rules again and their refusals are shown on the form as they are written. Every write is
rate-limited per client address and per signed-in person.
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from config.districts import all_districts
from config.maps import district_areas
from reports import selectors, services
from reports.forms import ReportForm, SupportForm, UpdateForm
from reports.models import Category
from reports.views.common import (
    districts_geojson,
    error_text,
    has_confirmed_account,
    map_config,
    render_detail,
    report_for,
)


def signed_in_rate(rate: str):
    """A limit per person: only for the signed-in (the address limit covers everyone)."""
    return lambda group, request: rate if request.user.is_authenticated else None


def limits(per_minute: str, per_day: str):
    def decorate(view):
        for decorator in (
            ratelimit(key="ip", rate=per_minute, method="POST", block=True),
            ratelimit(key="ip", rate=per_day, method="POST", block=True),
            ratelimit(key="user_or_ip", rate=signed_in_rate(per_minute), method="POST", block=True),
            ratelimit(key="user_or_ip", rate=signed_in_rate(per_day), method="POST", block=True),
        ):
            view = decorator(view)
        return view

    return decorate


def category_groups(categories) -> list[dict]:
    """The active categories by group, place problems first, for the first step."""
    ordered = sorted(categories, key=lambda c: (c.kind != Category.Kind.PLACE, c.group))
    groups = []
    for (kind, group), members in groupby(ordered, key=lambda c: (c.kind, c.group)):
        groups.append(
            {
                "kind": kind,
                "name": Category.Group(group).label if group in Category.Group.values else group,
                "categories": list(members),
            }
        )
    return groups


def choose_page(request, *, problem: str = "", status: int = 200):
    categories = selectors.categories_for_form()
    context = {
        "place_groups": [g for g in category_groups(categories) if g["kind"] == "place"],
        "provider_groups": [g for g in category_groups(categories) if g["kind"] != "place"],
        "problem": problem,
    }
    return render(request, "reports/new_choose.html", context, status=status)


def category_named(code: str) -> Category | None:
    code = (code or "").strip()[:50]
    return next((c for c in selectors.categories_for_form() if c.code == code), None)


def form_page(request, form: ReportForm, *, nearby=(), status: int = 200):
    areas = district_areas(all_districts())
    context = {
        "form": form,
        "category": form.category,
        "nearby": list(nearby),
        "support_form": SupportForm(
            needs_email=form.needs_email,
            initial={"email": form.cleaned_data.get("email", "")}
            if hasattr(form, "cleaned_data")
            else None,
        ),
        "map_districts": districts_geojson(areas),
        "map_config": map_config(),
    }
    return render(request, "reports/new.html", context, status=status)


@limits("5/m", "30/d")
@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    code = request.POST.get("category") if request.method == "POST" else None
    code = code or request.GET.get("category", "")
    if not code:
        return choose_page(request)
    category = category_named(code)
    if category is None:
        return choose_page(
            request,
            problem=_("There is no such category, or it takes no reports now. Choose one below."),
            status=404,
        )
    needs_email = not has_confirmed_account(request.user)
    if request.method != "POST":
        return form_page(request, ReportForm(category=category, needs_email=needs_email))
    form = ReportForm(request.POST, request.FILES, category=category, needs_email=needs_email)
    if not form.is_valid():
        return form_page(request, form, status=400)
    if needs_email and form.is_bot:
        return redirect("reports:sent")  # a bot is told what a person would be, and no more
    point = form.point
    if point and not form.cleaned_data.get("confirmed_new"):
        nearby = selectors.reports_nearby(category=category, latitude=point[0], longitude=point[1])
        if nearby:
            return form_page(request, form, nearby=nearby)
    fields = form.service_fields()
    if not needs_email:
        fields["reporter"] = request.user
    try:
        report = services.report_create(source="web", **fields)
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return form_page(request, form, status=400)
    if needs_email:
        return redirect("reports:sent")
    messages.success(request, _("Thank you: your report is published and sent to the body."))
    return redirect(report.get_absolute_url())


@require_safe
def sent(request):
    return render(request, "reports/sent.html")


@limits("10/m", "100/d")
@require_POST
def update(request, pk):
    report = report_for(request.user, pk)
    needs_email = not has_confirmed_account(request.user)
    form = UpdateForm(request.POST, report=report, needs_email=needs_email)
    if not form.is_valid():
        return render_detail(request, report, forms={"update": form}, status=400)
    if needs_email and form.is_bot:
        messages.success(request, _("Almost done: open the link we sent you to confirm it."))
        return redirect(report.get_absolute_url())
    data = form.cleaned_data
    person = (
        {"user": request.user}
        if not needs_email
        else {
            "email": data["email"],
            "name": data.get("name", ""),
            "show_name": bool(data.get("show_name")),
        }
    )
    try:
        services.report_update_public(
            report=report, text=data["text"], state=data.get("state") or "", **person
        )
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return render_detail(request, report, forms={"update": form}, status=400)
    if needs_email:
        messages.success(
            request,
            _("Almost done: open the link we sent you to confirm your update; then it is shown."),
        )
    else:
        messages.success(request, _("Thank you: your update is on the report's timeline."))
    return redirect(report.get_absolute_url() + "#timeline")


@limits("10/m", "100/d")
@require_POST
def support(request, pk):
    report = report_for(request.user, pk)
    needs_email = not has_confirmed_account(request.user)
    form = SupportForm(request.POST, needs_email=needs_email)
    if not form.is_valid():
        return render_detail(request, report, forms={"support": form}, status=400)
    if needs_email and form.is_bot:
        messages.success(request, _("Almost done: open the link we sent you to confirm it."))
        return redirect(report.get_absolute_url())
    person = {"user": request.user} if not needs_email else {"email": form.cleaned_data["email"]}
    try:
        services.report_support(report=report, **person)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(report.get_absolute_url() + "#support")
    if needs_email:
        messages.success(
            request, _("Almost done: open the link we sent you to confirm your “me too”.")
        )
    else:
        messages.success(request, _("Thank you: your “me too” is counted."))
    return redirect(report.get_absolute_url() + "#support")
