"""Importing a building's register from a CSV file: upload, preview, import.

1. `register_upload_store` keeps the uploaded bytes as a private file named by a random key
   (and the uploader's and building's ids); the page keeps only the key, in the session. The
   preview and the import both read the file again from there: nothing the browser sends
   back is trusted. A stored upload lapses after `UPLOAD_LIFETIME`.
2. `register_plan` compares what the file says with the register: units to add, change and
   remove, ownerships kept, changed, added and removed. The preview shows it with every bad
   line; nothing is written.
3. `register_import` writes the plan in one transaction, in bulk, only when every line is
   good. Ownerships that did not change are kept as they are (an accepted co-owner stays
   linked, a pending invitation stays pending); new ones with an address are invited; the
   co-owner attributes of those that disappear are revoked before the rows go.

How a line finds an existing ownership of the same unit: by its address (a pending or not yet
invited co-owner), by an address confirmed on the account of an accepted co-owner, or, for a
line without an address, by an equal share of an ownership with no address (an accepted
co-owner, whose address the register forgot, or an unknown owner). The register's own export
(`register_to_csv`) writes accepted co-owners with an empty address, so exporting and
importing again changes nothing.
"""

import secrets
import time
from dataclasses import dataclass, field
from fractions import Fraction

from django.db import transaction

from allauth.account.models import EmailAddress

from profiles.models import User
from profiles.storage import private_storage
from residents.errors import ResidentsError
from residents.models import Building, Ownership, Unit
from residents.register_csv import OwnerLine, ParsedRegister, UnitLine, parse_register
from residents.services.register import (
    REASON_NOT_IMPORTED,
    invitations_issue,
    lock_building,
    register_require,
    revoke_co_owners,
)

UPLOAD_FOLDER = "register-imports"
UPLOAD_LIFETIME = 60 * 60  # seconds
BATCH = 1000


@dataclass
class RegisterPlan:
    units_create: list[UnitLine] = field(default_factory=list)
    units_update: list[tuple[Unit, UnitLine]] = field(default_factory=list)
    units_delete: list[Unit] = field(default_factory=list)
    kept: list[Ownership] = field(default_factory=list)
    shares_update: list[tuple[Ownership, Fraction]] = field(default_factory=list)
    ownerships_create: list[tuple[str, OwnerLine]] = field(default_factory=list)
    ownerships_delete: list[Ownership] = field(default_factory=list)

    @property
    def invitations(self) -> int:
        return sum(1 for _number, owner in self.ownerships_create if owner.email)

    @property
    def accepted_removed(self) -> int:
        return sum(1 for ownership in self.ownerships_delete if ownership.user_id)

    @property
    def changes(self) -> bool:
        return bool(
            self.units_create
            or self.units_update
            or self.units_delete
            or self.shares_update
            or self.ownerships_create
            or self.ownerships_delete
        )


def _path(building: Building, user: User, key: str) -> str:
    return f"{UPLOAD_FOLDER}/{building.pk}/{user.pk}-{key}.csv"


def _forget_lapsed(building: Building) -> None:
    storage = private_storage()
    folder = f"{UPLOAD_FOLDER}/{building.pk}"
    if not storage.exists(folder):
        return
    now = time.time()
    for name in storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if now - storage.get_modified_time(path).timestamp() > UPLOAD_LIFETIME:
            storage.delete(path)


def register_upload_store(*, building: Building, by: User, data: bytes) -> str:
    """Keep an uploaded file for its preview and import; returns the key that names it."""
    register_require(user=by, building=building)
    _forget_lapsed(building)
    key = secrets.token_urlsafe(24)
    from django.core.files.base import ContentFile

    private_storage().save(_path(building, by, key), ContentFile(data))
    return key


def register_upload_load(*, building: Building, by: User, key: str) -> bytes:
    register_require(user=by, building=building)
    if not key or len(key) > 64 or not all(c.isalnum() or c in "-_" for c in key):
        raise ResidentsError(_lapsed_message(), code="upload_lapsed")
    storage = private_storage()
    path = _path(building, by, key)
    if not storage.exists(path) or (
        time.time() - storage.get_modified_time(path).timestamp() > UPLOAD_LIFETIME
    ):
        raise ResidentsError(_lapsed_message(), code="upload_lapsed")
    with storage.open(path, "rb") as upload:
        return upload.read()


def register_upload_forget(*, building: Building, by: User, key: str) -> None:
    storage = private_storage()
    path = _path(building, by, key)
    if storage.exists(path):
        storage.delete(path)


def _lapsed_message():
    from django.utils.translation import gettext_lazy as _

    return _("The uploaded file is no longer kept. Upload it again.")


def _confirmed_addresses(user_ids) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    rows = EmailAddress.objects.filter(user_id__in=user_ids, verified=True)
    for user_id, email in rows.values_list("user_id", "email"):
        found.setdefault(user_id, set()).add(email.lower())
    return found


def _match_unit(
    lines: list[OwnerLine], existing: list[Ownership], addresses: dict[int, set[str]], plan
) -> None:
    left = list(existing)
    unmatched = []

    def take(predicate):
        for ownership in left:
            if predicate(ownership):
                left.remove(ownership)
                return ownership
        return None

    for line in lines:
        found = None
        if line.email:
            found = take(lambda o, e=line.email: o.user_id is None and o.email.lower() == e)
            if found is None:
                found = take(lambda o, e=line.email: e in addresses.get(o.user_id, ()))
        if found is None:
            unmatched.append(line)
            continue
        if found.share != line.share:
            plan.shares_update.append((found, line.share))
        else:
            plan.kept.append(found)
    still = []
    for line in unmatched:
        found = None
        if not line.email:
            found = take(lambda o, s=line.share: not o.email and o.share == s)
        if found is None:
            still.append(line)
        else:
            plan.kept.append(found)
    return still, left


def register_plan(*, building: Building, parsed: ParsedRegister) -> RegisterPlan:
    """What importing `parsed` into `building` would change (read only)."""
    plan = RegisterPlan()
    units = {unit.number: unit for unit in Unit.objects.filter(building=building)}
    ownerships: dict[int, list[Ownership]] = {}
    for ownership in Ownership.objects.filter(unit__building=building).order_by("pk"):
        ownerships.setdefault(ownership.unit_id, []).append(ownership)
    addresses = _confirmed_addresses(
        {o.user_id for rows in ownerships.values() for o in rows if o.user_id}
    )
    for number, line in parsed.units.items():
        unit = units.pop(number, None)
        if unit is None:
            plan.units_create.append(line)
            plan.ownerships_create.extend((number, owner) for owner in line.owners)
            continue
        if unit.area != line.area or unit.is_residential != line.is_residential:
            plan.units_update.append((unit, line))
        new, gone = _match_unit(line.owners, ownerships.get(unit.pk, []), addresses, plan)
        plan.ownerships_create.extend((number, owner) for owner in new)
        plan.ownerships_delete.extend(gone)
    for unit in units.values():
        plan.units_delete.append(unit)
        plan.ownerships_delete.extend(ownerships.get(unit.pk, []))
    return plan


def register_preview(*, building: Building, by: User, data: bytes):
    """The parsed file and, when every line is good, the plan; writes nothing."""
    register_require(user=by, building=building)
    parsed = parse_register(data)
    plan = register_plan(building=building, parsed=parsed) if parsed.ok else None
    return parsed, plan


def _chunks(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def register_import(*, building: Building, by: User, data: bytes) -> RegisterPlan:
    """Replace the building's register with the file's, all or nothing."""
    register_require(user=by, building=building)
    parsed = parse_register(data)
    if not parsed.ok:
        from django.utils.translation import gettext_lazy as _

        raise ResidentsError(
            _("The file has lines with errors; nothing was imported."), code="bad_file"
        )
    with transaction.atomic():
        lock_building(building)
        plan = register_plan(building=building, parsed=parsed)
        gone = [ownership.pk for ownership in plan.ownerships_delete]
        revoke_co_owners(
            [o.pk for o in plan.ownerships_delete if o.user_id],
            reason=REASON_NOT_IMPORTED,
        )
        for chunk in _chunks(gone):
            Ownership.objects.filter(pk__in=chunk).delete()
        for chunk in _chunks([unit.pk for unit in plan.units_delete]):
            Unit.objects.filter(pk__in=chunk).delete()
        changed = []
        for unit, line in plan.units_update:
            unit.area, unit.is_residential = line.area, line.is_residential
            changed.append(unit)
        Unit.objects.bulk_update(changed, ["area", "is_residential"], batch_size=BATCH)
        created = Unit.objects.bulk_create(
            [
                Unit(
                    building=building,
                    number=line.number,
                    area=line.area,
                    is_residential=line.is_residential,
                )
                for line in plan.units_create
            ],
            batch_size=BATCH,
        )
        unit_ids = dict(Unit.objects.filter(building=building).values_list("number", "pk"))
        del created
        reshared = []
        for ownership, share in plan.shares_update:
            ownership.share_numerator, ownership.share_denominator = (
                share.numerator,
                share.denominator,
            )
            reshared.append(ownership)
        Ownership.objects.bulk_update(
            reshared, ["share_numerator", "share_denominator"], batch_size=BATCH
        )
        new = Ownership.objects.bulk_create(
            [
                Ownership(
                    unit_id=unit_ids[number],
                    email=owner.email,
                    share_numerator=owner.share.numerator,
                    share_denominator=owner.share.denominator,
                )
                for number, owner in plan.ownerships_create
            ],
            batch_size=BATCH,
        )
        invitations_issue([ownership for ownership in new if ownership.email], by=by)
    return plan
