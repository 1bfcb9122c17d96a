"""The building register as a condominium association's administrators keep it, under
`/organizations/<slug>/register/`: the buildings with units and co-owners, forms to change
them, invitations, and the CSV import with its preview. Nobody else sees these pages (403);
the services check the same again."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

import config.params  # noqa: F401  (registers the <id:…> path converter)
from profiles.models import Organization
from residents import selectors_buildings as selectors
from residents.errors import ResidentsError
from residents.forms_register import ImportForm, OwnershipForm, UnitForm
from residents.register_csv import EXAMPLE, MESSAGES, register_to_csv
from residents.services import register as services
from residents.services import register_import
from residents.views.common import error_text, run_and_report

limit_writes = ratelimit(key="user_or_ip", rate="60/m", method="POST", block=True)
SESSION_KEY = "residents.register_uploads"
MAX_ERRORS_SHOWN = 1000


def _association(request, slug: str) -> Organization:
    association = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.CONDOMINIUM)
    if not services.register_can(user=request.user, association=association):
        raise PermissionDenied
    return association


def _back(association: Organization, anchor: str = ""):
    response = redirect("residents:register", association.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _refused(request, error: ResidentsError) -> None:
    messages.error(request, error_text(error))


def _saved(request, form, save):
    """Run `save` (a service, given the form's values) when a valid form was posted. Returns
    what it returned, or None when nothing was saved: nothing posted, a field not valid, or
    the service refused (its reason is then shown on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(**form.cleaned_data)
    except ResidentsError as error:
        form.add_error(None, error_text(error))
        return None


@login_required
def register(request, slug):
    association = _association(request, slug)
    buildings = list(selectors.register_buildings(association))
    for building in buildings:
        for unit in building.units.all():
            total = sum((o.share for o in unit.ownerships.all()), 0)
            unit.shares_complete = total == 1
            for ownership in unit.ownerships.all():
                ownership.state = services.invitation_state(ownership)
    return render(
        request,
        "residents/register.html",
        {"association": association, "buildings": buildings, "states": services.InvitationState},
    )


def _form_page(request, association, *, form, title, submit, building=None, unit=None):
    """The page of a register form: for a building, or for one of its units."""
    building = building or unit.building
    return render(
        request,
        "residents/register_form.html",
        {
            "association": association,
            "form": form,
            "title": title,
            "building": building,
            "unit": unit,
            "submit": submit,
        },
    )


@login_required
@limit_writes
def unit_add(request, slug, pk):
    association = _association(request, slug)
    building = selectors.register_building(association, pk) or _missing()
    form = UnitForm(request.POST or None)
    unit = _saved(request, form, partial(services.unit_add, building=building, by=request.user))
    if unit is not None:
        messages.success(request, _("Unit %(number)s is added.") % {"number": unit.number})
        return _back(association, f"unit-{unit.pk}")
    return _form_page(
        request,
        association,
        form=form,
        title=_("Add a unit"),
        building=building,
        submit=_("Add the unit"),
    )


def _missing():
    raise Http404


@login_required
@limit_writes
def unit_edit(request, slug, pk):
    association = _association(request, slug)
    unit = selectors.register_unit(association, pk) or _missing()
    initial = {"number": unit.number, "area": unit.area, "is_residential": unit.is_residential}
    form = UnitForm(request.POST or None, initial=initial)
    if _saved(request, form, partial(services.unit_update, unit=unit, by=request.user)) is not None:
        messages.success(request, _("The unit is saved."))
        return _back(association, f"unit-{unit.pk}")
    return _form_page(
        request,
        association,
        form=form,
        title=_("Edit unit %(number)s") % {"number": unit.number},
        unit=unit,
        submit=_("Save"),
    )


@login_required
@require_POST
@limit_writes
def unit_remove(request, slug, pk):
    association = _association(request, slug)
    unit = selectors.register_unit(association, pk) or _missing()
    run_and_report(
        request,
        partial(services.unit_remove, unit=unit, by=request.user),
        _("Unit %(number)s is removed.") % {"number": unit.number},
    )
    return _back(association, f"building-{unit.building_id}")


@login_required
@limit_writes
def ownership_add(request, slug, pk):
    association = _association(request, slug)
    unit = selectors.register_unit(association, pk) or _missing()
    form = OwnershipForm(request.POST or None)
    ownership = _saved(request, form, partial(services.ownership_add, unit=unit, by=request.user))
    if ownership is not None:
        if ownership.email:
            messages.success(
                request,
                _("The co-owner is added; an invitation is sent to %(email)s.")
                % {"email": ownership.email},
            )
        else:
            messages.success(request, _("The co-owner is added."))
        return _back(association, f"unit-{unit.pk}")
    return _form_page(
        request,
        association,
        form=form,
        title=_("Add a co-owner of unit %(number)s") % {"number": unit.number},
        unit=unit,
        submit=_("Add the co-owner"),
    )


@login_required
@limit_writes
def ownership_edit(request, slug, pk):
    association = _association(request, slug)
    ownership = selectors.register_ownership(association, pk) or _missing()
    share = ownership.share
    initial = {"email": ownership.email, "share": f"{share.numerator}/{share.denominator}"}
    form = OwnershipForm(request.POST or None, initial=initial)
    if ownership.user_id:
        form.fields["email"].disabled = True
        form.fields["email"].help_text = _(
            "The co-owner has accepted; the register no longer keeps their address."
        )
    save = partial(services.ownership_update, ownership=ownership, by=request.user)
    if _saved(request, form, save) is not None:
        messages.success(request, _("The co-owner's share is saved."))
        return _back(association, f"unit-{ownership.unit_id}")
    return _form_page(
        request,
        association,
        form=form,
        title=_("Edit a co-owner of unit %(number)s") % {"number": ownership.unit.number},
        unit=ownership.unit,
        submit=_("Save"),
    )


def _ownership_action(request, slug, pk, action, done):
    association = _association(request, slug)
    ownership = selectors.register_ownership(association, pk) or _missing()
    run_and_report(request, partial(action, ownership=ownership, by=request.user), done)
    return _back(association, f"unit-{ownership.unit_id}")


@login_required
@require_POST
@limit_writes
def ownership_remove(request, slug, pk):
    return _ownership_action(
        request,
        slug,
        pk,
        services.ownership_remove,
        _("The co-owner is removed from the register."),
    )


@login_required
@require_POST
@limit_writes
def ownership_invite(request, slug, pk):
    return _ownership_action(
        request, slug, pk, services.ownership_invite, _("The invitation is sent.")
    )


@login_required
@require_POST
@limit_writes
def ownership_withdraw(request, slug, pk):
    return _ownership_action(
        request, slug, pk, services.ownership_withdraw, _("The invitation is withdrawn.")
    )


def example_csv(request, slug):
    response = HttpResponse(EXAMPLE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="register-example.csv"'
    return response


@login_required
def export_csv(request, slug, pk):
    association = _association(request, slug)
    building = selectors.register_building(association, pk) or _missing()
    units = building.units.order_by("number").prefetch_related("ownerships")
    response = HttpResponse(register_to_csv(units), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{building.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@limit_writes
def import_upload(request, slug, pk):
    association = _association(request, slug)
    building = selectors.register_building(association, pk) or _missing()
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            key = register_import.register_upload_store(
                building=building, by=request.user, data=data
            )
        except ResidentsError as error:
            form.add_error(None, error_text(error))
        else:
            keys = request.session.get(SESSION_KEY, [])[-4:]
            request.session[SESSION_KEY] = [*keys, key]
            return redirect("residents:register_preview", association.slug, building.pk, key)
    return render(
        request,
        "residents/register_import.html",
        {
            "association": association,
            "building": building,
            "form": form,
            "example": EXAMPLE,
        },
    )


@login_required
@limit_writes
def import_preview(request, slug, pk, key):
    association = _association(request, slug)
    building = selectors.register_building(association, pk) or _missing()
    if key not in request.session.get(SESSION_KEY, []):
        raise Http404
    try:
        data = register_import.register_upload_load(building=building, by=request.user, key=key)
    except ResidentsError as error:
        _refused(request, error)
        return redirect("residents:register_import", association.slug, building.pk)
    if request.method == "POST":
        try:
            plan = register_import.register_import(building=building, by=request.user, data=data)
        except ResidentsError as error:
            _refused(request, error)
            return redirect("residents:register_preview", association.slug, building.pk, key)
        register_import.register_upload_forget(building=building, by=request.user, key=key)
        request.session[SESSION_KEY] = [k for k in request.session[SESSION_KEY] if k != key]
        messages.success(
            request,
            _("The register is imported: %(units)s units, %(invited)s invitations sent.")
            % {"units": len(building.units.all()), "invited": plan.invitations},
        )
        return _back(association, f"building-{building.pk}")
    parsed, plan = register_import.register_preview(building=building, by=request.user, data=data)
    errors = parsed.errors[:MAX_ERRORS_SHOWN]
    return render(
        request,
        "residents/register_preview.html",
        {
            "association": association,
            "building": building,
            "parsed": parsed,
            "plan": plan,
            "errors": [(error.line, error.code, error.message) for error in errors],
            "hidden_errors": len(parsed.errors) - len(errors),
            "key": key,
            "codes": MESSAGES,
        },
    )


urlpatterns = [
    path("", register, name="register"),
    path("example.csv", example_csv, name="register_example"),
    path("buildings/<id:pk>/units/add/", unit_add, name="register_unit_add"),
    path("buildings/<id:pk>/export.csv", export_csv, name="register_export"),
    path("buildings/<id:pk>/import/", import_upload, name="register_import"),
    path("buildings/<id:pk>/import/<str:key>/", import_preview, name="register_preview"),
    path("units/<id:pk>/edit/", unit_edit, name="register_unit_edit"),
    path("units/<id:pk>/remove/", unit_remove, name="register_unit_remove"),
    path("units/<id:pk>/co-owners/add/", ownership_add, name="register_ownership_add"),
    path("co-owners/<id:pk>/edit/", ownership_edit, name="register_ownership_edit"),
    path("co-owners/<id:pk>/remove/", ownership_remove, name="register_ownership_remove"),
    path("co-owners/<id:pk>/invite/", ownership_invite, name="register_ownership_invite"),
    path("co-owners/<id:pk>/withdraw/", ownership_withdraw, name="register_ownership_withdraw"),
]
