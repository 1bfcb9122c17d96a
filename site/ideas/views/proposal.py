"""The proposal of an idea by a person with a confirmed email: the form that creates a draft,
its editing, its pictures and documents, its publication; and "My ideas" in the cabinet.

Each view loads, checks that the person may be here at all, calls one service and redirects;
the services check the rules again and their refusals are shown as they are written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from ideas import permissions, services
from ideas.forms import AttachmentForm, IdeaForm
from ideas.models import Idea, IdeaAttachment
from ideas.states import IdeaError, State
from ideas.views.common import back_to, error_text, idea_for, render_detail

limit_ip = ratelimit(key="ip", rate="30/m", method="POST", block=True)
limit_person = ratelimit(key="user_or_ip", rate="10/m", method="POST", block=True)


def refusal_page(request, message: str, *, status: int = 403):
    return render(request, "ideas/refused.html", {"message": message}, status=status)


@limit_ip
@limit_person
@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.has_confirmed_email(user=request.user):
        return refusal_page(
            request, _("Confirm your email address first: then you can propose an idea.")
        )
    form = IdeaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(author=request.user, **form.service_fields())
        except IdeaError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request,
                _(
                    "Your draft is saved. Add pictures or documents if you wish, check it, "
                    "then publish it to gather support."
                ),
            )
            return redirect(idea.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "ideas/form.html", {"form": form, "idea": None}, status=status)


@limit_ip
@limit_person
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    idea = idea_for(request.user, slug)
    if not permissions.can_edit(user=request.user, idea=idea):
        return refusal_page(request, _("Only its author can change a draft idea."))
    form = IdeaForm(request.POST or None, user=request.user, initial=IdeaForm.initial_of(idea))
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if idea.author_id != request.user.pk:
            fields.pop("organization", None)  # a moderator fixes text, not who proposes it
        try:
            services.idea_update(idea=idea, by=request.user, **fields)
        except IdeaError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The idea is saved."))
            return redirect(idea.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "ideas/form.html", {"form": form, "idea": idea}, status=status)


def _signed_in_idea(request, slug) -> Idea:
    if not request.user.is_authenticated:
        raise Http404
    return idea_for(request.user, slug)


@limit_ip
@limit_person
@require_POST
def attachment_add(request, slug):
    idea = _signed_in_idea(request, slug)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.idea_attachment_add(
                idea=idea,
                by=request.user,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except IdeaError as error:
            form.add_error("file", error_text(error))
        else:
            messages.success(request, _("The file is added."))
            return back_to(idea, "attachments")
    return render_detail(request, idea, forms={"attachment": form}, status=400)


@limit_ip
@require_POST
def attachment_remove(request, slug, pk):
    idea = _signed_in_idea(request, slug)
    attachment = get_object_or_404(IdeaAttachment, pk=pk, idea=idea)
    try:
        services.idea_attachment_remove(attachment=attachment, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The file is removed."))
    return back_to(idea, "attachments")


@limit_ip
@limit_person
@require_POST
def publish(request, slug):
    idea = _signed_in_idea(request, slug)
    try:
        services.idea_publish(idea=idea, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Your idea is published. Your own support is counted; share its address."),
        )
    return back_to(idea)


@login_required
@require_safe
def mine(request):
    """The ideas I proposed, drafts first, in the personal cabinet."""
    ideas = (
        Idea.objects.filter(author=request.user)
        .select_related("district", "organization")
        .order_by("-created_at", "-pk")
    )
    drafts = [idea for idea in ideas if idea.state == State.DRAFT]
    others = [idea for idea in ideas if idea.state != State.DRAFT]
    return render(request, "ideas/mine.html", {"drafts": drafts, "ideas": others})
