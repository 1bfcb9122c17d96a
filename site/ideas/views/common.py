"""What the idea pages share: finding the idea a person may see, and the idea's page itself
with everything on it (support, chart, answer, timeline, project, discussion, and the forms of
the authority and the moderators for those who may use them)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from config.districts import all_districts
from config.maps import MapPlace, city_map
from ideas import permissions, selectors
from ideas.charts import support_chart
from ideas.forms import (
    AnswerForm,
    AttachmentForm,
    CommentForm,
    MergeForm,
    NoteForm,
    PollDatesForm,
    ReasonForm,
    ReportForm,
)
from ideas.models import Idea, IdeaAttachment
from ideas.progress import idea_progress
from ideas.services.projects import POLLABLE_STATES
from ideas.states import ACCEPTED_STATES, State

MERGEABLE_STATES = {State.PUBLISHED, State.UNDER_REVIEW}


def idea_for(user, slug: str) -> Idea:
    """The idea at `slug` if `user` may see it (`permissions.can_view`): a public one for
    anyone, a draft or hidden one for its author, the moderators and its authority. A 404
    otherwise, the same answer as for an address that names nothing."""
    idea = (
        Idea.objects.filter(slug=slug[:80])
        .select_related(
            "district", "organization", "answering_body", "merged_into", "project", "poll"
        )
        .first()
    )
    if idea is None or not permissions.can_view(user=user, idea=idea):
        raise Http404
    return idea


def error_text(error) -> str:
    """A service's refusal as the person reads it (its parameters filled in)."""
    return " ".join(str(message) for message in error.messages)


def back_to(idea: Idea, anchor: str = ""):
    return redirect(idea.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def small_map(idea: Idea):
    """The idea's place on a map of its district (or of the city), or None without a place."""
    if not idea.has_place:
        return None
    place = MapPlace(
        number=1,
        title=idea.title,
        url=idea.get_absolute_url(),
        latitude=float(idea.latitude),
        longitude=float(idea.longitude),
        district=idea.district.name if idea.district_id else _("The whole city"),
    )
    return city_map(
        districts=all_districts(),
        places=[place],
        title=_("Map: where the idea is (point 1)."),
        svg_id="idea-map",
        focus_id=idea.district_id,
    )


def progress_of(idea: Idea) -> dict | None:
    if not idea.threshold:
        return None
    return {
        "value": idea.support_count,
        "goal": idea.threshold,
        "percent": min(100, idea.support_count * 100 // idea.threshold),
        "reached": idea.support_count >= idea.threshold,
    }


def support_context(request, idea: Idea) -> dict:
    user = request.user
    supported = user.is_authenticated and selectors.idea_supported_by(idea=idea, user=user)
    refusal = None
    if not supported and idea.is_gathering:
        refusal = permissions.support_refusal(user=user, idea=idea)
    return {
        "supported": supported,
        "support_refusal": refusal,
        "may_support": idea.is_gathering and not supported and refusal is None,
        "may_withdraw": idea.is_gathering and supported,
    }


def authority_context(request, idea: Idea, forms: dict) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    may_answer = permissions.can_answer(user=user, idea=idea)
    may_moderate = permissions.can_moderate(user=user)
    context = {"may_answer": may_answer, "may_moderate": may_moderate}
    if may_answer and idea.state == State.UNDER_REVIEW:
        context["answer_form"] = forms.get("answer") or AnswerForm(user=user)
    if may_answer and idea.state in ACCEPTED_STATES:
        context["start_form"] = forms.get("start") or NoteForm(prefix="start")
        context["may_make_project"] = idea.project_id is None
    if may_answer and idea.state in POLLABLE_STATES and idea.poll_id is None:
        context["poll_form"] = forms.get("poll") or PollDatesForm(prefix="poll")
    if may_answer and idea.state == State.IN_PROGRESS:
        context["finish_form"] = forms.get("finish") or NoteForm(prefix="finish")
    if may_moderate and idea.state in MERGEABLE_STATES:
        context["merge_form"] = forms.get("merge") or MergeForm()
    if may_moderate and idea.state != State.DRAFT:
        context["hide_form"] = forms.get("hide") or ReasonForm(prefix="hide")
    return context


def discussion_context(request, idea: Idea, forms: dict) -> dict:
    user = request.user
    comments = list(selectors.comments_visible(idea=idea))
    may_moderate = user.is_authenticated and permissions.can_moderate(user=user)
    if may_moderate:
        # Moderators see hidden comments too, to restore them, and the open reports.
        comments = list(idea.comments.select_related("author__profile").order_by("created_at"))
        reports: dict[int, list] = {}
        for report in selectors.reports_open().filter(comment__idea=idea):
            reports.setdefault(report.comment_id, []).append(report)
        for comment in comments:
            comment.open_reports = reports.get(comment.pk, [])
    return {
        "comments": comments,
        "comment_form": forms.get("comment") or CommentForm(),
        "report_form": ReportForm(),
        "hide_comment_form": ReasonForm(prefix="hide-comment"),
        "may_comment": user.is_authenticated and idea.is_public,
        "comment_moderator": may_moderate,
    }


def render_detail(request, idea: Idea, *, forms: dict | None = None, status: int = 200):
    """The idea's page; `forms` carries a posted form with its errors back onto it."""
    forms = forms or {}
    attachments = list(idea.attachments.all())
    series = selectors.support_series(idea=idea) if idea.published_at else []
    is_author = request.user.is_authenticated and idea.author_id == request.user.pk
    editable = request.user.is_authenticated and permissions.can_edit(user=request.user, idea=idea)
    context = {
        "idea": idea,
        "paragraphs": [p for p in idea.description.split("\n\n") if p.strip()],
        "pictures": [a for a in attachments if a.kind == IdeaAttachment.Kind.PICTURE],
        "documents": [a for a in attachments if a.kind == IdeaAttachment.Kind.DOCUMENT],
        "topics": list(idea.topics.all()),
        "place_map": small_map(idea),
        "progress": progress_of(idea),
        "chart": support_chart(series, threshold=idea.threshold) if series else None,
        "timeline": selectors.idea_timeline(idea=idea),
        "project_progress": idea_progress(idea=idea) if idea.project_id else None,
        "is_author": is_author,
        "may_edit": editable,
        "is_draft": idea.state == State.DRAFT,
        "attachment_form": forms.get("attachment")
        or (AttachmentForm() if editable and idea.state == State.DRAFT else None),
        **support_context(request, idea),
        **authority_context(request, idea, forms),
        **discussion_context(request, idea, forms),
    }
    return render(request, "ideas/detail.html", context, status=status)
