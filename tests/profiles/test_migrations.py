"""Migrations of the profiles tables that move data: existing organizations before registry
codes become unique per kind and authorities need a staff grant."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("profiles", "0005_organization_authority_grant")]


def organizations_before_the_grant():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organization = old.get_model("profiles", "Organization")
    staff = old.get_model("profiles", "User").objects.create(email="staff@spilno.localhost")
    verified = {"is_verified": True, "verified_at": timezone.now(), "verified_by": staff}

    def make(slug, kind, code, **fields):
        return Organization.objects.create(
            name=slug, slug=slug, kind=kind, registry_code=code, address="вул. Соборна, 1",
            **fields,
        )  # fmt: skip

    return {
        "first": make("first", "school", "41234567"),
        "verified_copy": make("verified-copy", "school", "41234567", **verified),
        "other_kind": make("other-kind", "condominium", "41234567", **verified),
        "council": make("council", "municipal_body", "04051234", **verified),
        "claimed": make("claimed", "municipal_body", "04059999"),
    }


def migrate_to_the_end():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_grant_and_unique_codes_migrate_existing_organizations():
    # One test for both data migrations: going back to before them and forward again migrates
    # every app that depends on profiles (nearly all), the slowest thing the suite does.
    rows = organizations_before_the_grant()
    migrate_to_the_end()

    from profiles.models import Organization
    from profiles.selectors import authorities_addressable

    # A code used twice in a kind stays with the verified holder and the other loses it.
    kept = Organization.objects.get(pk=rows["verified_copy"].pk)
    freed = Organization.objects.get(pk=rows["first"].pk)
    assert (kept.registry_code, kept.is_verified) == ("41234567", True)
    assert (freed.registry_code, freed.is_verified) == ("", False)
    assert Organization.objects.get(pk=rows["other_kind"].pk).registry_code == "41234567"

    # Authorities staff had verified keep answering; claimed ones do not.
    council = authorities_addressable().get(pk=rows["council"].pk)
    assert council.authority_granted_by.email == "staff@spilno.localhost"
    assert not authorities_addressable().filter(pk=rows["claimed"].pk).exists()
