"""How far the project that grew from an idea has come: its milestones, in order, and the share
of them closed. Read from the project itself, so it is never out of step with it."""

from dataclasses import dataclass, field
from datetime import date

from experts.models import ProjectMilestone, ProjectPage


@dataclass(frozen=True)
class Progress:
    # Closed milestones as a whole percentage; None when there is no project or no milestone.
    percent: int | None
    # (title, due_on, closed_on) in the project's order.
    milestones: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def idea_progress(*, idea) -> Progress:
    """The progress of `idea`'s project. A completed project is at 100 % even if its
    coordinator never closed the last milestones: the work is done."""
    if idea.project_id is None:
        return Progress(percent=None)
    milestones = list(
        ProjectMilestone.objects.filter(page_id=idea.project_id)
        .order_by("sort_order", "pk")
        .values_list("title", "due_on", "closed_on")
    )
    if not milestones:
        return Progress(percent=None)
    closed = sum(1 for _title, _due, closed_on in milestones if closed_on is not None)
    completed = ProjectPage.objects.filter(
        pk=idea.project_id, status=ProjectPage.Status.COMPLETED
    ).exists()
    percent = 100 if completed else closed * 100 // len(milestones)
    return Progress(percent=percent, milestones=milestones)
