from petitions.models.pages import PetitionIndexPage, PetitionPage
from petitions.models.settings import PetitionSettings
from petitions.models.signatures import PetitionResponse, Signature, SignatureTally

__all__ = [
    "PetitionIndexPage",
    "PetitionPage",
    "PetitionResponse",
    "PetitionSettings",
    "Signature",
    "SignatureTally",
]
