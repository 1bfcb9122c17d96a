"""The moderators' side in the Wagtail admin: the queue (with the petitions waiting past their
moderation deadline), one petition's actions, signing rates.

Every view requires the `petitions.moderate_petition` permission (Moderators and Editors have
it); the services check it again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.params import page_of
from petitions import selectors, services
from petitions.forms import HideForm, InvalidateForm, RejectForm
from petitions.links import page_path
from petitions.models import PetitionPage
from petitions.states import REJECTION_EXPLANATIONS, TRANSITIONS, PetitionError, State

moderator_required = permission_required("petitions.moderate_petition", raise_exception=True)

# The queue's tab of petitions awaiting moderation past their deadline (not a state of its own).
OVERDUE = "overdue"


@moderator_required
def queue(request):
    state = request.GET.get("state", State.AWAITING_MODERATION)
    overdue = selectors.petitions_moderation_overdue()
    if state == OVERDUE:
        petitions = overdue
    else:
        state = state if state in State.values else State.AWAITING_MODERATION
        petitions = selectors.with_totals(
            PetitionPage.objects.filter(state=state).select_related("creator", "authority")
        ).order_by("moderation_requested_at", "submitted_at", "pk")
    page_obj = page_of(request, petitions, per_page=50)
    return TemplateResponse(
        request,
        "petitions/admin/queue.html",
        {
            "page_title": _("Petition moderation"),
            "header_icon": "doc-full",
            "state": state,
            "states": State.choices,
            "overdue_state": OVERDUE,
            "overdue_count": overdue.count(),
            "now": timezone.now(),
            "page_obj": page_obj,
        },
    )


@moderator_required
def detail(request, petition_id: int):
    return _detail_page(request, petition_id)


def _detail_page(request, petition_id: int, *, reject_form=None, hide_form=None):
    """One petition's page; shown again with the bound form an action refused, so the
    moderator sees what they typed and why it was refused (hardening point 16)."""
    petition = get_object_or_404(
        PetitionPage.objects.select_related("creator", "authority", "district"), pk=petition_id
    )
    allowed = TRANSITIONS[petition.state]
    return TemplateResponse(
        request,
        "petitions/admin/detail.html",
        {
            "page_title": petition.title,
            "header_icon": "doc-full",
            "petition": petition,
            "total": services.petition_total(petition.pk),
            "can_publish": State.OPEN in allowed,
            "can_reject": State.REJECTED in allowed,
            "can_hide": State.HIDDEN in allowed,
            "reject_form": reject_form or RejectForm(),
            "hide_form": hide_form or HideForm(),
            "explanations": {str(k): v for k, v in REJECTION_EXPLANATIONS.items()},
            "public_url": page_path(petition) if petition.live else "",
        },
    )


def _act(request, petition_id: int, action) -> None:
    petition = get_object_or_404(PetitionPage, pk=petition_id)
    try:
        action(petition)
    except PetitionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))


@require_POST
@moderator_required
def publish(request, petition_id: int):
    _act(
        request,
        petition_id,
        lambda p: services.petition_publish(petition=p, moderator=request.user),
    )
    return redirect("petitions_admin:detail", petition_id=petition_id)


@require_POST
@moderator_required
def reject(request, petition_id: int):
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, petition_id, reject_form=form)
    _act(
        request,
        petition_id,
        lambda p: services.petition_reject(petition=p, moderator=request.user, **form.cleaned_data),
    )
    return redirect("petitions_admin:detail", petition_id=petition_id)


@require_POST
@moderator_required
def hide(request, petition_id: int):
    form = HideForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, petition_id, hide_form=form)
    _act(
        request,
        petition_id,
        lambda p: services.petition_hide(petition=p, moderator=request.user, **form.cleaned_data),
    )
    return redirect("petitions_admin:detail", petition_id=petition_id)


@moderator_required
def rates(request, petition_id: int):
    return _rates_page(request, get_object_or_404(PetitionPage, pk=petition_id))


def _rates_page(request, petition, *, form=None):
    """The signing rates; shown again with the invalidation an action refused."""
    return TemplateResponse(
        request,
        "petitions/admin/rates.html",
        {
            "page_title": _("Signing rates: %(title)s") % {"title": petition.title},
            "header_icon": "warning",
            "petition": petition,
            "total": services.petition_total(petition.pk),
            "networks": selectors.signing_rates(petition, group_by="ip_prefix_hash"),
            "domains": selectors.signing_rates(petition, group_by="email_domain"),
            "form": form or InvalidateForm(),
        },
    )


@require_POST
@moderator_required
def invalidate(request, petition_id: int):
    petition = get_object_or_404(PetitionPage, pk=petition_id)
    form = InvalidateForm(request.POST)
    if not form.is_valid():
        return _rates_page(request, petition, form=form)
    try:
        result = services.signatures_invalidate(
            petition=petition, moderator=request.user, **form.cleaned_data
        )
    except PetitionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(invalidated)s signatures invalidated; the count dropped by %(uncounted)s.")
            % {"invalidated": result.invalidated, "uncounted": result.uncounted},
        )
    return redirect("petitions_admin:rates", petition_id=petition_id)
