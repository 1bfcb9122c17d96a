"""What Wagtail's workflow steps mean for a contribution.

Editors act in the Wagtail admin; Wagtail announces each step with a signal (see
`library.signals`). These services translate a step into the contribution's own state. A step
on a page that is not a contribution, or that does not change what the contributor sees (an
editor re-reviewing a page already published), is not a contribution step and is ignored.
"""

from wagtail.models import WorkflowState

from library.models import Contribution
from library.services.contributions import contribution_transition


def _contribution_for(workflow_state: WorkflowState) -> Contribution | None:
    try:
        page_id = int(workflow_state.object_id)
    except (TypeError, ValueError):
        return None
    return Contribution.objects.filter(page_id=page_id).first()


def _move(workflow_state: WorkflowState, to_state: str, *, actor, comment: str = "") -> None:
    contribution = _contribution_for(workflow_state)
    if contribution is not None and contribution.can_move_to(to_state):
        contribution_transition(
            contribution=contribution, to_state=to_state, actor=actor, comment=comment
        )


def contribution_on_submitted(*, workflow_state: WorkflowState, user) -> None:
    """A review step started: first submission, or a resubmission after changes."""
    _move(workflow_state, Contribution.State.IN_REVIEW, actor=user)


def contribution_on_changes_requested(*, workflow_state: WorkflowState, user) -> None:
    task_state = workflow_state.current_task_state
    comment = task_state.comment if task_state is not None else ""
    _move(workflow_state, Contribution.State.CHANGES_REQUESTED, actor=user, comment=comment)


def contribution_on_approved(*, workflow_state: WorkflowState, user) -> None:
    """The last review step approved. Wagtail publishes the page as it finishes the
    workflow, so `contribution_on_published` has usually recorded it already."""
    task_state = workflow_state.current_task_state
    comment = task_state.comment if task_state is not None else ""
    page = workflow_state.content_object
    if page is not None and page.live:
        _move(workflow_state, Contribution.State.PUBLISHED, actor=user, comment=comment)


def contribution_on_published(*, page) -> None:
    """The page went live: by the review's approval, or by an editor publishing it
    directly (Wagtail then cancels the review, which must not read as a withdrawal)."""
    contribution = Contribution.objects.filter(page_id=page.pk).first()
    if contribution is None or not contribution.can_move_to(Contribution.State.PUBLISHED):
        return
    actor, comment = None, ""
    review = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if review is not None and review.status == WorkflowState.STATUS_APPROVED:
        task_state = review.current_task_state
        if task_state is not None:
            actor, comment = task_state.finished_by, task_state.comment
    contribution_transition(
        contribution=contribution,
        to_state=Contribution.State.PUBLISHED,
        actor=actor,
        comment=comment,
    )


def contribution_on_cancelled(*, workflow_state: WorkflowState, user) -> None:
    """A workflow stopped without a decision. A final rejection also ends its workflow, but
    it has marked the contribution rejected first, so nothing moves here."""
    _move(workflow_state, Contribution.State.WITHDRAWN, actor=user)
