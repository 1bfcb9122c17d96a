"""The Registrars group: staff who decide residence requests, print letters with verification
codes and revoke verified attributes in the Wagtail admin (which they may enter, as every staff
group may)."""

from django.db import migrations

GROUP = "Registrars"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    (
        "residents",
        "residencerequest",
        "decide_residencerequest",
        "Can decide residence requests (registrar)",
    ),
    ("residents", "letterbatch", "print_letterbatch", "Can print letters with verification codes"),
    (
        "residents",
        "verifiedattribute",
        "revoke_verifiedattribute",
        "Can revoke verified attributes",
    ),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
