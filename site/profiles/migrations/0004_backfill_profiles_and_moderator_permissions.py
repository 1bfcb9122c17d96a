"""Every existing account gets its profile, and moderators get the community queues.

Profiles are otherwise created with the account (see `profiles.signals`); accounts made before
this migration have none. Moderators decide status requests, verify organizations and handle
reports of abusive posts in the Wagtail admin.
"""

from django.db import migrations

from profiles.text import sort_key

MODERATOR_PERMISSIONS = [
    ("statusrequest", "view_statusrequest", "Can view status request"),
    ("statusrequest", "decide_statusrequest", "Can grant and revoke verified statuses"),
    ("statuschange", "view_statuschange", "Can view status change"),
    ("organization", "view_organization", "Can view organization"),
    ("organization", "verify_organization", "Can verify organizations' registration data"),
    ("postreport", "view_postreport", "Can view post report"),
    ("blogpost", "moderate_blogpost", "Can hide and restore reported posts"),
]


def backfill_profiles(apps, schema_editor):
    User = apps.get_model("profiles", "User")
    Profile = apps.get_model("profiles", "Profile")
    missing = User.objects.filter(profile__isnull=True)
    profiles = []
    for user in missing:
        name = f"{user.first_name} {user.last_name}".strip()[:80]
        profiles.append(Profile(user=user, display_name=name, sort_name=sort_key(name)))
    Profile.objects.bulk_create(profiles, batch_size=500)


def grant_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        return
    for model, codename, name in MODERATOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="profiles", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_profiles_organizations_privacy"),
        ("config", "0002_editor_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(backfill_profiles, migrations.RunPython.noop),
        migrations.RunPython(grant_moderators, migrations.RunPython.noop),
    ]
