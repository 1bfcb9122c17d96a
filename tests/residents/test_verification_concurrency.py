"""Verification steps taken at the same moment never count twice: a decision and a withdrawal
of one request, one code typed twice, two batches printed at once. Row locks decide; the
thread tests need PostgreSQL (SQLite writes one at a time)."""

import io

from django.contrib.auth.models import Permission

import pytest
from pypdf import PdfReader

from residents.errors import ResidentsError
from residents.models import PostalLetter, ResidenceRequest, VerifiedAttribute
from residents.services.verification import (
    letter_batch_print,
    postal_code_verify,
    postal_letter_request,
    residence_request_approve,
    residence_request_submit,
    residence_request_withdraw,
)
from tests.factories import UserFactory
from tests.profiles.test_concurrency import all_at_once
from tests.residents.test_postal_letters import CODE

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registrar_staff(db):
    # Permissions, not the Registrars group: a committing test's flush removes what data
    # migrations made, and the group comes back only after the test.
    user = UserFactory(email="registrar-perms@example.org", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="residents",
            codename__in=["decide_residencerequest", "print_letterbatch"],
        )
    )
    return type(user).objects.get(pk=user.pk)


def test_a_decision_and_a_withdrawal_at_once_one_wins(on_postgres, district, registrar_staff):
    person = UserFactory(email="racer@example.org")
    residence_request = residence_request_submit(user=person, kind="district", district=district)

    results, errors = all_at_once(
        [
            lambda: residence_request_approve(
                residence_request=residence_request, registrar=registrar_staff
            ),
            lambda: residence_request_withdraw(residence_request=residence_request, user=person),
        ]
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ResidentsError)
    residence_request.refresh_from_db()
    approved = residence_request.state == ResidenceRequest.State.APPROVED
    assert VerifiedAttribute.objects.filter(user=person).exists() == approved


def test_one_code_typed_twice_at_once_verifies_once(on_postgres, building, registrar_staff):
    person = UserFactory(email="twice@example.org")
    postal_letter_request(user=person, building=building, flat="8")
    pdf = letter_batch_print(staff=registrar_staff).pdf
    code = CODE.search(PdfReader(io.BytesIO(pdf)).pages[0].extract_text()).group(1)

    results, errors = all_at_once([lambda: postal_code_verify(user=person, code=code)] * 2)

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ResidentsError)
    assert PostalLetter.objects.get(user=person).state == PostalLetter.State.VERIFIED
    assert VerifiedAttribute.objects.filter(user=person).count() == 1


def test_two_batches_printed_at_once_print_each_letter_once(on_postgres, building, registrar_staff):
    for i in range(6):
        postal_letter_request(
            user=UserFactory(email=f"batch{i}@example.org"), building=building, flat=str(i)
        )

    results, errors = all_at_once([lambda: letter_batch_print(staff=registrar_staff)] * 2)

    printed = sum(result.count for result in results)
    assert printed == 6
    assert all(isinstance(error, ResidentsError) for error in errors)
    letters = PostalLetter.objects.all()
    assert {letter.state for letter in letters} == {PostalLetter.State.PRINTED}
    for result in results:
        assert len(PdfReader(io.BytesIO(result.pdf)).pages) == result.count
        assert letters.filter(batch=result.batch).count() == result.count
