"""The library's review workflow: one step, "Editorial review", done by the Editors group,
and the Editors' right to read the library's reports (reader feedback, contributions).

Contributions are submitted to it by the library's services; editors approve, request
changes or reject in the Wagtail admin. Safe to re-run.
"""

from django.db import migrations

WORKFLOW_NAME = "Library contributions"
TASK_NAME = "Editorial review"
REPORTED_MODELS = ["feedback", "articlestats", "contribution"]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    LibraryReviewTask = apps.get_model("library", "LibraryReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="library", model="libraryreviewtask"
    )
    task = LibraryReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = LibraryReviewTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    editors, _ = Group.objects.get_or_create(name="Editors")
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    Permission = apps.get_model("auth", "Permission")
    for model in REPORTED_MODELS:
        model_type, _ = ContentType.objects.get_or_create(app_label="library", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=model_type,
            codename=f"view_{model}",
            defaults={"name": f"Can view {model}"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
