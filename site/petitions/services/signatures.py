"""Writes about signatures: sign, confirm, invalidate, expire, erase.

How counts stay exact and cheap
-------------------------------
Counts are data: `SignatureTally` holds one row per (petition, district, local day) with the
number of confirmed, valid signatures. A confirmation is one transaction that

1. marks the signature confirmed with a conditional update
   (`UPDATE … SET confirmed_at = now WHERE id = … AND confirmed_at IS NULL AND invalidated_at
   IS NULL`) and goes on only if exactly one row changed: a link clicked twice, or ten threads
   racing on the same signature, count once;
2. adds one to that signature's tally row with one upsert (`INSERT … ON CONFLICT DO UPDATE SET
   count = count + 1`), which creates the row for the day's first signature from that district.

Both commit together or not at all: on PostgreSQL they are one statement (the update is a
data-modifying `WITH` that feeds the upsert), on SQLite one transaction. The row lock of
step 2 serialises only confirmations for
the same petition, district and day, so a popular petition has ten hot rows, not one, and
readers are never blocked (PostgreSQL readers do not wait for row locks). The petition's
total is the sum of its rows (a few hundred at most; a page never counts signatures).

Thresholds move the petition in an idempotent follow-up after commit
(`services.petitions.petition_check_thresholds`): two confirmations committing at the same time
may each read the total before the other's commit, but whichever commits last reads after both,
sees the threshold reached, and the conditional state update lets exactly one caller win.
A follow-up that fails (a connection cut after the commit) is logged and never turns the
counted confirmation into an error (`config.transactions.on_commit_robust`);
`manage.py petitions_tick` repeats the check as a safety net.

Bulk invalidation locks the chosen rows (`SELECT … FOR UPDATE`), marks them invalid and subtracts
from each tally exactly the confirmed ones it locked, in one transaction; a confirmation racing
with it either commits first (and is subtracted) or finds the row invalid (and never counts).
"""

import functools
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from config.privacy import ip_prefix, keyed_hash
from config.transactions import on_commit_robust
from petitions.models import PetitionPage, Signature, SignatureTally
from petitions.normalize import email_domain, mailbox_hash, normalize_email
from petitions.states import PUBLIC_STATES, SIGNABLE_STATES, SUPPORT_STATES, PetitionError
from search.signals import objects_changed

# The signing path in plain SQL: every signature runs it, and building these statements through
# the ORM cost several times running them (bench/signatures.py).
SIGNATURE_TABLE = Signature._meta.db_table
PETITION_TABLE = PetitionPage._meta.db_table
PAGE_TABLE = PetitionPage._meta.get_field("page_ptr").related_model._meta.db_table
_TALLY = SignatureTally._meta.db_table


def _state_in(states) -> str:
    return "p.state IN ({})".format(", ".join(f"'{state}'" for state in sorted(states)))


# `is_signable` in SQL: the petition `p` takes signatures at the time given as a parameter.
SIGNABLE_AT_SQL = (
    f"{_state_in(SIGNABLE_STATES)} AND p.closed_at IS NULL "
    "AND (p.closes_at IS NULL OR p.closes_at > %s)"
)
# The signature's petition and state, and whether it is confirmed or invalidated: why a
# confirmation changed nothing (if neither, its petition no longer takes signatures).
CONFIRM_READ = f"""
    SELECT s.petition_id, p.state, s.confirmed_at IS NOT NULL, s.invalidated_at IS NOT NULL
    FROM {SIGNATURE_TABLE} s JOIN {PETITION_TABLE} p ON p.page_ptr_id = s.petition_id
    WHERE s.id = %s"""  # noqa: S608 - table names from the models, values as parameters
# Conditional: of a link followed twice, or ten threads racing, exactly one changes the row, and
# only while its petition takes signatures. Parameters: now, signature id, now.
_CONFIRM_UPDATE = f"""
    UPDATE {SIGNATURE_TABLE} SET confirmed_at = %s
    WHERE id = %s AND confirmed_at IS NULL AND invalidated_at IS NULL
      AND EXISTS (SELECT 1 FROM {PETITION_TABLE} p
                  WHERE p.page_ptr_id = {SIGNATURE_TABLE}.petition_id AND {SIGNABLE_AT_SQL})
    RETURNING petition_id, district_id, (
        SELECT p.state FROM {PETITION_TABLE} p WHERE p.page_ptr_id = {SIGNATURE_TABLE}.petition_id
    )"""  # noqa: S608
# Adds to the day's row, creating it for the day's first signature from that district.
_TALLY_ADD = f"""
    ON CONFLICT (petition_id, district_id, day)
    DO UPDATE SET count = {_TALLY}.count + excluded.count"""
TALLY_UPSERT = f"""
    INSERT INTO {_TALLY} (petition_id, district_id, day, count) VALUES (%s, %s, %s, %s)
    {_TALLY_ADD}"""  # noqa: S608
# PostgreSQL: the update and the tally's upsert as one statement, so a confirmation is one
# round trip that commits on its own. Parameters: now, signature id, now, day.
CONFIRM_AND_COUNT = f"""
    WITH confirmed AS ({_CONFIRM_UPDATE}),
    counted AS (
        INSERT INTO {_TALLY} (petition_id, district_id, day, count)
        SELECT petition_id, district_id, %s, 1 FROM confirmed
        {_TALLY_ADD}
    )
    SELECT * FROM confirmed"""  # noqa: S608
# A signature is inserted only if its petition takes signatures (and, through the public form,
# is public and its page live; through the share link, still gathers support), checked by the
# same statement:
# a petition that closes while someone fills in the form is never signed. Parameters: the
# signature's columns (`_SIGNATURE_FIELDS`), the petition id, now.
_SIGNATURE_FIELDS = [field for field in Signature._meta.concrete_fields if not field.primary_key]
_SIGNATURE_INSERT = """
    INSERT INTO {table} ({columns}) SELECT {values}
    FROM {petition} p JOIN {page} pg ON pg.id = p.page_ptr_id
    WHERE p.page_ptr_id = %s AND {signable} AND {gate}
    RETURNING id"""
PUBLIC_GATE = f"pg.live AND {_state_in(PUBLIC_STATES)}"
SUPPORT_LINK_GATE = _state_in(SUPPORT_STATES)


@functools.cache
def _signature_insert_sql(gate: str, vendor: str) -> str:
    """Built once per gate and database (`vendor` keys the quoting of column names)."""
    return _SIGNATURE_INSERT.format(
        table=SIGNATURE_TABLE,
        columns=", ".join(connection.ops.quote_name(field.column) for field in _SIGNATURE_FIELDS),
        values=", ".join(["%s"] * len(_SIGNATURE_FIELDS)),
        petition=PETITION_TABLE,
        page=PAGE_TABLE,
        signable=SIGNABLE_AT_SQL,
        gate=gate,
    )


# How often, at most, confirmations refresh a petition's search document (its popularity).
POPULARITY_REFRESH_SECONDS = 30


def total_changed(*, petition_id: int, at_once: bool = False) -> None:
    """Tell search that a petition's total changed; it refreshes the document after commit.

    A rare change (an invalidation) is told at once. Confirmations are told at most once per
    `POPULARITY_REFRESH_SECONDS` per petition: a popular petition confirms hundreds of
    signatures a second, and refreshing its document on each would make that one document row
    the hot row the tallies are split to avoid (and re-render it each time). The refresh
    reads the committed total, so it includes every confirmation before it; those after it
    are included by the next one, or by `signature_totals_announce` (`petitions_tick`).
    """
    gate = f"petitions:popularity-refreshed:{petition_id}"
    if at_once or cache.add(gate, True, timeout=POPULARITY_REFRESH_SECONDS):
        objects_changed("petitions.PetitionPage", [petition_id])


def signature_totals_announce(*, since) -> int:
    """Refresh the search documents of petitions with signatures counted on or after the day
    `since`: the catch-up behind `total_changed`'s window. Returns how many."""
    petition_ids = set(
        SignatureTally.objects.filter(day__gte=since).values_list("petition_id", flat=True)
    )
    objects_changed("petitions.PetitionPage", sorted(petition_ids))
    return len(petition_ids)


def tally_add(*, petition_id: int, district_id: int, day, delta: int) -> None:
    """Add `delta` to one tally row, inside the caller's transaction. The petition's total
    changes with it: search hears of it through `total_changed` (at once when it drops)."""
    total_changed(petition_id=petition_id, at_once=delta < 0)
    if delta > 0:
        # Every confirmation comes here: one upsert, the first of the day creating the row.
        with connection.cursor() as cursor:
            cursor.execute(TALLY_UPSERT, [petition_id, district_id, day, delta])
        return
    SignatureTally.objects.filter(petition_id=petition_id, district_id=district_id, day=day).update(
        count=F("count") + delta
    )


def network_hash(ip: str) -> str:
    return keyed_hash(ip_prefix(ip), purpose="petitions.network") if ip else ""


def is_signable(petition: PetitionPage, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        petition.state in SIGNABLE_STATES
        and petition.closed_at is None
        and (petition.closes_at is None or now < petition.closes_at)
    )


def _not_signable() -> PetitionError:
    return PetitionError(_("This petition is not taking signatures."), code="not_signable")


def _require_signable(petition: PetitionPage) -> None:
    if not is_signable(petition):
        raise _not_signable()


def _duplicate_error(petition_id: int, mailbox: str) -> PetitionError:
    existing = Signature.objects.filter(petition_id=petition_id, mailbox_hash=mailbox).first()
    if existing is not None and existing.confirmed_at is None and existing.invalidated_at is None:
        return PetitionError(
            _(
                "This email address has already signed this petition but has not confirmed "
                "yet. Please use the link in the email we sent."
            ),
            code="pending_duplicate",
        )
    return PetitionError(
        _("This email address has already signed this petition."), code="duplicate"
    )


def signature_create(
    *,
    petition_id: int,
    name: str,
    email: str,
    district,
    show_name: bool,
    ip: str = "",
    through_support_link: bool = False,
) -> Signature:
    """An unconfirmed signature; the email with the confirmation link goes out after commit.
    It counts only once confirmed (`signature_confirm`).

    The public form signs published petitions; the creator's share link (`through_support_link`)
    signs petitions still gathering supporters. Either way the petition must take signatures
    at the moment of the insert, which checks it itself."""
    from petitions.tasks import signature_confirmation_send

    try:
        validate_email(email.strip())
    except ValidationError:
        raise PetitionError(_("Enter a valid email address."), code="email") from None
    normalized = normalize_email(email)
    now = timezone.now()
    signature = Signature(
        petition_id=petition_id,
        name=name.strip(),
        email=email.strip(),
        normalized_email=normalized,
        # One HMAC in Python, inserted by the same statement: the signing path stays one INSERT.
        mailbox_hash=mailbox_hash(normalized),
        email_domain=email_domain(email),
        district=district,
        show_name=show_name,
        language=(translation.get_language() or "uk")[:2],
        ip_prefix_hash=network_hash(ip),
        created_at=now,
    )
    signature.full_clean(exclude=["petition", "district", "normalized_email", "mailbox_hash"])
    statement = _signature_insert_sql(
        SUPPORT_LINK_GATE if through_support_link else PUBLIC_GATE, connection.vendor
    )
    values = [
        field.get_db_prep_save(field.pre_save(signature, add=True), connection)
        for field in _SIGNATURE_FIELDS
    ]
    try:
        # A plain INSERT, without model signals: an unconfirmed signature changes nothing
        # that anyone reads (counts, search), and this is the busiest write of the site.
        # On its own it commits by itself; inside a caller's transaction, a savepoint keeps that
        # transaction usable after a duplicate.
        in_transaction = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with in_transaction, connection.cursor() as cursor:
            cursor.execute(
                statement, [*values, petition_id, connection.ops.adapt_datetimefield_value(now)]
            )
            row = cursor.fetchone()
    except IntegrityError:
        raise _duplicate_error(petition_id, signature.mailbox_hash) from None
    if row is None:
        raise _not_signable()
    signature.pk = row[0]
    signature._state.adding = False
    signature_id = signature.pk
    on_commit_robust(lambda: signature_confirmation_send.enqueue(signature_id=signature_id))
    return signature


def user_has_confirmed_email(user) -> bool:
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def signature_sign_as_user(
    *,
    petition: PetitionPage,
    user,
    name: str,
    district,
    show_name: bool,
    ip: str = "",
    is_creator: bool = False,
) -> Signature:
    """One click for a signed-in person whose email is confirmed: the signature counts at once."""
    from petitions.services.petitions import petition_check_thresholds

    if not user_has_confirmed_email(user):
        raise PetitionError(
            _("Please confirm your email address before signing."), code="unconfirmed"
        )
    _require_signable(petition)
    now = timezone.now()
    normalized = normalize_email(user.email)
    signature = Signature(
        petition=petition,
        name=name.strip(),
        email=user.email,
        normalized_email=normalized,
        mailbox_hash=mailbox_hash(normalized),
        email_domain=email_domain(user.email),
        district=district,
        show_name=show_name,
        user=user,
        is_creator=is_creator,
        language=(translation.get_language() or "uk")[:2],
        ip_prefix_hash=network_hash(ip),
        created_at=now,
        confirmed_at=now,
    )
    signature.full_clean(
        exclude=["petition", "district", "normalized_email", "mailbox_hash", "user"]
    )
    try:
        with transaction.atomic():
            signature.save()
            tally_add(
                petition_id=petition.pk,
                district_id=district.pk,
                day=timezone.localdate(now),
                delta=1,
            )
            on_commit_robust(lambda: petition_check_thresholds(petition_id=petition.pk))
    except IntegrityError:
        raise _duplicate_error(petition.pk, signature.mailbox_hash) from None
    return signature


@dataclass(frozen=True)
class Confirmation:
    petition_id: int
    petition_state: str
    newly_confirmed: bool


def signature_confirm(*, signature_id: int) -> Confirmation:
    """Count a signature whose email link was followed. Idempotent: only the first call counts."""
    from petitions.services.petitions import petition_check_thresholds

    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value(now)
    day = timezone.localdate(now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(CONFIRM_AND_COUNT, [at, signature_id, at, day])
            row = cursor.fetchone()
        if row is not None:
            # The statement committed on its own: telling search is already a follow-up.
            counted_in = row[0]
            on_commit_robust(lambda: total_changed(petition_id=counted_in))
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_CONFIRM_UPDATE, [at, signature_id, at])
            row = cursor.fetchone()
            if row is not None:
                tally_add(petition_id=row[0], district_id=row[1], day=day, delta=1)
    if row is None:
        return _unconfirmed(signature_id=signature_id)
    petition_id, _district_id, state = row
    # The signature counts whatever happens next: a failed check is logged, never answered as
    # an error (`petitions_tick` repeats it).
    on_commit_robust(lambda: petition_check_thresholds(petition_id=petition_id))
    return Confirmation(petition_id=petition_id, petition_state=state, newly_confirmed=True)


def _unconfirmed(*, signature_id: int) -> Confirmation:
    """Why a confirmation changed nothing: confirmed before (harmless), or not valid."""
    with connection.cursor() as cursor:
        cursor.execute(CONFIRM_READ, [signature_id])
        row = cursor.fetchone()
    if row is None:
        raise PetitionError(_("This confirmation link is no longer valid."), code="invalid_link")
    petition_id, state, confirmed, invalidated = row
    if invalidated:
        raise PetitionError(_("This confirmation link is no longer valid."), code="invalid_link")
    if confirmed:
        return Confirmation(petition_id=petition_id, petition_state=state, newly_confirmed=False)
    raise _not_signable()


@dataclass(frozen=True)
class Invalidation:
    invalidated: int
    uncounted: int


def signatures_invalidate(
    *,
    petition: PetitionPage,
    moderator,
    network: str = "",
    domain: str = "",
    since: datetime | None = None,
) -> Invalidation:
    """Invalidate every still-valid signature of `petition` from one network (keyed hash of its
    prefix) or one email domain, optionally only those made since a moment. Counts drop by
    exactly the confirmed signatures invalidated, per district and day."""
    if not moderator.has_perm("petitions.moderate_petition"):
        raise PetitionError(_("Only moderators can invalidate signatures."), code="forbidden")
    if not network and not domain:
        raise PetitionError(_("Choose a network or an email domain."), code="no_filter")
    chosen = Signature.objects.filter(petition=petition, invalidated_at__isnull=True)
    if network:
        chosen = chosen.filter(ip_prefix_hash=network)
    if domain:
        chosen = chosen.filter(email_domain=domain)
    if since is not None:
        chosen = chosen.filter(created_at__gte=since)
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            chosen.select_for_update()
            .order_by("pk")
            .values_list("pk", "district_id", "confirmed_at")
        )
        for start in range(0, len(rows), 1000):
            ids = [pk for pk, _district, _confirmed in rows[start : start + 1000]]
            Signature.objects.filter(pk__in=ids).update(invalidated_at=now)
        uncount = Counter(
            (district_id, timezone.localdate(confirmed_at))
            for _pk, district_id, confirmed_at in rows
            if confirmed_at is not None
        )
        for (district_id, day), number in sorted(uncount.items()):
            tally_add(petition_id=petition.pk, district_id=district_id, day=day, delta=-number)
    return Invalidation(invalidated=len(rows), uncounted=sum(uncount.values()))


def signature_unsubscribe(*, signature_id: int) -> bool:
    """Stop emails about this petition to this signer. True if anything changed."""
    return bool(
        Signature.objects.filter(pk=signature_id, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
    )
