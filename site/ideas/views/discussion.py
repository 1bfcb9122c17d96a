"""The discussion under an idea: posting a comment (a confirmed email), reporting one with a
reason (anyone signed in), and the moderators' hiding, restoring and dismissing of reports."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from ideas import permissions, services
from ideas.forms import CommentForm, ReasonForm, ReportForm
from ideas.models import Comment, CommentReport
from ideas.states import IdeaError
from ideas.views.common import back_to, error_text, idea_for, render_detail

limit_ip = ratelimit(key="ip", rate="30/m", method="POST", block=True)
limit_person = ratelimit(key="user_or_ip", rate="10/m", method="POST", block=True)


@limit_ip
@limit_person
@require_POST
def comment(request, slug):
    idea = idea_for(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(idea.get_absolute_url())
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(idea=idea, author=request.user, body=form.cleaned_data["body"])
        except IdeaError as error:
            form.add_error("body", error_text(error))
        else:
            messages.success(request, _("Your comment is posted."))
            return back_to(idea, "comments")
    return render_detail(request, idea, forms={"comment": form}, status=400)


def _comment_of_visible_idea(request, pk) -> Comment:
    if not request.user.is_authenticated:
        raise Http404
    found = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    idea_for(request.user, found.idea.slug)  # a 404 for a comment on an idea one cannot see
    return found


@limit_ip
@limit_person
@require_POST
def report(request, pk):
    found = _comment_of_visible_idea(request, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you report this comment."))
        return back_to(found.idea, f"comment-{found.pk}")
    try:
        services.comment_report(
            comment=found,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            explanation=form.cleaned_data["explanation"],
        )
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you: a moderator will look at this comment."))
    return back_to(found.idea, f"comment-{found.pk}")


def _moderated_comment(request, pk) -> Comment:
    found = _comment_of_visible_idea(request, pk)
    if not permissions.can_moderate(user=request.user):
        raise Http404
    return found


@limit_person
@require_POST
def comment_hide(request, pk):
    found = _moderated_comment(request, pk)
    form = ReasonForm(request.POST, prefix="hide-comment")
    if not form.is_valid():
        messages.error(request, _("Say why the comment is hidden."))
        return back_to(found.idea, f"comment-{found.pk}")
    try:
        services.comment_hide(comment=found, by=request.user, reason=form.cleaned_data["reason"])
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The comment is hidden."))
    return back_to(found.idea, f"comment-{found.pk}")


@limit_person
@require_POST
def comment_restore(request, pk):
    found = _moderated_comment(request, pk)
    try:
        services.comment_restore(comment=found, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The comment is shown again."))
    return back_to(found.idea, f"comment-{found.pk}")


@limit_person
@require_POST
def report_dismiss(request, pk):
    if not request.user.is_authenticated or not permissions.can_moderate(user=request.user):
        raise Http404
    found = get_object_or_404(CommentReport.objects.select_related("comment__idea"), pk=pk)
    try:
        services.report_dismiss(report=found, by=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The report is dismissed."))
    return redirect(found.comment.idea.get_absolute_url() + f"#comment-{found.comment_id}")
