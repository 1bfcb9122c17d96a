"""Moderators and editors look after problem reports: the groups "Editors" and "Moderators" get
`reports.moderate_report` (hide and restore reports and updates, re-route a report to another
body) and may view reports and updates in the Wagtail admin, and edit the categories, their
questions and the routes (which body receives what where). Open311 keys stay with superusers
and whoever is given their permissions one by one: a key lets an application post reports."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("report", "moderate_report", "Can hide reports and updates and re-route reports"),
    ("report", "view_report", "Can view problem report"),
    ("reportupdate", "view_reportupdate", "Can view report update"),
    ("category", "view_category", "Can view report category"),
    ("category", "add_category", "Can add report category"),
    ("category", "change_category", "Can change report category"),
    ("categoryattribute", "view_categoryattribute", "Can view category question"),
    ("categoryattribute", "add_categoryattribute", "Can add category question"),
    ("categoryattribute", "change_categoryattribute", "Can change category question"),
    ("categoryattribute", "delete_categoryattribute", "Can delete category question"),
    ("route", "view_route", "Can view report route"),
    ("route", "add_route", "Can add report route"),
    ("route", "change_route", "Can change report route"),
    ("route", "delete_route", "Can delete report route"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="reports", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("config", "0002_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
