from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """Ideas to the city: proposed by people and organizations, supported up to a threshold,
    answered by the responsible authority, turned into projects and followed to the end."""

    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The projects that grew from ideas report their milestones and completion back.
        from experts.signals import milestone_closed, project_completed
        from ideas.services.projects import on_milestone_closed, on_project_completed

        milestone_closed.connect(on_milestone_closed, dispatch_uid="ideas.milestone_closed")
        project_completed.connect(on_project_completed, dispatch_uid="ideas.project_completed")
