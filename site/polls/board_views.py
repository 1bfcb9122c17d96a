"""Polls an association's board prepares for its building, on the public site under
`/organizations/<slug>/polls/` (`polls.board_urls`): the association's polls with their
state, a draft created (the audience: one of the association's buildings), scheduled or taken
back to draft. Only the association's owners and administrators see these pages (403); the
services check the same again (`polls.permissions.poll_creation_allowed`, kind "board")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from polls.admin_forms import question_formset
from polls.errors import PollError
from polls.forms_board import BoardPollForm
from polls.models import Poll
from polls.permissions import is_board_member
from polls.selectors import key_holders_of, poll_turnout
from polls.services.polls import poll_create, poll_schedule, poll_unschedule
from polls.views.common import audience_in_words
from profiles.models import Organization
from residents.errors import ResidentsError
from residents.services.audiences import audience_create

limit_writes = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)


def _association(request, slug: str) -> Organization:
    association = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.CONDOMINIUM)
    if not is_board_member(user=request.user, organization=association):
        raise PermissionDenied
    return association


def _poll(association: Organization, pk: int) -> Poll:
    return get_object_or_404(
        Poll.objects.select_related("audience"),
        pk=pk,
        organization=association,
        creator_kind=Poll.CreatorKind.BOARD,
    )


@login_required
def board_polls(request, slug):
    association = _association(request, slug)
    polls = Poll.objects.filter(
        organization=association, creator_kind=Poll.CreatorKind.BOARD
    ).select_related("audience")
    rows = [{"poll": poll, "turnout": poll_turnout(poll)} for poll in polls]
    return render(request, "polls/board/index.html", {"association": association, "rows": rows})


@login_required
@limit_writes
def board_poll_create(request, slug):
    association = _association(request, slug)
    data = request.POST if request.method == "POST" else None
    form = BoardPollForm(data, association=association)
    questions = question_formset(data)
    if data is not None and "add_question" not in data:
        form_ok = form.is_valid()
        if questions.is_valid() and form_ok:
            try:
                with transaction.atomic():
                    audience = audience_create(**form.audience_values())
                    poll = poll_create(
                        creator=request.user,
                        audience=audience,
                        questions=questions.questions(),
                        creator_kind=Poll.CreatorKind.BOARD,
                        organization=association,
                        key_holders=form.cleaned_data["key_holders"],
                        **form.text_values(),
                    )
            except (PollError, ResidentsError) as error:
                text = error.message if isinstance(error, PollError) else error.messages[0]
                form.add_error(None, str(text))
            else:
                messages.success(request, _("The poll is saved as a draft."))
                if form.cleaned_data["secrecy"] == Poll.Secrecy.SECRET and not poll.is_secret:
                    messages.warning(
                        request,
                        _(
                            "Fewer than 20 people may vote: the poll is an open vote, each "
                            "vote visible to the others who may vote."
                        ),
                    )
                return redirect("polls_board:detail", association.slug, poll.pk)
    return render(
        request,
        "polls/board/form.html",
        {"association": association, "form": form, "questions": questions},
    )


@login_required
def board_poll_detail(request, slug, pk):
    association = _association(request, slug)
    poll = _poll(association, pk)
    return render(
        request,
        "polls/board/detail.html",
        {
            "association": association,
            "poll": poll,
            "audience": audience_in_words(poll.audience),
            "turnout": poll_turnout(poll),
            "questions": poll.questions.prefetch_related("options"),
            "key_holders": key_holders_of(poll),
        },
    )


def _step(request, slug, pk, action, done: str):
    association = _association(request, slug)
    poll = _poll(association, pk)
    try:
        action(poll=poll, actor=request.user)
    except PollError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("polls_board:detail", association.slug, poll.pk)


@login_required
@require_POST
@limit_writes
def board_poll_schedule(request, slug, pk):
    return _step(request, slug, pk, poll_schedule, _("The poll is scheduled: it opens by itself."))


@login_required
@require_POST
@limit_writes
def board_poll_unschedule(request, slug, pk):
    return _step(request, slug, pk, poll_unschedule, _("The poll is a draft again."))
