from residents.models.attributes import VerifiedAttribute
from residents.models.audiences import Audience
from residents.models.buildings import Building, Ownership, Unit
from residents.models.verification import LetterBatch, PostalLetter, ResidenceRequest

__all__ = [
    "Audience",
    "Building",
    "LetterBatch",
    "Ownership",
    "PostalLetter",
    "ResidenceRequest",
    "Unit",
    "VerifiedAttribute",
]
