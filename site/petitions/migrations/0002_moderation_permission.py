"""Moderators and editors may moderate petitions (the queue in the Wagtail admin)."""

from django.db import migrations

GROUPS = ["Moderators", "Editors"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="petitions", model="petitionpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_petition",
        defaults={"name": "Can moderate petitions"},
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
