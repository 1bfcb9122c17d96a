"""Views behind the routes of the petition pages (`models.pages`): thin, like every view here.

They parse a form, call one service, and redirect; reads come from `selectors`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from django_ratelimit.decorators import ratelimit

from config.fragments import lazy
from config.params import page_of
from config.privacy import client_ip
from petitions import selectors, services
from petitions.forms import PetitionForm, RespondForm, SubmitForm
from petitions.links import page_path
from petitions.models import PetitionPage, PetitionSettings
from petitions.states import SUPPORT_STATES, PetitionError, State
from petitions.tokens import read_support_token, support_token
from petitions.views import CREATE_RATE_EMAIL, CREATE_RATE_IP, answer_429, signer_email
from profiles.selectors import targeting_of


def index_listing(request, *, index):
    status = request.GET.get("status", "open")
    status = status if status in selectors.LIST_FILTERS else "open"
    order = request.GET.get("order", "popular")
    order = order if order in selectors.LIST_ORDERS else "popular"
    # Built lazily: the listing is a fragment kept for every reader (`config.fragments`).
    page_obj = lazy(
        lambda: page_of(
            request, selectors.petitions_listing(status=status, order=order), per_page=20
        )
    )
    return index.render(
        request,
        context_overrides={
            "page_obj": page_obj,
            "status": status,
            "order": order,
            "filters": selectors.LIST_FILTER_LABELS,
            "overdue_count": lazy(lambda: selectors.petitions_overdue().count()),
            "json_url": reverse("petitions:list_json"),
            "csv_url": reverse("petitions:list_csv"),
            "new_url": page_path(index, "new/"),
            "overdue_url": page_path(index, "overdue/"),
        },
    )


def _form_context(index, form, **extra) -> dict:
    supporters = PetitionSettings.current().supporters_required
    return {"page": index, "form": form, "supporters_required": supporters, **extra}


@answer_429
@ratelimit(key="ip", rate=CREATE_RATE_IP, method="POST", block=True)
@ratelimit(key=signer_email, rate=CREATE_RATE_EMAIL, method="POST", block=True)
def petition_create(request, *, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.user_has_confirmed_email(request.user):
        return TemplateResponse(request, "petitions/confirm_email_first.html", {"page": index})
    form = PetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            return HttpResponseRedirect(page_path(index))
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            petition = services.petition_create(index=index, creator=request.user, **data)
        except PetitionError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(page_path(index, f"drafts/{petition.pk}/"))
    return TemplateResponse(request, "petitions/petition_form.html", _form_context(index, form))


def _own_petition(request, index, petition_id) -> PetitionPage:
    petition = PetitionPage.objects.child_of(index.source_index()).filter(pk=petition_id).first()
    if petition is None or petition.creator_id != request.user.pk:
        raise Http404
    return petition


def petition_draft(request, *, index, petition_id):
    """The creator's view before publication: preview, submit, then the share link (until the
    support period ends; after it, why the petition expired)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    petition = _own_petition(request, index, petition_id)
    if petition.state not in (State.DRAFT, *SUPPORT_STATES, State.EXPIRED):
        return HttpResponseRedirect(page_path(petition) if petition.live else page_path(index))
    initial = {"district": targeting_of(request.user).district_id}
    form = SubmitForm(request.POST or None, initial=initial)
    if request.method == "POST" and petition.state == State.DRAFT and form.is_valid():
        try:
            services.petition_submit(
                petition=petition, user=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except PetitionError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your petition is out for support. Share the link."))
            return HttpResponseRedirect(request.path)
    context = {
        "page": index,
        "petition": petition,
        "form": form,
        "total": (total := services.petition_total(petition.pk)),
        "progress": selectors.progress(petition, total),
        "share_url": request.build_absolute_uri(
            page_path(index, f"support/{support_token(petition.pk)}/")
        ),
        "edit_url": page_path(index, f"drafts/{petition.pk}/edit/"),
    }
    return TemplateResponse(request, "petitions/draft.html", context)


def petition_draft_edit(request, *, index, petition_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    petition = _own_petition(request, index, petition_id)
    draft_url = page_path(index, f"drafts/{petition.pk}/")
    if petition.state != State.DRAFT:
        return HttpResponseRedirect(draft_url)
    initial = {f: getattr(petition, f) for f in ["title", "background", "additional_details"]}
    initial |= {
        "scope": petition.scope,
        "district": petition.district,
        "authority": petition.authority,
    }
    form = PetitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            services.petition_update_draft(petition=petition, user=request.user, **data)
        except PetitionError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(draft_url)
    return TemplateResponse(
        request, "petitions/petition_form.html", _form_context(index, form, petition=petition)
    )


def petition_support(request, *, index, token):
    """What supporters see through the creator's share link, before moderation."""
    petition_id = read_support_token(token)
    petition = PetitionPage.objects.filter(pk=petition_id or 0).first()
    if petition is None:
        raise Http404
    if petition.live:
        return HttpResponseRedirect(page_path(petition))
    if petition.state not in SUPPORT_STATES:
        raise Http404
    total = services.petition_total(petition.pk)
    context = {
        "page": index,
        "petition": petition,
        "total": total,
        "progress": selectors.progress(petition, total),
        "signable": services.is_signable(petition),
        "sign_url": reverse("petitions:sign_support", kwargs={"token": token}),
        "just_confirmed": request.GET.get("signature"),
    }
    return TemplateResponse(request, "petitions/support.html", context)


def overdue_responses(request, *, index):
    return TemplateResponse(
        request,
        "petitions/overdue.html",
        {"page": index, "petitions": selectors.petitions_overdue(), "index_url": page_path(index)},
    )


def petition_respond(request, *, petition):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_respond(request.user, petition):
        return HttpResponseForbidden(_("Only the responsible authority or editors can respond."))
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.petition_respond(petition=petition, user=request.user, **form.cleaned_data)
        except PetitionError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The response is published; signers are being emailed."))
            return HttpResponseRedirect(page_path(petition))
    context = {"page": petition, "petition": petition, "form": form}
    return TemplateResponse(request, "petitions/respond.html", context)
