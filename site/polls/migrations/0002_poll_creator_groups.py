"""The groups whose staff may create polls for their area: "Municipal bodies" and "Deputies"
(each account limited to the districts of its `PollCreatorScope` rows), and the poll
permissions of the editors. An association's board needs no group: its administrators may
create polls for their own building."""

from django.db import migrations

AREA_GROUPS = ("Municipal bodies", "Deputies")
EDITOR_GROUPS = ("Editors", "Moderators")
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("polls", "poll", "add_poll", "Can add poll"),
    ("polls", "poll", "change_poll", "Can change poll"),
    ("polls", "poll", "view_poll", "Can view poll"),
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for name in AREA_GROUPS + EDITOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
