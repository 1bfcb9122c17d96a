"""Signing: the form, the email link that confirms, unsubscribing from petition emails.

These are plain Django views (`petitions/urls.py`), not page routes: the busiest path of the
site (form → sign → confirm) should not walk the page tree on every request, and the links in
emails must keep working whatever editors do to the pages.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from config.pagecache import anonymous_page
from config.privacy import client_ip
from config.views import rate_limited
from petitions import services
from petitions.forms import SignatureForm, UserSignatureForm
from petitions.links import page_address, page_path
from petitions.models import PetitionPage
from petitions.normalize import normalize_email
from petitions.selectors import petition_signing, signature_of
from petitions.states import PUBLIC_STATES, SUPPORT_STATES, PetitionError
from petitions.tokens import (
    read_confirm_token,
    read_support_token,
    read_unsubscribe_token,
    support_token,
)
from profiles.selectors import targeting_of

SIGN_RATE_IP = "20/m"
SIGN_RATE_EMAIL = "10/h"
CONFIRM_RATE_IP = "60/m"
CREATE_RATE_IP = "10/h"
CREATE_RATE_EMAIL = "5/d"


def signer_email(group, request) -> str:
    """Rate-limit key: the mailbox signing, however its address is written."""
    if request.user.is_authenticated:
        return normalize_email(request.user.email)
    return normalize_email(request.POST.get("email", "")) or "-"


def answer_429(view):
    """Turn django-ratelimit's refusal into the site's 429 page, whatever the middleware."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Ratelimited as refusal:
            return rate_limited(request, refusal)

    return wrapped


def petition_location(petition: PetitionPage) -> str:
    """Where a signer goes back to: the public page, or the share page while it gathers support."""
    if petition.state in SUPPORT_STATES:
        index = petition.get_parent().specific
        return page_path(index, f"support/{support_token(petition.pk)}/")
    return page_path(petition)


@require_http_methods(["GET", "POST"])
@answer_429
@ratelimit(key="ip", rate=SIGN_RATE_IP, method="POST", block=True)
@ratelimit(key=signer_email, rate=SIGN_RATE_EMAIL, method="POST", block=True)
def sign(request, petition_id: int):
    return _sign(request, petition_id, through_support_link=False)


@require_http_methods(["GET", "POST"])
@answer_429
@ratelimit(key="ip", rate=SIGN_RATE_IP, method="POST", block=True)
@ratelimit(key=signer_email, rate=SIGN_RATE_EMAIL, method="POST", block=True)
def sign_support(request, token: str):
    petition_id = read_support_token(token)
    if petition_id is None:
        raise Http404
    return _sign(request, petition_id, through_support_link=True)


def _sign(request, petition_id: int, *, through_support_link: bool):
    """The busiest path of the site. Nothing loads the whole petition unless a page has to be
    rendered: the form is served from the cache (`config.pagecache`) after one plain read of
    the petition's state, and a signature is inserted by a statement that checks the petition
    takes signatures itself."""
    if request.method == "POST" and not services.user_has_confirmed_email(request.user):
        return _sign_with_email(request, petition_id, through_support_link=through_support_link)
    signing = petition_signing(petition_id)
    if signing is None or not signing.reachable(through_support_link=through_support_link):
        raise Http404
    if request.method == "GET" and signing.signable:
        return anonymous_page(
            request,
            key=f"petitions:sign:{petition_id}:{request.path}",
            render=lambda: _sign_form_page(
                request, _petition(petition_id, through_support_link=through_support_link)
            ),
        )
    return _sign_form_page(
        request, _petition(petition_id, through_support_link=through_support_link)
    )


def _petition(petition_id: int, *, through_support_link: bool) -> PetitionPage:
    """The petition as the signing pages may show it (`Signing.reachable`), or 404."""
    if through_support_link:
        return get_object_or_404(PetitionPage, pk=petition_id, state__in=SUPPORT_STATES)
    return get_object_or_404(
        PetitionPage.objects.live().filter(state__in=PUBLIC_STATES), pk=petition_id
    )


def _sent(petition_id: int, *, through_support_link: bool):
    """Where a signer goes after the form: the share link's own page for a petition gathering
    support (its address is the secret link, never the petition's number)."""
    if through_support_link:
        return redirect("petitions:sign_support_sent", token=support_token(petition_id))
    return redirect("petitions:sign_sent", petition_id=petition_id)


def _sign_with_email(request, petition_id: int, *, through_support_link: bool):
    """Anyone not signed in (or whose email is not confirmed): the signature counts once the
    emailed link is followed."""
    form = SignatureForm(request.POST)
    if form.is_valid():
        if form.is_bot:
            return _sent(petition_id, through_support_link=through_support_link)
        try:
            services.signature_create(
                petition_id=petition_id,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                district=form.cleaned_data["district"],
                show_name=form.cleaned_data["show_name"],
                ip=client_ip(request),
                through_support_link=through_support_link,
            )
        except PetitionError as error:
            # A petition that stopped taking signatures gets the closed page below.
            form.add_error(None if error.code == "not_signable" else "email", error)
        else:
            return _sent(petition_id, through_support_link=through_support_link)
    petition = _petition(petition_id, through_support_link=through_support_link)
    return _sign_form_page(request, petition, form=form)


def _sign_form_page(request, petition: PetitionPage, form: SignatureForm | None = None):
    context = {"petition": petition, "back_url": petition_location(petition)}
    if not services.is_signable(petition):
        return render(request, "petitions/sign.html", {**context, "closed": True})
    if services.user_has_confirmed_email(request.user):
        return _sign_as_user(request, petition, context)
    return render(request, "petitions/sign.html", {**context, "form": form or SignatureForm()})


def _sign_as_user(request, petition: PetitionPage, context: dict):
    user = request.user
    existing = signature_of(petition, user)
    if existing is not None:
        return render(request, "petitions/sign.html", {**context, "already": existing})
    initial = {"name": user.display_name, "district": targeting_of(user).district_id}
    form = UserSignatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_sign_as_user(
                petition=petition,
                user=user,
                name=form.cleaned_data["name"],
                district=form.cleaned_data["district"],
                show_name=form.cleaned_data["show_name"],
                ip=client_ip(request),
            )
        except PetitionError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your signature is counted."))
            return HttpResponseRedirect(context["back_url"])
    return render(request, "petitions/sign.html", {**context, "form": form, "as_user": True})


def sign_sent(request, petition_id: int):
    """The "check your email" page, for public petitions only: by number, nobody learns
    anything of a draft, a petition gathering support (or its share link), or a hidden one."""
    return _sent_page(request, _petition(petition_id, through_support_link=False))


def sign_support_sent(request, token: str):
    petition_id = read_support_token(token)
    if petition_id is None:
        raise Http404
    return _sent_page(request, _petition(petition_id, through_support_link=True))


def _sent_page(request, petition: PetitionPage):
    return render(
        request,
        "petitions/sign_sent.html",
        {"petition": petition, "back_url": petition_location(petition)},
    )


@require_http_methods(["GET"])
@answer_429
@ratelimit(key="ip", rate=CONFIRM_RATE_IP, method="GET", block=True)
def confirm(request, token: str):
    """The link from the email. Following it twice is harmless: it counts once."""
    signature_id = read_confirm_token(token)
    if signature_id is None:
        return _link_problem(request, _("This confirmation link is not valid or has expired."))
    try:
        confirmation = services.signature_confirm(signature_id=signature_id)
    except PetitionError as error:
        return _link_problem(request, " ".join(error.messages))
    if confirmation.petition_state in SUPPORT_STATES:
        location = petition_location(PetitionPage.objects.get(pk=confirmation.petition_id))
    else:
        location = page_address(confirmation.petition_id).path()
    outcome = "confirmed" if confirmation.newly_confirmed else "already"
    return HttpResponseRedirect(f"{location}?signature={outcome}")


def _link_problem(request, message: str):
    return render(request, "petitions/link_problem.html", {"message": message}, status=400)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    signature_id = read_unsubscribe_token(token)
    if signature_id is None:
        return _link_problem(request, _("This unsubscribe link is not valid."))
    if request.method == "POST":
        services.signature_unsubscribe(signature_id=signature_id)
        return render(request, "petitions/unsubscribe.html", {"done": True})
    action = reverse("petitions:unsubscribe", kwargs={"token": token})
    return render(request, "petitions/unsubscribe.html", {"action": action})
