"""`/account/residence/`: where I live and what I may decide. A person's own verified
attributes, their request to a registrar and their letter with a code, and the forms to ask,
withdraw, cancel and type the code. Personal: sign-in required, never shared.

Every write is rate limited (per account, else per address) and CSRF-protected; wrong codes
have a stricter limit of their own: `CODE_ATTEMPTS` per ten minutes, per account and per
address, so a code cannot be guessed from many accounts on one network nor from many networks
with one account.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from django_ratelimit.core import get_usage

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.params import parse_id
from profiles.views.common import limit_writes
from residents.errors import ResidentsError
from residents.forms import CodeForm, LetterRequestForm, ResidenceRequestForm
from residents.models import PostalLetter, ResidenceRequest, VerifiedAttribute
from residents.services.verification import (
    postal_code_verify,
    postal_letter_cancel,
    postal_letter_request,
    residence_request_submit,
    residence_request_withdraw,
)

# A residence this close to its expiry (or past it) offers a way to renew it.
RENEW_WINDOW = timedelta(days=30)
CODE_ATTEMPTS = 5
CODE_RATE = f"{CODE_ATTEMPTS}/10m"
CODE_GROUP = "residents.postal_code"
CODE_KEYS = ("user", "ip")


def _message(error: ResidentsError) -> str:
    return " ".join(error.messages)


def _attributes(user) -> list[VerifiedAttribute]:
    now = timezone.now()
    attributes = list(
        VerifiedAttribute.objects.filter(user=user).select_related(
            "district", "building", "ownership__unit", "competency", "organization"
        )
    )
    for attribute in attributes:
        attribute.holds = attribute.is_valid(now)
        attribute.renewable = (
            attribute.kind in VerifiedAttribute.RESIDENCE_KINDS
            and attribute.revoked_at is None
            and attribute.expires_at is not None
            and attribute.expires_at <= now + RENEW_WINDOW
        )
    return attributes


def _renewal_initial(request, attributes) -> tuple[dict, dict]:
    """Forms filled in for renewing the residence `?renew=<id>` names (one of the person's)."""
    pk = parse_id(request.GET.get("renew", ""))
    attribute = next((a for a in attributes if a.pk == pk and a.renewable), None)
    if attribute is None:
        return {}, {}
    if attribute.kind == VerifiedAttribute.Kind.DISTRICT_RESIDENT:
        return {"kind": ResidenceRequest.Kind.DISTRICT, "district": attribute.district_id}, {}
    return (
        {"kind": ResidenceRequest.Kind.BUILDING, "building": attribute.building_id},
        {"building": attribute.building_id},
    )


def _page(request, *, request_form=None, letter_form=None, code_form=None, status=200):
    user = request.user
    attributes = _attributes(user)
    request_initial, letter_initial = _renewal_initial(request, attributes)
    requests = ResidenceRequest.objects.filter(user=user).select_related("district", "building")
    letter = (
        PostalLetter.objects.filter(user=user, state__in=PostalLetter.OPEN_STATES)
        .select_related("building")
        .first()
    )
    pending = requests.filter(state=ResidenceRequest.State.PENDING).first()
    response = render(
        request,
        "residents/cabinet_residence.html",
        {
            "attributes": attributes,
            "pending": pending,
            "decided": requests.exclude(state=ResidenceRequest.State.PENDING).order_by(
                "-created_at"
            )[:10],
            "letter": letter,
            "past_letters": PostalLetter.objects.filter(user=user)
            .exclude(state__in=PostalLetter.OPEN_STATES)
            .select_related("building")
            .order_by("-created_at")[:5],
            "request_form": request_form or ResidenceRequestForm(initial=request_initial),
            "letter_form": letter_form or LetterRequestForm(initial=letter_initial),
            "code_form": code_form or CodeForm(),
            "renewing": bool(request_initial),
            "code_valid_days": PostalLetter.CODE_VALID_DAYS,
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def residence(request):
    return _page(request)


@login_required
@require_POST
@limit_writes
def request_submit(request):
    form = ResidenceRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, request_form=form, status=400)
    try:
        residence_request_submit(user=request.user, **form.cleaned_data)
    except ResidentsError as error:
        form.add_error("document" if error.code and "document" in error.code else None, error)
        return _page(request, request_form=form, status=400)
    messages.success(request, _("Your request is sent. A registrar will answer by email."))
    return redirect("residents:residence")


@login_required
@require_POST
@limit_writes
def request_withdraw(request, pk):
    residence_request = get_object_or_404(ResidenceRequest, pk=pk, user=request.user)
    try:
        residence_request_withdraw(residence_request=residence_request, user=request.user)
    except ResidentsError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("Your request is withdrawn and its document deleted."))
    return redirect("residents:residence")


@login_required
@require_POST
@limit_writes
def letter_request(request):
    form = LetterRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, letter_form=form, status=400)
    try:
        postal_letter_request(user=request.user, **form.cleaned_data)
    except ResidentsError as error:
        form.add_error(None, error)
        return _page(request, letter_form=form, status=400)
    messages.success(request, _("We will post a letter with a code to your flat."))
    return redirect("residents:residence")


@login_required
@require_POST
@limit_writes
def letter_cancel(request, pk):
    letter = get_object_or_404(PostalLetter, pk=pk, user=request.user)
    try:
        postal_letter_cancel(letter=letter, user=request.user)
    except ResidentsError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The letter is cancelled; its code no longer works."))
    return redirect("residents:residence")


def _code_attempts_exhausted(request) -> bool:
    for key in CODE_KEYS:
        usage = get_usage(request, group=CODE_GROUP, key=key, rate=CODE_RATE, increment=False)
        if usage is None or usage["count"] >= usage["limit"]:
            return True
    return False


def _count_wrong_code(request) -> None:
    for key in CODE_KEYS:
        get_usage(request, group=CODE_GROUP, key=key, rate=CODE_RATE, increment=True)


@login_required
@require_POST
@limit_writes
def code_enter(request):
    form = CodeForm(request.POST)
    if _code_attempts_exhausted(request):
        form.full_clean()
        form.add_error(
            None,
            _("Too many wrong codes. For your safety, wait ten minutes before you try again."),
        )
        return _page(request, code_form=form, status=429)
    if not form.is_valid():
        return _page(request, code_form=form, status=400)
    try:
        attribute = postal_code_verify(user=request.user, code=form.cleaned_data["code"])
    except ResidentsError as error:
        if error.code == "wrong_code":
            _count_wrong_code(request)
        form.add_error("code", error)
        return _page(request, code_form=form, status=400)
    messages.success(
        request,
        _("Thank you: you are a verified resident of %(building)s.")
        % {"building": attribute.building},
    )
    return redirect("residents:residence")


urlpatterns = [
    path("", residence, name="residence"),
    path("request/", request_submit, name="residence_request"),
    path("request/<id:pk>/withdraw/", request_withdraw, name="residence_request_withdraw"),
    path("letter/", letter_request, name="residence_letter"),
    path("letter/<id:pk>/cancel/", letter_cancel, name="residence_letter_cancel"),
    path("code/", code_enter, name="residence_code"),
]
