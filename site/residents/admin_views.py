"""The staff side of verification in the Wagtail admin.

- Residence requests (registrars, `residents.decide_residencerequest`): the queue, pending
  first; one request with its document (handed out by a view that checks the permission, never
  by a public URL) and the forms to approve or reject.
- Postal letters (`residents.print_letterbatch`): the letters waiting, "print a batch" (the PDF
  is the response and is never stored), the batches, a batch printed again.
- Verified attributes (`residents.revoke_verifiedattribute`): the list and one attribute, with
  the form to revoke it.

Every page that shows a person's attributes, requests or letters writes a PersonalDataAccess
row for each person it shows. The services check the permissions again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.params import page_of, query_text
from profiles.models import PersonalDataAccess
from profiles.services.privacy import personal_data_access_log
from residents.errors import ResidentsError
from residents.forms import ApproveForm, RejectForm, RevokeForm
from residents.models import LetterBatch, PostalLetter, ResidenceRequest, VerifiedAttribute
from residents.services.verification import (
    DECIDE_PERMISSION,
    MAX_BATCH_LETTERS,
    PRINT_PERMISSION,
    REVOKE_PERMISSION,
    letter_batch_print,
    letter_batch_reprint,
    residence_request_approve,
    residence_request_reject,
    verified_attribute_revoke,
)
from residents.views.common import error_text, run_and_report

ALL = "all"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _log_shown(request, subjects, what: str) -> None:
    """One access row per person a list shows."""
    staff = request.user
    rows = {
        user_id: PersonalDataAccess(
            staff=staff, subject_id=user_id, what=what[:120], path=request.path[:300]
        )
        for user_id in subjects
        if user_id
    }
    PersonalDataAccess.objects.bulk_create(rows.values())


@require_GET
def requests_queue(request):
    _require(request, DECIDE_PERMISSION)
    state = request.GET.get("state", ResidenceRequest.State.PENDING)
    if state not in (*ResidenceRequest.State.values, ALL):
        state = ResidenceRequest.State.PENDING
    items = ResidenceRequest.objects.select_related("user__profile", "district", "building")
    if state != ALL:
        items = items.filter(state=state)
    items = items.annotate(
        waiting=Case(
            When(state=ResidenceRequest.State.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("waiting", "created_at", "pk")
    page_obj = page_of(request, items, per_page=50)
    _log_shown(request, [r.user_id for r in page_obj], str(_("Residence requests (list)")))
    return TemplateResponse(
        request,
        "residents/admin/requests.html",
        {
            "page_title": _("Residence requests"),
            "header_icon": "home",
            "state": state,
            "states": [*ResidenceRequest.State.choices, (ALL, _("All"))],
            "page_obj": page_obj,
            "pending_count": ResidenceRequest.objects.filter(
                state=ResidenceRequest.State.PENDING
            ).count(),
        },
    )


def _request_page(request, pk, *, approve_form=None, reject_form=None, status=200):
    residence_request = get_object_or_404(
        ResidenceRequest.objects.select_related(
            "user__profile", "district", "building", "decided_by"
        ),
        pk=pk,
    )
    personal_data_access_log(
        staff=request.user,
        subject=residence_request.user,
        what=str(_("Residence request")),
        path=request.path,
    )
    return TemplateResponse(
        request,
        "residents/admin/request_detail.html",
        {
            "page_title": _("Residence request"),
            "header_icon": "home",
            "item": residence_request,
            "can_decide": residence_request.state == ResidenceRequest.State.PENDING,
            "approve_form": approve_form or ApproveForm(),
            "reject_form": reject_form or RejectForm(),
            "other_attributes": VerifiedAttribute.objects.filter(
                user_id=residence_request.user_id,
                kind__in=VerifiedAttribute.RESIDENCE_KINDS,
            ).select_related("district", "building"),
        },
        status=status,
    )


@require_GET
def request_detail(request, pk):
    _require(request, DECIDE_PERMISSION)
    return _request_page(request, pk)


@require_GET
def request_document(request, pk):
    """The document attached to a request, for registrars only; every opening is logged."""
    _require(request, DECIDE_PERMISSION)
    residence_request = get_object_or_404(ResidenceRequest, pk=pk)
    if not residence_request.document:
        raise Http404
    personal_data_access_log(
        staff=request.user,
        subject=residence_request.user,
        what=str(_("Residence request document")),
        path=request.path,
    )
    name = residence_request.document.name.rsplit("/", 1)[-1]
    try:
        handle = residence_request.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _decide(request, pk, *, form_class, form_name: str, decide, done: str):
    """Approve or reject a residence request: `decide` is the service, `form_class` the form
    with the registrar's reason (shown again as `form_name` on the request page when it is
    not valid)."""
    _require(request, DECIDE_PERMISSION)
    residence_request = get_object_or_404(ResidenceRequest, pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _request_page(request, pk, status=400, **{form_name: form})
    run_and_report(
        request,
        lambda: decide(
            residence_request=residence_request,
            registrar=request.user,
            reason=form.cleaned_data["reason"],
        ),
        done,
    )
    return redirect("residents_admin:request", pk=pk)


@require_POST
def request_approve(request, pk):
    return _decide(
        request,
        pk,
        form_class=ApproveForm,
        form_name="approve_form",
        decide=residence_request_approve,
        done=_("The residence is verified; the document is deleted."),
    )


@require_POST
def request_reject(request, pk):
    return _decide(
        request,
        pk,
        form_class=RejectForm,
        form_name="reject_form",
        decide=residence_request_reject,
        done=_("The request is rejected; the document is deleted."),
    )


@require_GET
def letters(request):
    _require(request, PRINT_PERMISSION)
    waiting = PostalLetter.objects.filter(state=PostalLetter.State.REQUESTED).select_related(
        "building"
    )
    page_obj = page_of(request, waiting.order_by("created_at", "pk"), per_page=100)
    _log_shown(request, [letter.user_id for letter in page_obj], str(_("Postal letters (list)")))
    letter_state = PostalLetter.State
    batches = LetterBatch.objects.select_related("created_by__profile").annotate(
        total=Count("letters"),
        awaiting_code=Count("letters", filter=Q(letters__state=letter_state.PRINTED)),
        verified=Count("letters", filter=Q(letters__state=letter_state.VERIFIED)),
        expired=Count("letters", filter=Q(letters__state=letter_state.EXPIRED)),
    )[:20]
    return TemplateResponse(
        request,
        "residents/admin/letters.html",
        {
            "page_title": _("Postal letters"),
            "header_icon": "mail",
            "page_obj": page_obj,
            "waiting_count": waiting.count(),
            "batches": batches,
            "batch_size": MAX_BATCH_LETTERS,
        },
    )


def _pdf(printed) -> HttpResponse:
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="letters-{printed.batch.pk}-{printed.batch.created_at:%Y%m%d}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def letters_print(request):
    _require(request, PRINT_PERMISSION)
    try:
        printed = letter_batch_print(staff=request.user)
    except ResidentsError as error:
        messages.error(request, error_text(error))
        return redirect("residents_admin:letters")
    return _pdf(printed)


@require_POST
def batch_reprint(request, pk):
    _require(request, PRINT_PERMISSION)
    batch = get_object_or_404(LetterBatch, pk=pk)
    try:
        printed = letter_batch_reprint(batch=batch, staff=request.user)
    except ResidentsError as error:
        messages.error(request, error_text(error))
        return redirect("residents_admin:letters")
    return _pdf(printed)


@require_GET
def attributes(request):
    _require(request, REVOKE_PERMISSION)
    kind = request.GET.get("kind", "")
    if kind not in VerifiedAttribute.Kind.values:
        kind = ""
    search = query_text(request, "q", max_length=100)
    items = VerifiedAttribute.objects.select_related(
        "user__profile", "district", "building", "ownership__unit", "competency", "organization"
    ).order_by("-verified_at", "-pk")
    if kind:
        items = items.filter(kind=kind)
    if search:
        items = items.filter(
            Q(user__email__iexact=search) | Q(user__profile__display_name__icontains=search)
        )
    page_obj = page_of(request, items, per_page=50)
    _log_shown(request, [a.user_id for a in page_obj], str(_("Verified attributes (list)")))
    return TemplateResponse(
        request,
        "residents/admin/attributes.html",
        {
            "page_title": _("Verified attributes"),
            "header_icon": "tick-inverse",
            "kind": kind,
            "kinds": VerifiedAttribute.Kind.choices,
            "search": search,
            "page_obj": page_obj,
        },
    )


def _attribute_page(request, pk, *, form=None, status=200):
    attribute = get_object_or_404(
        VerifiedAttribute.objects.select_related(
            "user__profile",
            "district",
            "building",
            "ownership__unit",
            "competency",
            "organization",
            "verified_by",
            "revoked_by",
        ),
        pk=pk,
    )
    personal_data_access_log(
        staff=request.user,
        subject=attribute.user,
        what=str(_("Verified attribute")),
        path=request.path,
    )
    return TemplateResponse(
        request,
        "residents/admin/attribute_detail.html",
        {
            "page_title": _("Verified attribute"),
            "header_icon": "tick-inverse",
            "attribute": attribute,
            "holds": attribute.is_valid(),
            "form": form or RevokeForm(),
        },
        status=status,
    )


@require_GET
def attribute_detail(request, pk):
    _require(request, REVOKE_PERMISSION)
    return _attribute_page(request, pk)


@require_POST
def attribute_revoke_view(request, pk):
    _require(request, REVOKE_PERMISSION)
    attribute = get_object_or_404(VerifiedAttribute, pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _attribute_page(request, pk, form=form, status=400)
    run_and_report(
        request,
        lambda: verified_attribute_revoke(
            attribute=attribute, staff=request.user, reason=form.cleaned_data["reason"]
        ),
        _("The attribute is revoked."),
    )
    return redirect("residents_admin:attribute", pk=pk)
