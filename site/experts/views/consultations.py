"""Consultations: the searchable list of questions, asking, answering, accepting, helpful."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import services
from experts.errors import ExpertsError
from experts.forms import AnswerForm, QuestionFilterForm, QuestionForm, ReportForm
from experts.models import Answer
from experts.selectors.consultations import (
    helpful_marked_by,
    question_answers,
    question_get,
    questions_search,
    user_can_answer,
)
from experts.views.base import message_of, paginate, rate_limit, render_route


def _question_url(page, question_id: int) -> str:
    return page.url + page.reverse_subpage("question", args=[question_id])


def question_list(request, *, page):
    form = QuestionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    questions = questions_search(
        q=filters.get("q") or "",
        competency=filters.get("competency"),
        district=filters.get("district"),
        status=filters.get("status") or "",
    )
    return render_route(
        request,
        page,
        "experts/question_list.html",
        {"form": form, "listing": paginate(request, questions), "searched": bool(filters)},
    )


@login_required
@rate_limit("5/h")
def question_ask(request, *, page):
    form = QuestionForm(request.POST or None, initial={"competency": request.GET.get("c")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_ask(
                asker=request.user,
                competency=data["competency"],
                district=data["district"],
                title=data["title"],
                body=data["body"],
            )
        except ExpertsError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your question is published; the experts are told."))
            return redirect(_question_url(page, question.pk))
    return render_route(request, page, "experts/question_ask.html", {"form": form})


@rate_limit("10/m")
def question_detail(request, *, page, question_id: int):
    question = question_get(question_id)
    if question is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                services.answer_post(
                    question=question, user=request.user, body=form.cleaned_data["body"]
                )
            except ExpertsError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer is published."))
                return redirect(_question_url(page, question.pk))
    return _question_page(request, page, question, form=form)


def _question_report_form(data=None) -> ReportForm:
    return ReportForm(
        data, auto_id="flag-question-%s", label=_("What is wrong with this question?")
    )


def _answer_report_form(answer_id: int, data=None) -> ReportForm:
    return ReportForm(
        data, auto_id=f"flag-answer-{answer_id}-%s", label=_("What is wrong with this answer?")
    )


def _question_page(
    request, page, question, *, form=None, question_report=None, answer_reports=None
):
    """The question, its answers and their forms. A report that was refused
    (`question_report`, or `answer_reports`: answer pk → the bound form) is shown again in its
    place, with what was typed and the reason it was refused."""
    answers = question_answers(question)
    refused = answer_reports or {}
    for answer in answers:
        answer.report_form = refused.get(answer.pk) or _answer_report_form(answer.pk)
    if question_report is None:
        question_report = _question_report_form()
    return render_route(
        request,
        page,
        "experts/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "form": form if form is not None else AnswerForm(),
            "question_report": question_report,
            "can_answer": user_can_answer(question, request.user),
            "marked": helpful_marked_by(request.user, answers),
        },
    )


@require_POST
@login_required
@rate_limit("10/m")
def answer_accept(request, *, page, question_id: int, answer_id: int):
    answer = get_object_or_404(Answer, pk=answer_id, question_id=question_id)
    try:
        services.answer_accept(answer=answer, user=request.user)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("You accepted this answer. Thank you for closing the loop."))
    return redirect(_question_url(page, question_id))


@require_POST
@login_required
@rate_limit("10/m")
def answer_helpful(request, *, page, answer_id: int):
    answer = get_object_or_404(Answer.objects.select_related("question", "expert"), pk=answer_id)
    try:
        services.answer_mark_helpful(answer=answer, user=request.user)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("Thank you: marked as helpful."))
    return redirect(_question_url(page, answer.question_id) + f"#answer-{answer.pk}")


def _report(request, flag, form: ReportForm, **target) -> bool:
    """Call the flag service with a valid report and say how it went. False when the form
    itself is refused, for the page to show it again with what was typed. A refusal of the
    report (reported already, one's own writing) is a message: no other text would help."""
    if not form.is_valid():
        return False
    try:
        flag(user=request.user, reason=form.cleaned_data["reason"], **target)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("Thank you. A moderator will look at it."))
    return True


@require_POST
@login_required
@rate_limit("10/h")
def question_flag(request, *, page, question_id: int):
    question = question_get(question_id)
    if question is None:
        raise Http404
    form = _question_report_form(request.POST)
    if not _report(request, services.question_flag, form, question=question):
        return _question_page(request, page, question, question_report=form)
    return redirect(_question_url(page, question.pk))


@require_POST
@login_required
@rate_limit("10/h")
def answer_flag(request, *, page, answer_id: int):
    answer = get_object_or_404(
        Answer.objects.select_related("question", "expert"),
        pk=answer_id,
        is_hidden=False,
        question__is_hidden=False,
    )
    form = _answer_report_form(answer.pk, request.POST)
    if not _report(request, services.answer_flag, form, answer=answer):
        question = question_get(answer.question_id)
        return _question_page(request, page, question, answer_reports={answer.pk: form})
    return redirect(_question_url(page, answer.question_id) + f"#answer-{answer.pk}")
