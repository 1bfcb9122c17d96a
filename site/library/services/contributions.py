"""Citizens propose guides and case studies; editors review them in Wagtail.

A proposal becomes a draft page under the chosen topic, owned by its contributor, and enters
the library's Wagtail workflow. Wagtail's workflow signals move the `Contribution` along
(see `workflow_events`); the writes here are the ones a contributor or editor starts.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress

from config.transactions import on_commit_robust
from library.models import (
    ArticleAuthor,
    ArticlePage,
    CaseStudyPage,
    Contribution,
    ContributionError,
    ContributionEvent,
    GuidePage,
    LibraryReviewTask,
    TopicPage,
)
from library.text import plain_to_rich, slug_for

MAX_TAGS = 6
MAX_STEPS = 20


@dataclass(frozen=True, kw_only=True)
class ArticleDraft:
    """What a contributor writes, as plain text (see `library.text`)."""

    title: str
    summary: str
    tags: tuple[str, ...] = ()
    details: str = ""
    organization: object | None = None  # a profiles.Organization the contributor belongs to


@dataclass(frozen=True, kw_only=True)
class GuideDraft(ArticleDraft):
    prerequisites: str = ""
    time_needed: str = ""
    authority: str = ""
    steps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class CaseStudyDraft(ArticleDraft):
    problem: str
    approach: str
    outcome: str
    lessons: str = ""
    district: object | None = None  # a config.District
    place: str = ""
    year: int | None = None
    cost: Decimal | None = None
    contacts: str = ""


def contribution_create(*, user, topic: TopicPage, draft: ArticleDraft) -> Contribution:
    """Create the draft page under `topic`, owned by `user`, and submit it for review."""
    _check_contributor(user)
    _check_draft(user, draft)
    topic = TopicPage.objects.live().filter(pk=topic.pk).first()
    if topic is None:
        raise ContributionError(_("Choose one of the library's topics."))
    page_class, kind = (
        (GuidePage, Contribution.Kind.GUIDE)
        if isinstance(draft, GuideDraft)
        else (CaseStudyPage, Contribution.Kind.CASE_STUDY)
    )
    with transaction.atomic():
        page = page_class(owner=user, live=False, locale_id=topic.locale_id)
        _apply_draft(page, draft, user=user)
        page.slug = _free_slug(topic, draft.title)
        topic.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        contribution = Contribution.objects.create(page=page, contributor=user, kind=kind)
        _leave_notifications_to_the_library(user)
        # Always the library's own review, even where an index was not prepared and
        # Wagtail's site-wide default ("Moderators approval" on the root) would apply.
        library_workflow().start(page, user)
    contribution.refresh_from_db()
    return contribution


def contribution_update(*, contribution: Contribution, user, draft: ArticleDraft) -> Contribution:
    """The contributor's corrections after an editor asked for changes: a new revision, sent
    back to the same review step."""
    contribution.refresh_from_db()  # the review may have moved on since it was loaded
    _check_own(contribution, user)
    _check_draft(user, draft)
    if not contribution.is_editable:
        raise ContributionError(_("This contribution cannot be changed now."))
    if isinstance(draft, GuideDraft) != (contribution.kind == Contribution.Kind.GUIDE):
        raise ContributionError(_("A guide stays a guide and a case study stays a case study."))
    with transaction.atomic():
        page = contribution.page.specific.get_latest_revision_as_object()
        _apply_draft(page, draft, user=user)
        if not page.live:
            page.save()
        page.save_revision(user=user, log_action=True)
        workflow_state = page.current_workflow_state
        if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
            raise ContributionError(_("This contribution is not waiting for changes."))
        workflow_state.resume(user=user)
    contribution.refresh_from_db()
    return contribution


def contribution_withdraw(*, contribution: Contribution, user) -> Contribution:
    """The contributor takes their proposal back before an editor decides."""
    contribution.refresh_from_db()
    _check_own(contribution, user)
    if not contribution.can_move_to(Contribution.State.WITHDRAWN):
        raise ContributionError(_("This contribution can no longer be withdrawn."))
    with transaction.atomic():
        workflow_state = contribution.page.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=user)  # the cancelled signal records the withdrawal
        else:
            contribution_transition(
                contribution=contribution, to_state=Contribution.State.WITHDRAWN, actor=user
            )
    contribution.refresh_from_db()
    return contribution


def review_decline(*, task_state: TaskState, user, reason: str) -> None:
    """An editor's final "no" with a reason: the task is rejected with the reason as its
    comment, the contribution is marked rejected, then the workflow ends."""
    reason = (reason or "").strip()
    if not reason:
        raise ContributionError(_("Say why the contribution is rejected."))
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    if not task.get_actions(page, user):
        raise PermissionDenied
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise ContributionError(_("This review step is already finished."))
    with transaction.atomic():
        task_state.specific.reject(user=user, update=False, comment=reason)
        contribution = Contribution.objects.filter(page_id=page.pk).first()
        if contribution is not None:
            contribution_transition(
                contribution=contribution,
                to_state=Contribution.State.REJECTED,
                actor=user,
                comment=reason,
            )
        task_state.workflow_state.cancel(user=user)


def contribution_transition(
    *, contribution: Contribution, to_state: str, actor=None, comment: str = ""
) -> ContributionEvent:
    """Move a contribution to `to_state`, record the step and email the contributor after
    commit. An illegal step raises `ContributionError`."""
    from library.tasks import contribution_email_send

    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if not locked.can_move_to(to_state):
            raise ContributionError(
                _("A contribution cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": locked.get_state_display(),
                    "to": Contribution.State(to_state).label,
                }
            )
        event = ContributionEvent.objects.create(
            contribution=locked,
            from_state=locked.state,
            to_state=to_state,
            comment=comment,
            actor=actor,
        )
        locked.state = to_state
        # The comment on show is the editor's latest word; the contributor's own step
        # (resubmitting, withdrawing) answers it, so it is cleared.
        by_contributor = actor is not None and actor.pk == locked.contributor_id
        locked.editor_comment = "" if by_contributor else comment
        locked.save(update_fields=["state", "editor_comment", "updated_at"])
        on_commit_robust(lambda: contribution_email_send.enqueue(event_id=event.pk))
    contribution.state = locked.state
    contribution.editor_comment = locked.editor_comment
    return event


def library_workflow() -> Workflow:
    """The active workflow whose step is the library's review task (made by a migration)."""
    workflow = (
        Workflow.objects.filter(active=True, workflow_tasks__task__active=True)
        .filter(
            workflow_tasks__task__content_type__app_label=LibraryReviewTask._meta.app_label,
            workflow_tasks__task__content_type__model=LibraryReviewTask._meta.model_name,
        )
        .order_by("pk")
        .first()
    )
    if workflow is None:
        raise ContributionError(_("The library is not accepting contributions right now."))
    return workflow


def user_can_contribute(user) -> bool:
    """Signed in, active and with a confirmed email address."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and EmailAddress.objects.filter(user=user, verified=True).exists()
    )


def _check_contributor(user) -> None:
    if not user_can_contribute(user):
        raise PermissionDenied(_("Confirm your email address to contribute to the library."))


def _check_own(contribution: Contribution, user) -> None:
    if not user or not user.is_authenticated or contribution.contributor_id != user.pk:
        raise PermissionDenied


def _check_draft(user, draft: ArticleDraft) -> None:
    if not draft.title.strip() or not draft.summary.strip():
        raise ContributionError(_("A title and a summary are required."))
    if len(draft.tags) > MAX_TAGS:
        raise ContributionError(_("Use at most %(n)d tags.") % {"n": MAX_TAGS})
    if isinstance(draft, GuideDraft) and not 1 <= len(draft.steps) <= MAX_STEPS:
        raise ContributionError(_("A guide needs between 1 and %(n)d steps.") % {"n": MAX_STEPS})
    if isinstance(draft, CaseStudyDraft) and not all(
        part.strip() for part in (draft.problem, draft.approach, draft.outcome)
    ):
        raise ContributionError(_("Describe the problem, the approach and the outcome."))
    if (
        draft.organization is not None
        and not draft.organization.members.filter(pk=user.pk).exists()
    ):
        raise ContributionError(_("You can only credit an organization you are a member of."))


def _apply_draft(page: ArticlePage, draft: ArticleDraft, *, user) -> None:
    page.title = draft.title.strip()
    page.draft_title = page.title
    page.summary = draft.summary.strip()
    page.tags.set(list(dict.fromkeys(t.strip().lower() for t in draft.tags if t.strip())))
    page.body = _body_with_details(page.body, draft.details)
    page.authors = _credits(page, draft, user=user)
    if isinstance(draft, GuideDraft):
        page.prerequisites = plain_to_rich(draft.prerequisites)
        page.time_needed = draft.time_needed.strip()
        page.authority_note = draft.authority.strip()
        page.steps = [
            {"type": "step", "value": {"title": title.strip(), "text": plain_to_rich(text)}}
            for title, text in draft.steps
        ]
    else:
        page.problem = plain_to_rich(draft.problem)
        page.approach = plain_to_rich(draft.approach)
        page.outcome = plain_to_rich(draft.outcome)
        page.lessons = plain_to_rich(draft.lessons)
        page.district = draft.district
        page.place = draft.place.strip()
        page.year = draft.year
        page.cost = draft.cost
        page.contacts = draft.contacts.strip()


def _body_with_details(body, details: str) -> list[dict]:
    """The contributor's text replaces the text blocks of the body; blocks an editor added
    (images, tables, documents…) stay where they were, after it."""
    kept = [
        {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
        for block in (body or [])
        if block.block_type != "paragraph"
    ]
    text = plain_to_rich(details)
    return ([{"type": "paragraph", "value": text}] if text else []) + kept


def _credits(page: ArticlePage, draft: ArticleDraft, *, user) -> list[ArticleAuthor]:
    """The contributor as author, their organization if they chose one, and any credit an
    editor added."""
    own_orgs = set(user.organizations.values_list("pk", flat=True))
    others = [
        ArticleAuthor(user_id=c.user_id, organization_id=c.organization_id, role=c.role)
        for c in page.authors.all()
        if c.user_id != user.pk and c.organization_id not in own_orgs
    ]
    credits = [ArticleAuthor(user=user, role=ArticleAuthor.Role.AUTHOR)]
    if draft.organization is not None:
        credits.append(
            ArticleAuthor(organization=draft.organization, role=ArticleAuthor.Role.CONTRIBUTOR)
        )
    return credits + others


def _free_slug(topic: TopicPage, title: str) -> str:
    base = slug_for(title)
    taken = set(topic.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _leave_notifications_to_the_library(user) -> None:
    """Wagtail would also email the contributor its admin-facing approval and rejection
    notices; the library sends its own, in plain words and with public links."""
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])
