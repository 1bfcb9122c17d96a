"""What the petitions app stores about a person (the contract is in `profiles.data_rights`).

Signatures are matched by account and by every confirmed email address of the account
(normalised as signatures are), because most people sign without signing in. Unconfirmed
addresses never match: anyone can add another person's address to their account. Erasure
blanks each signature's name, email, network hash and account link; the row stays, so every
count stays exact.
Petitions a person started and responses they wrote are public contributions: they stay,
credited to the account, which then shows as "Former participant".
"""

from django.db.models import Q

from petitions.models import PetitionPage, PetitionResponse, Signature
from petitions.normalize import normalize_email
from petitions.services import signatures_erase
from profiles.selectors import verified_emails_of

MODELS = ["petitions.Signature", "petitions.PetitionPage", "petitions.PetitionResponse"]


def _mailboxes(user) -> set[str]:
    return {normalize_email(address) for address in verified_emails_of(user)}


def _signatures(user):
    return Signature.objects.filter(Q(user=user) | Q(normalized_email__in=_mailboxes(user)))


def export_for(user) -> dict:
    signatures = _signatures(user).select_related("petition", "district").order_by("pk")
    return {
        "signatures": [
            {
                "petition": s.petition.title,
                "petition_id": s.petition_id,
                "name": s.name,
                "email": s.email,
                "district": s.district.name_uk,
                "show_name": s.show_name,
                "signed_at": s.created_at,
                "confirmed_at": s.confirmed_at,
                "invalidated_at": s.invalidated_at,
                "unsubscribed_at": s.unsubscribed_at,
                "response_emailed_at": s.notified_at,
                "language": s.language,
            }
            for s in signatures
        ],
        "petitions_started": [
            {
                "id": p.pk,
                "title": p.title,
                "background": p.background,
                "additional_details": p.additional_details,
                "state": p.state,
                "submitted_at": p.submitted_at,
                "opened_at": p.opened_at,
            }
            for p in PetitionPage.objects.filter(creator=user).order_by("pk")
        ],
        "responses_written": [
            {"petition_id": r.petition_id, "summary": r.summary, "published_at": r.published_at}
            for r in PetitionResponse.objects.filter(author=user).order_by("pk")
        ],
        "petitions_moderated": list(
            PetitionPage.objects.filter(moderated_by=user)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    }


def erase_for(user) -> None:
    signatures_erase(signatures=_signatures(user))
