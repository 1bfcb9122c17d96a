"""The demo city's verification work in progress: requests in the registrar's queue (some with
a document), decided requests, a printed letter batch and letters waiting for the next one."""

import io

import pytest

from config.demo import Progress
from profiles.demo import resident_email
from residents import demo_verification
from residents.models import LetterBatch, PostalLetter, ResidenceRequest, VerifiedAttribute
from tests.factories import UserFactory
from tests.residents.factories import building_with_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(district):
    building_with_units(district=district, address="вул. Демо, 1", units=2)
    return [UserFactory(email=resident_email(n)) for n in range(1, 121)]


def seed():
    demo_verification.seed(progress=Progress(stream=io.StringIO(), enabled=False))


def test_the_demo_fills_the_queue_and_the_letters_once(demo_people):
    seed()
    pending = ResidenceRequest.objects.filter(state=ResidenceRequest.State.PENDING)
    assert pending.count() == 6
    assert sum(1 for r in pending if r.document) == 3
    assert ResidenceRequest.objects.exclude(state=ResidenceRequest.State.PENDING).count() == 4
    assert VerifiedAttribute.objects.filter(source="registrar").count() == 2
    batch = LetterBatch.objects.get()
    assert batch.letters.filter(state=PostalLetter.State.PRINTED).count() == 8
    assert all(letter.code_hash for letter in batch.letters.all())
    assert PostalLetter.objects.filter(state=PostalLetter.State.REQUESTED).count() == 4
    assert batch.created_by.groups.filter(name="Registrars").exists()

    seed()  # idempotent
    assert ResidenceRequest.objects.count() == 10
    assert PostalLetter.objects.count() == 12
    assert LetterBatch.objects.count() == 1
