"""The authority's and the moderators' actions on an idea's page: the public, dated answer;
the start and the end of the work; merging a duplicate into another idea; hiding and showing
an idea. Each view checks that the person may act at all (a 404 for anyone else, who never
sees the forms), calls one service and goes back to the page; a form with errors is shown on
the page again, with them."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from ideas import permissions, services
from ideas.forms import AnswerForm, MergeForm, NoteForm, ReasonForm
from ideas.states import IdeaError
from ideas.views.common import back_to, error_text, idea_for, render_detail

limit_staff = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)


def _idea_for_authority(request, slug):
    idea = idea_for(request.user, slug)
    if not permissions.can_answer(user=request.user, idea=idea):
        raise Http404
    return idea


def _idea_for_moderator(request, slug):
    idea = idea_for(request.user, slug)
    if not permissions.can_moderate(user=request.user):
        raise Http404
    return idea


def _done(request, idea, message: str, anchor: str = ""):
    messages.success(request, message)
    return back_to(idea, anchor)


@limit_staff
@require_POST
def answer(request, slug):
    idea = _idea_for_authority(request, slug)
    form = AnswerForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.idea_answer(
                idea=idea,
                by=request.user,
                state=form.cleaned_data["state"],
                answer=form.cleaned_data["answer"],
                answering_body=form.cleaned_data.get("answering_body"),
            )
        except IdeaError as error:
            form.add_error(None, error_text(error))
        else:
            return _done(request, idea, _("The answer is published."), "answer")
    return render_detail(request, idea, forms={"answer": form}, status=400)


def _move(request, slug, *, service, prefix: str, message: str):
    idea = _idea_for_authority(request, slug)
    form = NoteForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(idea=idea, by=request.user, note=form.cleaned_data["note"])
        except IdeaError as error:
            messages.error(request, error_text(error))
            return back_to(idea, "timeline")
        return _done(request, idea, message, "timeline")
    return render_detail(request, idea, forms={prefix: form}, status=400)


@limit_staff
@require_POST
def start(request, slug):
    return _move(
        request,
        slug,
        service=services.idea_start,
        prefix="start",
        message=_("The idea is marked as in progress."),
    )


@limit_staff
@require_POST
def finish(request, slug):
    return _move(
        request,
        slug,
        service=services.idea_finish,
        prefix="finish",
        message=_("The idea is marked as done."),
    )


@limit_staff
@require_POST
def merge(request, slug):
    idea = _idea_for_moderator(request, slug)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.idea_merge(
                idea=idea, into=target, by=request.user, note=form.cleaned_data["note"]
            )
        except IdeaError as error:
            form.add_error("target", error_text(error))
        else:
            return _done(request, idea, _("The idea is merged; its supporters are carried over."))
    return render_detail(request, idea, forms={"merge": form}, status=400)


@limit_staff
@require_POST
def hide(request, slug):
    idea = _idea_for_moderator(request, slug)
    form = ReasonForm(request.POST, prefix="hide")
    if form.is_valid():
        try:
            services.idea_hide(idea=idea, by=request.user, reason=form.cleaned_data["reason"])
        except IdeaError as error:
            messages.error(request, error_text(error))
            return back_to(idea)
        return _done(request, idea, _("The idea is hidden from the public."))
    return render_detail(request, idea, forms={"hide": form}, status=400)


@limit_staff
@require_POST
def unhide(request, slug):
    idea = _idea_for_moderator(request, slug)
    try:
        services.idea_unhide(idea=idea, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
        return back_to(idea)
    return _done(request, idea, _("The idea is public again."))
