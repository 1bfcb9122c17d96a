"""The authority's and the moderators' actions on an idea's page: the public, dated answer;
the start and the end of the work; making an accepted idea a project or putting it to a poll;
merging a duplicate into another idea; hiding and showing an idea. Each view checks that the
person may act at all (a 404 for anyone else, who never sees the forms), calls one service and
goes back to the page; a form with errors is shown on the page again, with them."""

from datetime import datetime, time

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from ideas import permissions, services
from ideas.forms import AnswerForm, MergeForm, NoteForm, PollDatesForm, ReasonForm
from ideas.states import IdeaError
from ideas.views.common import back_to, error_text, idea_for, render_detail
from polls.permissions import AREA_GROUPS
from residents.services.audiences import audience_create

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
def project(request, slug):
    """An accepted idea becomes a project page (experts' projects); the authority goes on to
    it, to name its milestones and team."""
    idea = _idea_for_authority(request, slug)
    try:
        page = services.idea_project_create(idea=idea, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
        return back_to(idea, "timeline")
    messages.success(
        request, _("The project is made. Add its milestones and team on its page in the admin.")
    )
    return redirect(page.url)


def _poll_creator_kind(user) -> str:
    """How the poll's creator acts: as an editor, or as the municipal body's or deputy's
    staff (whose polls stay within their districts, `polls.permissions`)."""
    if permissions.is_editor(user=user):
        return "editor"
    groups = set(user.groups.values_list("name", flat=True))
    return next((kind for kind, name in AREA_GROUPS.items() if name in groups), "editor")


def _at_nine(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@limit_staff
@require_POST
def poll(request, slug):
    """An accepted idea is put to a draft poll of its district's residents (the whole city's
    for a city-wide idea); the authority goes on to the draft to prepare and schedule it."""
    idea = _idea_for_authority(request, slug)
    form = PollDatesForm(request.POST, prefix="poll")
    if not form.is_valid():
        return render_detail(request, idea, forms={"poll": form}, status=400)
    if idea.district_id is None:
        audience = audience_create(whole_city=True)
    else:
        audience = audience_create(districts=[idea.district])
    try:
        made = services.idea_poll_create(
            idea=idea,
            by=request.user,
            audience=audience,
            opens_at=_at_nine(form.cleaned_data["opens_on"]),
            closes_at=_at_nine(form.cleaned_data["closes_on"]),
            creator_kind=_poll_creator_kind(request.user),
        )
    except IdeaError as error:
        form.add_error(None, error_text(error))
        return render_detail(request, idea, forms={"poll": form}, status=400)
    messages.success(request, _("The poll is a draft: prepare it and schedule it here."))
    return redirect("polls_admin:detail", pk=made.pk)


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
