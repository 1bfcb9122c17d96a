"""Verifying where a person lives: a registrar's decision on a request, or a one-time code sent
by post to their flat.

Registrar: a person asks (`residence_request_submit`), may withdraw while it waits; a registrar
approves (the residence attribute is granted) or rejects with a reason. Whatever happens, the
document the person attached is deleted as soon as the request is decided, and the person is
emailed the decision.

Postal letter: a person names their building and flat (`postal_letter_request`); staff print
letters in batches (`letter_batch_print`), each with a new random code that exists in clear
only in the PDF handed back; the person types the code within `PostalLetter.CODE_VALID_DAYS`
(`postal_code_verify`) and becomes a verified resident of the building. The flat number is
forgotten once the letter is done with (verified, expired or cancelled).
"""

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.pdf import html_to_pdf
from config.privacy import keyed_hash
from config.transactions import on_commit_robust
from profiles.storage import private_storage
from residents.errors import NotAllowed, ResidentsError, check_transition
from residents.models import (
    Building,
    LetterBatch,
    PostalLetter,
    ResidenceRequest,
    VerifiedAttribute,
)
from residents.services.attributes import attribute_grant, attribute_revoke

DECIDE_PERMISSION = "residents.decide_residencerequest"
PRINT_PERMISSION = "residents.print_letterbatch"
REVOKE_PERMISSION = "residents.revoke_verifiedattribute"

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# What a document's first bytes must be, and the extension it is then stored under: the name a
# browser sends is not trusted.
DOCUMENT_SIGNATURES = [(b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG", "png")]
DOCUMENT_FOLDER = "residents/requests/"

# Codes are read off paper and typed on a phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
# 26 symbols ** 8 ≈ 2·10¹¹, against 5 guesses per 10 minutes per person and per address.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
# Printed in the request that asks: about 0.15 s a page with WeasyPrint (100 letters in 15 s,
# 500 in 60 s, measured), so a batch stays well inside a worker's 30-second timeout.
MAX_BATCH_LETTERS = 100
# An attribute that stopped holding (expired or revoked) stays this long, so its person sees
# why and can renew, then `verified_attributes_purge` deletes it.
ATTRIBUTE_RETENTION_DAYS = 90

Kind = VerifiedAttribute.Kind
Source = VerifiedAttribute.Source
RequestState = ResidenceRequest.State
LetterState = PostalLetter.State

ATTRIBUTE_OF_REQUEST = {
    ResidenceRequest.Kind.DISTRICT: Kind.DISTRICT_RESIDENT,
    ResidenceRequest.Kind.BUILDING: Kind.BUILDING_RESIDENT,
}


def _check_perm(user, permission: str, message) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise NotAllowed(message, code="not_allowed")


def _language() -> str:
    return translation.get_language() or "uk"


def _document_extension(upload) -> str:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ResidentsError(_("The document is larger than 5 MB."), code="document_too_large")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, extension in DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            if extension != "pdf":
                from profiles.images import picture_check

                # The registrar opens it in a browser: no bomb of a bitmap, nothing unreadable.
                picture_check(upload)
            return extension
    raise ResidentsError(_("Attach a PDF, JPEG or PNG document."), code="document_type")


def _delete_file_after_commit(name: str) -> None:
    """The file goes once the decision is committed; should that fail, the daily housekeeping
    (`residence_documents_sweep`) deletes it, since no request names it any more."""
    if name:
        on_commit_robust(lambda: private_storage().delete(name))


def residence_request_submit(
    *,
    user,
    kind: str,
    district=None,
    building: Building | None = None,
    note: str = "",
    document=None,
) -> ResidenceRequest:
    """Ask a registrar to verify that `user` lives in `district` or in `building`. One request
    waits at a time; the document is optional and only the registrar sees it."""
    if kind not in ResidenceRequest.Kind.values:
        raise ResidentsError(_("Choose a district or a building."), code="bad_kind")
    if kind == ResidenceRequest.Kind.DISTRICT:
        building = None
        if district is None:
            raise ResidentsError(_("Choose your district."), code="no_district")
    else:
        district = None
        if building is None:
            raise ResidentsError(_("Choose your building."), code="no_building")
    note = (note or "").strip()
    if len(note) > 500:
        raise ResidentsError(_("The note is longer than 500 characters."), code="note_too_long")
    extension = _document_extension(document) if document else ""
    pending = ResidenceRequest.objects.filter(user=user, state=RequestState.PENDING)
    if pending.exists():
        raise ResidentsError(
            _("You already have a request waiting for a registrar."), code="already_pending"
        )
    residence_request = ResidenceRequest(
        user=user, kind=kind, district=district, building=building, note=note
    )
    if document:
        residence_request.document.save(f"{uuid.uuid4().hex}.{extension}", document, save=False)
    try:
        with transaction.atomic():
            residence_request.save()
    except IntegrityError:  # a second request submitted at the same moment
        if residence_request.document:
            private_storage().delete(residence_request.document.name)
        raise ResidentsError(
            _("You already have a request waiting for a registrar."), code="already_pending"
        ) from None
    return residence_request


def residence_request_withdraw(*, residence_request: ResidenceRequest, user) -> ResidenceRequest:
    """The person takes their waiting request back; its document is deleted."""
    if residence_request.user_id != user.pk:
        raise NotAllowed(_("This is not your request."), code="not_allowed")
    return _close_request(
        residence_request, target=RequestState.WITHDRAWN, decided_by=None, reason=""
    )


def residence_request_approve(
    *, residence_request: ResidenceRequest, registrar, reason: str = ""
) -> VerifiedAttribute:
    """The registrar checked: `user` lives where they said. Grants (or renews) the residence
    attribute with the registrar as its verifier; the document is deleted; the person is
    emailed."""
    _check_perm(registrar, DECIDE_PERMISSION, _("Only registrars decide residence requests."))
    with transaction.atomic():
        residence_request = _close_request(
            residence_request,
            target=RequestState.APPROVED,
            decided_by=registrar,
            reason=reason,
        )
        attribute = attribute_grant(
            user=residence_request.user,
            kind=ATTRIBUTE_OF_REQUEST[residence_request.kind],
            target=residence_request.district or residence_request.building,
            source=Source.REGISTRAR,
            verified_by=registrar,
        )
        _notify_decision(residence_request.pk)
    return attribute


def residence_request_reject(
    *, residence_request: ResidenceRequest, registrar, reason: str
) -> ResidenceRequest:
    """The registrar could not confirm the residence; the person reads `reason`."""
    _check_perm(registrar, DECIDE_PERMISSION, _("Only registrars decide residence requests."))
    if not (reason or "").strip():
        raise ResidentsError(_("Say why the request is rejected."), code="no_reason")
    with transaction.atomic():
        residence_request = _close_request(
            residence_request, target=RequestState.REJECTED, decided_by=registrar, reason=reason
        )
        _notify_decision(residence_request.pk)
    return residence_request


def _close_request(residence_request, *, target, decided_by, reason) -> ResidenceRequest:
    with transaction.atomic():
        residence_request = (
            ResidenceRequest.objects.select_for_update(of=("self",))
            .select_related("user", "district", "building")
            .get(pk=residence_request.pk)
        )
        check_transition(residence_request, target)
        document = residence_request.document.name
        residence_request.state = target
        residence_request.decided_at = timezone.now()
        residence_request.decided_by = decided_by
        residence_request.decision_reason = (reason or "").strip()[:2000]
        residence_request.document = ""
        residence_request.save(
            update_fields=["state", "decided_at", "decided_by", "decision_reason", "document"]
        )
        _delete_file_after_commit(document)
    return residence_request


def _notify_decision(request_id: int) -> None:
    from residents.tasks import residence_decision_notify

    language = _language()
    on_commit_robust(lambda: residence_decision_notify.enqueue(request_id, language))


def postal_letter_request(*, user, building: Building, flat: str) -> PostalLetter:
    """Ask for a letter with a code to be posted to `flat` of `building`. One letter is on its
    way at a time."""
    flat = " ".join((flat or "").split())
    if building is None or building.pk is None:
        raise ResidentsError(_("Choose your building."), code="no_building")
    if not flat:
        raise ResidentsError(_("Give your flat number."), code="no_flat")
    if len(flat) > 20:
        raise ResidentsError(_("The flat number is longer than 20 characters."), code="bad_flat")
    if PostalLetter.objects.filter(user=user, state__in=PostalLetter.OPEN_STATES).exists():
        raise ResidentsError(_("A letter is already on its way to you."), code="already_open")
    try:
        with transaction.atomic():
            return PostalLetter.objects.create(user=user, building=building, flat=flat)
    except IntegrityError:
        raise ResidentsError(
            _("A letter is already on its way to you."), code="already_open"
        ) from None


def _finish_letter(letter: PostalLetter, target: str, now=None) -> None:
    check_transition(letter, target)
    letter.state = target
    letter.flat = ""
    letter.code_hash = ""
    letter.finished_at = now or timezone.now()
    letter.save(update_fields=["state", "flat", "code_hash", "finished_at"])


def postal_letter_cancel(*, letter: PostalLetter, user) -> PostalLetter:
    """The person no longer wants the letter (or its code): it stops working, the flat is
    forgotten."""
    if letter.user_id != user.pk:
        raise NotAllowed(_("This is not your letter."), code="not_allowed")
    with transaction.atomic():
        letter = PostalLetter.objects.select_for_update().get(pk=letter.pk)
        _finish_letter(letter, LetterState.CANCELLED)
    return letter


def code_normalize(code: str) -> str:
    """What a person typed, as printed: capitals, without spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return keyed_hash(code_normalize(code), purpose="residents.postal_code")


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_display(code: str) -> str:
    """`ACDE-FGHJ`: two groups are easier to copy from paper."""
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class PrintedBatch:
    batch: LetterBatch
    pdf: bytes
    count: int


def letter_batch_print(*, staff, limit: int = MAX_BATCH_LETTERS) -> PrintedBatch:
    """Print the letters waiting (oldest first, at most `limit`): each gets a new code valid
    for `CODE_VALID_DAYS`, stored only as its keyed hash. The PDF (one A4 page a letter) is
    returned and never stored: if it is lost, `letter_batch_reprint` makes new codes."""
    _check_perm(staff, PRINT_PERMISSION, _("You may not print verification letters."))
    with transaction.atomic():
        letters = list(
            PostalLetter.objects.select_for_update(of=("self",))
            .filter(state=LetterState.REQUESTED)
            .select_related("building")
            .order_by("created_at", "pk")[: max(1, min(limit, MAX_BATCH_LETTERS))]
        )
        if not letters:
            raise ResidentsError(_("No letters are waiting to be printed."), code="nothing")
        batch = LetterBatch.objects.create(created_by=staff)
        pdf = _print(batch, letters)
    return PrintedBatch(batch=batch, pdf=pdf, count=len(letters))


def letter_batch_reprint(*, batch: LetterBatch, staff) -> PrintedBatch:
    """Print a batch again (the PDF was lost or damaged): the letters not yet used get new
    codes, and the codes printed before stop working."""
    _check_perm(staff, PRINT_PERMISSION, _("You may not print verification letters."))
    with transaction.atomic():
        letters = list(
            PostalLetter.objects.select_for_update(of=("self",))
            .filter(batch=batch, state=LetterState.PRINTED)
            .select_related("building")
            .order_by("created_at", "pk")
        )
        if not letters:
            raise ResidentsError(_("No letter of this batch is still waiting for its code."))
        pdf = _print(batch, letters)
    return PrintedBatch(batch=batch, pdf=pdf, count=len(letters))


def _print(batch: LetterBatch, letters: list[PostalLetter]) -> bytes:
    from profiles.emails import absolute_url

    now = timezone.now()
    expires = now + timedelta(days=PostalLetter.CODE_VALID_DAYS)
    pages = []
    for letter in letters:
        check_transition(letter, LetterState.PRINTED)
        code = _new_code()
        letter.code_hash = code_hash(code)
        letter.state = LetterState.PRINTED
        letter.batch = batch
        letter.printed_at = now
        letter.code_expires_at = expires
        pages.append({"letter": letter, "code": code_display(code)})
    PostalLetter.objects.bulk_update(
        letters, ["code_hash", "state", "batch", "printed_at", "code_expires_at"]
    )
    # Letters go to residents in the city's language, whoever prints them.
    with translation.override("uk"):
        html = render_to_string(
            "residents/letters_pdf.html",
            {
                "pages": pages,
                "city_name": _city_name(),
                "enter_url": absolute_url(reverse("residents:residence")),
                "valid_until": expires,
            },
        )
    return html_to_pdf(html=html)


def _city_name() -> str:
    from wagtail.models import Site

    from config.models import CitySettings

    site = Site.objects.filter(is_default_site=True).first()
    return (CitySettings.for_site(site) if site else CitySettings()).city_name


def postal_code_verify(*, user, code: str) -> VerifiedAttribute:
    """The person typed the code from their letter: if it is the one printed for them and
    still valid, they are a verified resident of the building, and the flat is forgotten. A
    code past its validity is refused and its letter expires. (Wrong codes are rate limited
    by the view; the comparison is in constant time.)"""
    now = timezone.now()
    letter = (
        PostalLetter.objects.filter(user=user, state=LetterState.PRINTED)
        .select_related("building")
        .first()
    )
    if letter is None:
        raise ResidentsError(_("No letter with a code is on its way to you."), code="no_letter")
    if letter.code_expires_at is None or letter.code_expires_at <= now:
        with transaction.atomic():
            letter = PostalLetter.objects.select_for_update().get(pk=letter.pk)
            if letter.state == LetterState.PRINTED:
                _finish_letter(letter, LetterState.EXPIRED, now)
        raise ResidentsError(
            _(
                "This code is more than %(days)s days old and no longer works. "
                "Ask for a new letter."
            ),
            params={"days": PostalLetter.CODE_VALID_DAYS},
            code="code_expired",
        )
    typed = code_hash(code)
    if not code_normalize(code) or not hmac.compare_digest(letter.code_hash, typed):
        raise ResidentsError(_("This is not the code of your letter."), code="wrong_code")
    with transaction.atomic():
        letter = PostalLetter.objects.select_for_update().get(pk=letter.pk)
        if letter.state != LetterState.PRINTED or not hmac.compare_digest(
            letter.code_hash, typed
        ):  # printed again or used meanwhile
            raise ResidentsError(_("This is not the code of your letter."), code="wrong_code")
        _finish_letter(letter, LetterState.VERIFIED, now)
        return attribute_grant(
            user=user,
            kind=Kind.BUILDING_RESIDENT,
            target=letter.building,
            source=Source.POSTAL_CODE,
        )


def verified_attribute_revoke(*, attribute: VerifiedAttribute, staff, reason: str):
    """Staff revoke an attribute (it was obtained by mistake or by deceit, the person moved…);
    the person is emailed the reason."""
    _check_perm(staff, REVOKE_PERMISSION, _("You may not revoke verified attributes."))
    was_revoked = attribute.revoked_at is not None
    with transaction.atomic():
        attribute = attribute_revoke(attribute=attribute, by=staff, reason=reason)
        if not was_revoked:
            from residents.tasks import attribute_revoked_notify

            language = _language()
            on_commit_robust(lambda: attribute_revoked_notify.enqueue(attribute.pk, language))
    return attribute


def postal_letters_expire(*, now=None) -> int:
    """Letters whose code is past its validity expire, and their flat is forgotten."""
    now = now or timezone.now()
    count = 0
    due = PostalLetter.objects.filter(state=LetterState.PRINTED, code_expires_at__lte=now)
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            letter = PostalLetter.objects.select_for_update().get(pk=pk)
            if letter.state == LetterState.PRINTED and letter.code_expires_at <= now:
                _finish_letter(letter, LetterState.EXPIRED, now)
                count += 1
    return count


def residence_requests_purge(*, now=None) -> int:
    """Decided requests older than `ResidenceRequest.RETENTION_DAYS` are deleted (the
    attribute an approval made stays on its own)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=ResidenceRequest.RETENTION_DAYS)
    old = ResidenceRequest.objects.exclude(state=RequestState.PENDING).filter(decided_at__lt=cutoff)
    documents = [name for name in old.values_list("document", flat=True) if name]
    with transaction.atomic():
        count, _deleted = old.delete()
        for name in documents:
            _delete_file_after_commit(name)
    return count


def verified_attributes_purge(*, now=None) -> int:
    """Attributes that stopped holding more than `ATTRIBUTE_RETENTION_DAYS` ago (expired, or
    revoked, whichever came first) are deleted. Until then the person sees them, marked
    expired or revoked with the reason, and can renew; after that nothing is kept of them."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=ATTRIBUTE_RETENTION_DAYS)
    lapsed = VerifiedAttribute.objects.filter(Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff))
    with transaction.atomic():
        count, _deleted = lapsed.delete()
    return count


def residence_documents_sweep(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Delete uploaded documents no waiting request names: those whose deletion after a
    decision failed. Files younger than `older_than` are left alone (their request may be
    being written right now)."""
    storage = private_storage()
    folder = DOCUMENT_FOLDER.rstrip("/")
    if not storage.exists(folder):
        return 0
    _dirs, files = storage.listdir(folder)
    named = set(
        ResidenceRequest.objects.filter(Q(state=RequestState.PENDING), ~Q(document="")).values_list(
            "document", flat=True
        )
    )
    cutoff = timezone.now() - older_than
    count = 0
    for filename in files:
        name = f"{folder}/{filename}"
        if name in named or storage.get_modified_time(name) > cutoff:
            continue
        storage.delete(name)
        count += 1
    return count
