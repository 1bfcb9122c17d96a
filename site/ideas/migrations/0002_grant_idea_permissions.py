"""Editors and moderators answer and moderate ideas: the groups "Editors" and "Moderators" get
`ideas.answer_idea` and `ideas.moderate_idea`, and may view ideas and comment reports in the
Wagtail admin. Municipal bodies' and deputies' staff get no permission here: they answer the
ideas of their own districts through their `PollCreatorScope` rows (`ideas.permissions`)."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("idea", "answer_idea", "Can answer ideas and move accepted ones along"),
    ("idea", "moderate_idea", "Can hide ideas and comments and merge duplicates"),
    ("idea", "view_idea", "Can view idea"),
    ("commentreport", "view_commentreport", "Can view comment report"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="ideas", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
