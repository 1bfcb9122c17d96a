"""What the experts app tells other apps about its projects. Sent inside the transaction of
the change, so a receiver's writes stand or fall with it (the ideas app follows the projects
that grew from ideas: `ideas.services.projects`)."""

from django.dispatch import Signal

# project (the canonical ProjectPage), milestone (ProjectMilestone), by (the user)
milestone_closed = Signal()
# project (the canonical ProjectPage), by (the user)
project_completed = Signal()
