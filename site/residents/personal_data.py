"""What the residents app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

Erasure removes every attribute the person held (residence, co-ownership, profession,
membership), their residence requests (with any document still attached) and their postal
letters (with the flat number). A co-ownership stays in the building's register, because the
share of the unit is the building's fact and weighted votes depend on it, but it no longer
names anyone: the account link, any invitation address and token go. Register entries that
still only carry the person's email address (an invitation they never accepted) are matched by
that address and lose it too. Where the person acted as staff (a registrar's decision, a
letter batch they printed, an attribute they verified or revoked), the record stays and the
link to them is cut.

Retention, while the account exists: a residence holds `RESIDENCE_VALID_DAYS` (365) days and
then counts for nothing until it is verified again; a decided residence request is deleted
after `ResidenceRequest.RETENTION_DAYS` (90) days and its document as soon as it is decided; a
postal letter's flat number is forgotten once the letter is verified, expired or cancelled, its
code `PostalLetter.CODE_VALID_DAYS` (30) days after printing; an invitation's email address is
forgotten when the co-owner accepts. An attribute that stopped holding (expired, or revoked:
by staff, or because its source went, such as a share removed from the building register,
which leaves the attribute without its ownership but with the building and the reason) is
kept `ATTRIBUTE_RETENTION_DAYS` (90) days for its holder to see why, then deleted.
"""

from django.db import transaction
from django.db.models import Q

from residents.models import (
    LetterBatch,
    Ownership,
    PostalLetter,
    ResidenceRequest,
    VerifiedAttribute,
)

MODELS = [
    "residents.VerifiedAttribute",
    "residents.ResidenceRequest",
    "residents.LetterBatch",
    "residents.PostalLetter",
    "residents.Ownership",
]


def _ownerships(user):
    mine = Q(user=user)
    if user.email:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return Ownership.objects.filter(mine)


def export_for(user) -> dict:
    attributes = VerifiedAttribute.objects.filter(user=user).select_related(
        "district", "building", "ownership__unit", "competency", "organization"
    )
    requests = ResidenceRequest.objects.filter(user=user).select_related("district", "building")
    letters = PostalLetter.objects.filter(user=user).select_related("building")
    return {
        "verified_attributes": [
            {
                "kind": attribute.kind,
                "about": str(attribute.target),
                "source": attribute.source,
                "verified_at": attribute.verified_at,
                "expires_at": attribute.expires_at,
                "revoked_at": attribute.revoked_at,
                "reason_for_revocation": attribute.revocation_reason,
            }
            for attribute in attributes
        ],
        "residence_requests": [
            {
                "kind": request.kind,
                "district": request.district.name_uk if request.district else None,
                "building": request.building.address if request.building else None,
                "note": request.note,
                "document_attached": bool(request.document),
                "state": request.state,
                "submitted_at": request.created_at,
                "decided_at": request.decided_at,
                "reason_given": request.decision_reason,
            }
            for request in requests
        ],
        "postal_letters": [
            {
                "building": letter.building.address,
                "flat": letter.flat,
                "state": letter.state,
                "requested_at": letter.created_at,
                "printed_at": letter.printed_at,
                "code_valid_until": letter.code_expires_at,
                "finished_at": letter.finished_at,
            }
            for letter in letters
        ],
        "co_ownerships": [
            {
                "building": ownership.unit.building.address,
                "unit": ownership.unit.number,
                "share": f"{ownership.share_numerator}/{ownership.share_denominator}",
                "invitation_address": ownership.email,
                "invited_at": ownership.invited_at,
                "accepted_at": ownership.accepted_at,
            }
            for ownership in _ownerships(user).select_related("unit__building")
        ],
        "as_staff": {
            "letter_batches_printed": list(
                LetterBatch.objects.filter(created_by=user).values_list("created_at", flat=True)
            ),
            "residence_requests_decided": ResidenceRequest.objects.filter(decided_by=user).count(),
            "attributes_verified": VerifiedAttribute.objects.filter(verified_by=user).count(),
            "attributes_revoked": VerifiedAttribute.objects.filter(revoked_by=user).count(),
        },
    }


def files_for(user) -> list[tuple[str, bytes]]:
    """Documents still attached to pending requests (decided ones are deleted already)."""
    files = []
    for request in ResidenceRequest.objects.filter(user=user).exclude(document=""):
        try:
            with request.document.open("rb") as document:
                name = request.document.name.rsplit("/", 1)[-1]
                files.append((f"residence_requests/{request.pk}-{name}", document.read()))
        except OSError:
            continue
    return files


def erase_for(user) -> None:
    with transaction.atomic():
        VerifiedAttribute.objects.filter(verified_by=user).update(verified_by=None)
        VerifiedAttribute.objects.filter(revoked_by=user).update(revoked_by=None)
        VerifiedAttribute.objects.filter(user=user).delete()
        ResidenceRequest.objects.filter(decided_by=user).update(decided_by=None)
        for request in ResidenceRequest.objects.filter(user=user).exclude(document=""):
            storage, name = request.document.storage, request.document.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        ResidenceRequest.objects.filter(user=user).delete()
        PostalLetter.objects.filter(user=user).delete()
        LetterBatch.objects.filter(created_by=user).update(created_by=None)
        _ownerships(user).update(user=None, email="", invitation_token_hash="")
