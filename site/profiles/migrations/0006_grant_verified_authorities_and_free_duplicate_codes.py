"""Existing data, before registry codes become unique per kind (0007).

1. Registry codes used twice within one kind: the first holder keeps its code (a verified
   one before an unverified one, then the oldest); the others lose the code and the verified
   mark, so their owners enter their own code and staff check it again. Nothing is deleted.
2. Municipal bodies and deputy's offices that staff had already verified keep answering:
   that verification is recorded as the staff grant of the kind. Unverified ones stay as they
   are, neither addressed nor answering, until staff grant them through a status request.
"""

from django.db import migrations

AUTHORITY_KINDS = ("municipal_body", "deputy_office")


def free_duplicate_codes(Organization) -> None:
    holders: set[tuple[str, str]] = set()
    rows = (
        Organization.objects.exclude(registry_code="")
        .order_by("kind", "registry_code", "-is_verified", "pk")
        .values_list("pk", "kind", "registry_code")
    )
    duplicates = []
    for pk, kind, code in rows.iterator():
        if (kind, code) in holders:
            duplicates.append(pk)
        else:
            holders.add((kind, code))
    Organization.objects.filter(pk__in=duplicates).update(
        registry_code="", is_verified=False, verified_at=None, verified_by=None
    )


def grant_verified_authorities(Organization) -> None:
    verified = Organization.objects.filter(
        kind__in=AUTHORITY_KINDS, is_verified=True, authority_granted_at__isnull=True
    )
    for organization in verified.iterator():
        organization.authority_granted_at = organization.verified_at or organization.updated_at
        organization.authority_granted_by_id = organization.verified_by_id
        organization.save(update_fields=["authority_granted_at", "authority_granted_by"])


def forwards(apps, schema_editor):
    Organization = apps.get_model("profiles", "Organization")
    free_duplicate_codes(Organization)
    grant_verified_authorities(Organization)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0005_organization_authority_grant"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
