"""The platform-mean rows the reputation formula reads, and who may verify and moderate.

Moderators verify expert competencies and hide ratings; editors curate the competency
vocabulary. Permissions are created here (they normally appear after all migrations) so the
groups can be given them in the same run. Safe to re-run."""

from django.db import migrations

INDICATORS = ["competence", "usefulness", "timeliness", "communication", "overall"]

GRANTS = {
    "Moderators": [
        ("competencyclaim", "review_competencyclaim", "Can verify or reject expert competencies"),
        ("competencyclaim", "view_competencyclaim", "Can view competency application"),
        ("rating", "moderate_rating", "Can hide and restore ratings"),
        ("rating", "view_rating", "Can view rating"),
        ("ratingflag", "view_ratingflag", "Can view rating flag"),
    ],
    "Editors": [
        ("competency", "add_competency", "Can add competency"),
        ("competency", "change_competency", "Can change competency"),
        ("competency", "delete_competency", "Can delete competency"),
        ("competency", "view_competency", "Can view competency"),
    ],
}


def create_baseline(apps, schema_editor):
    PlatformBaseline = apps.get_model("experts", "PlatformBaseline")
    for indicator in INDICATORS:
        PlatformBaseline.objects.get_or_create(indicator=indicator)


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename, name in grants:
            content_type, _ = ContentType.objects.get_or_create(app_label="experts", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_baseline, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
