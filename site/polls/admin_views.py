"""Polls in the Wagtail admin: the list (state, audience, turnout), a draft created or corrected
(text, times, ballot, audience, questions, documents), and the steps of its life (schedule,
back to draft, open now, close now, publish the results), each a call to the services, whose
refusals (`PollError`) are shown as they are.

Who sees what: editors every poll and any audience; a municipal body's or a deputy's staff
account the polls it created, for audiences within its districts (`polls.permissions`).
The views check this; the services check it again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.params import page_of
from polls.admin_forms import (
    AdminPollForm,
    PollTextForm,
    document_formset,
    question_formset,
)
from polls.errors import PollError
from polls.models import Poll, PollDocument
from polls.permissions import AREA_GROUPS, is_poll_editor
from polls.selectors import key_holders_of, poll_turnout
from polls.services.keys import poll_key_holders_set
from polls.services.polls import (
    poll_close,
    poll_create,
    poll_open,
    poll_publish,
    poll_schedule,
    poll_unschedule,
    poll_update,
)
from polls.views.common import audience_in_words
from residents.errors import ResidentsError
from residents.forms_audience import AudienceForm
from residents.services.audiences import audience_create, audience_update

ALL = "all"


def creator_kinds(user) -> list[str]:
    """The kinds of poll this person may create in the admin."""
    kinds = []
    if is_poll_editor(user):
        kinds.append(Poll.CreatorKind.EDITOR)
    if user.is_staff:
        groups = set(user.groups.values_list("name", flat=True))
        kinds += [kind for kind, group in AREA_GROUPS.items() if group in groups]
    return kinds


def polls_manageable(user):
    """Editors manage every poll; a municipal body or a deputy the polls it created."""
    polls = Poll.objects.select_related("audience")
    if is_poll_editor(user):
        return polls
    return polls.filter(creator=user, creator_kind__in=list(AREA_GROUPS))


def _poll(request, pk) -> Poll:
    if not creator_kinds(request.user):
        raise PermissionDenied
    return get_object_or_404(polls_manageable(request.user), pk=pk)


def _refused(request, error: PollError | ResidentsError) -> None:
    text = error.message if isinstance(error, PollError) else " ".join(error.messages)
    messages.error(request, str(text))


@require_GET
def index(request):
    if not creator_kinds(request.user):
        raise PermissionDenied
    state = request.GET.get("state", ALL)
    if state not in (*Poll.State.values, ALL):
        state = ALL
    polls = polls_manageable(request.user).prefetch_related(
        "audience__districts",
        "audience__buildings",
        "audience__competencies",
        "audience__organizations",
    )
    if state != ALL:
        polls = polls.filter(state=state)
    page_obj = page_of(request, polls.order_by("-opens_at", "-pk"), per_page=50)
    rows = [
        {"poll": poll, "audience": audience_in_words(poll.audience), "turnout": poll_turnout(poll)}
        for poll in page_obj
    ]
    return TemplateResponse(
        request,
        "polls/admin/index.html",
        {
            "page_title": _("Polls"),
            "header_icon": "list-ul",
            "state": state,
            "states": [(ALL, _("All")), *Poll.State.choices],
            "page_obj": page_obj,
            "rows": rows,
        },
    )


def _form_page(request, *, form, questions, documents, poll=None, status=200):
    return TemplateResponse(
        request,
        "polls/admin/form.html",
        {
            "page_title": _("Edit the poll") if poll else _("New poll"),
            "header_icon": "list-ul",
            "poll": poll,
            "form": form,
            "questions": questions,
            "documents": documents,
            "media": form.media + documents.media,
        },
        status=status,
    )


def _valid(form, questions, documents) -> bool:
    results = [form.is_valid(), questions.is_valid(), documents.is_valid()]
    return all(results)


def _documents_store(poll: Poll, documents: list[dict]) -> None:
    """The poll's documents, as the form lists them (the poll is a draft: the service that
    changed it said so, in this transaction)."""
    poll.documents.all().delete()
    PollDocument.objects.bulk_create(
        PollDocument(poll=poll, document=item["document"], title=item["title"])
        for item in documents
    )


def create(request):
    kinds = creator_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = AdminPollForm(data, creator_kinds=kinds, initial={"creator_kind": kinds[0]})
    questions = question_formset(data)
    documents = document_formset(data)
    if data is not None and "add_question" not in data and _valid(form, questions, documents):
        values = form.cleaned_data
        try:
            with transaction.atomic():
                audience = audience_create(**form.audience_values())
                poll = poll_create(
                    creator=request.user,
                    audience=audience,
                    questions=questions.questions(),
                    creator_kind=values["creator_kind"],
                    district=values["district"] if values["creator_kind"] != "editor" else None,
                    key_holders=values["key_holders"],
                    **form.text_values(),
                )
                _documents_store(poll, documents.documents())
        except (PollError, ResidentsError) as error:
            _refused(request, error)
        else:
            _said_secrecy(request, poll, asked=values["secrecy"])
            messages.success(
                request, _("The poll “%(title)s” is saved as a draft.") % {"title": poll.title}
            )
            return redirect("polls_admin:detail", pk=poll.pk)
    return _form_page(request, form=form, questions=questions, documents=documents)


def _said_secrecy(request, poll: Poll, *, asked: str) -> None:
    if asked == Poll.Secrecy.SECRET and not poll.is_secret:
        messages.warning(
            request,
            _(
                "The audience is smaller than a secret ballot needs: the poll is an open "
                "vote, its votes visible to the audience."
            ),
        )


def edit(request, pk):
    poll = _poll(request, pk)
    if poll.state != Poll.State.DRAFT:
        messages.error(request, _("Only a draft poll can be changed."))
        return redirect("polls_admin:detail", pk=poll.pk)
    kinds = creator_kinds(request.user)
    if poll.creator_kind not in kinds:
        kinds = [*kinds, poll.creator_kind]
    data = request.POST if request.method == "POST" else None
    initial = {
        **PollTextForm.initial_for(poll),
        **AudienceForm.initial_for(poll.audience),
        "creator_kind": poll.creator_kind,
        "district": poll.district,
    }
    form = AdminPollForm(data, creator_kinds=kinds, initial=initial)
    # Who the poll speaks for is settled at creation (the services check it on every change).
    form.fields["creator_kind"].disabled = True
    form.fields["district"].disabled = True
    questions = question_formset(data, poll=poll)
    documents = document_formset(data, poll=poll)
    if data is not None and "add_question" not in data and _valid(form, questions, documents):
        try:
            with transaction.atomic():
                audience_update(audience=poll.audience, **form.audience_values())
                # Checks the person may still address the changed audience.
                poll = poll_update(
                    poll=poll,
                    actor=request.user,
                    questions=questions.questions(),
                    **form.text_values(),
                )
                poll_key_holders_set(
                    poll=poll, actor=request.user, others=form.cleaned_data["key_holders"]
                )
                _documents_store(poll, documents.documents())
        except (PollError, ResidentsError) as error:
            _refused(request, error)
        else:
            _said_secrecy(request, poll, asked=form.cleaned_data["secrecy"])
            messages.success(request, _("The draft is saved."))
            return redirect("polls_admin:detail", pk=poll.pk)
    return _form_page(request, form=form, questions=questions, documents=documents, poll=poll)


@require_GET
def detail(request, pk):
    poll = _poll(request, pk)
    return TemplateResponse(
        request,
        "polls/admin/detail.html",
        {
            "page_title": poll.title,
            "header_icon": "list-ul",
            "poll": poll,
            "audience": audience_in_words(poll.audience),
            "turnout": poll_turnout(poll),
            "questions": poll.questions.prefetch_related("options"),
            "documents": poll.documents.select_related("document"),
            "key_holders": key_holders_of(poll),
        },
    )


def _step(request, pk, action, done: str):
    poll = _poll(request, pk)
    try:
        action(poll)
    except PollError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("polls_admin:detail", pk=poll.pk)


@require_POST
def schedule(request, pk):
    return _step(
        request,
        pk,
        lambda poll: poll_schedule(poll=poll, actor=request.user),
        _("The poll is scheduled: it opens by itself at its opening time."),
    )


@require_POST
def unschedule(request, pk):
    return _step(
        request,
        pk,
        lambda poll: poll_unschedule(poll=poll, actor=request.user),
        _("The poll is a draft again."),
    )


@require_POST
def open_now(request, pk):
    return _step(
        request,
        pk,
        lambda poll: poll_open(poll=poll, actor=request.user),
        _("The poll is open; the people it asks are being told."),
    )


@require_POST
def close_now(request, pk):
    return _step(
        request,
        pk,
        lambda poll: poll_close(poll=poll, actor=request.user),
        _("The poll is closed. Its key holders can now give their keys, so it can be counted."),
    )


@require_POST
def publish(request, pk):
    return _step(
        request,
        pk,
        lambda poll: poll_publish(poll=poll, actor=request.user),
        _("The results are published, with the keys that open every ballot."),
    )
