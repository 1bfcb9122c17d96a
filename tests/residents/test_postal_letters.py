"""Verification by post: a person names their building and flat, staff print a batch of
letters (one PDF page a letter, the code only on paper), the person types the code within 30
days; wrong codes are limited to 5 per 10 minutes, per person and per address."""

import io
import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from profiles.models import PersonalDataAccess
from residents.errors import NotAllowed, ResidentsError
from residents.models import LetterBatch, PostalLetter, VerifiedAttribute
from residents.services.verification import (
    CODE_ALPHABET,
    code_hash,
    letter_batch_print,
    letter_batch_reprint,
    postal_code_verify,
    postal_letter_cancel,
    postal_letter_request,
    postal_letters_expire,
)
from tests.factories import UserFactory
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db

HOME = "residents:residence"
CODE = re.compile(rf"\b([{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}})\b")


@pytest.fixture
def person(db):
    return profiled_user(display_name="Тарас Мешканець", email="letter@example.org")


@pytest.fixture
def printer(db):
    user = UserFactory(email="printer@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Registrars"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def clerk(db):
    user = UserFactory(email="clerk@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return type(user).objects.get(pk=user.pk)


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def code_on(page_text: str) -> str:
    return CODE.search(page_text).group(1)


def printed_code(person, building, printer, flat="12") -> str:
    postal_letter_request(user=person, building=building, flat=flat)
    return code_on(pages_of(letter_batch_print(staff=printer).pdf)[0])


def enter(client, code, **extra):
    return client.post(reverse("residents:residence_code"), {"code": code}, **extra)


def test_letters_are_printed_one_page_each_and_the_code_verifies(client, person, building, printer):
    others = [profiled_user(email=f"neighbour{i}@example.org") for i in range(2)]
    client.force_login(person)
    response = client.post(
        reverse("residents:residence_letter"), {"building": building.pk, "flat": " 12 "}
    )
    assert response.status_code == 302
    for i, other in enumerate(others):
        postal_letter_request(user=other, building=building, flat=str(20 + i))

    client.force_login(printer)
    listing = client.get(reverse("residents_admin:letters"))
    assert listing.status_code == 200
    assert PersonalDataAccess.objects.filter(staff=printer).count() == 3
    response = client.post(reverse("residents_admin:letters_print"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = pages_of(response.content)
    assert len(pages) == 3
    mine = next(p for p in pages if "12" in p and building.address in p)
    assert person.display_name not in "".join(pages)  # addressed to the flat, not the person
    code = code_on(mine)

    letter = PostalLetter.objects.get(user=person)
    assert letter.state == PostalLetter.State.PRINTED
    assert letter.flat == "12"
    assert letter.batch == LetterBatch.objects.get()
    assert code not in letter.code_hash and letter.code_hash == code_hash(code)
    assert letter.code_expires_at - letter.printed_at == timedelta(days=30)

    client.force_login(person)
    response = enter(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == PostalLetter.State.VERIFIED
    assert letter.flat == "" and letter.code_hash == ""
    attribute = VerifiedAttribute.objects.get(user=person)
    assert attribute.kind == VerifiedAttribute.Kind.BUILDING_RESIDENT
    assert attribute.building == building
    assert attribute.source == VerifiedAttribute.Source.POSTAL_CODE
    assert attribute.is_valid()
    # The code works once.
    with pytest.raises(ResidentsError):
        postal_code_verify(user=person, code=code)


def test_a_wrong_code_is_refused_and_the_sixth_attempt_within_ten_minutes_is_limited(
    client, person, building, printer
):
    code = printed_code(person, building, printer)
    wrong = "AAAA-AAAA" if code != "AAAA-AAAA" else "CCCC-CCCC"
    client.force_login(person)
    for _ in range(5):
        response = enter(client, wrong)
        assert response.status_code == 400
        assert b'id="id_code_error"' in response.content
    response = enter(client, code)  # even the right one, until the ten minutes pass
    assert response.status_code == 429
    assert not VerifiedAttribute.objects.filter(user=person).exists()
    assert PostalLetter.objects.get(user=person).state == PostalLetter.State.PRINTED


def test_wrong_codes_are_counted_per_address_across_accounts(client, building, printer):
    people = [profiled_user(email=f"flatmate{i}@example.org") for i in range(2)]
    codes = [printed_code(p, building, printer, flat=str(i + 1)) for i, p in enumerate(people)]
    client.force_login(people[0])
    for _ in range(5):
        assert enter(client, "AAAA-AAAA", REMOTE_ADDR="203.0.113.7").status_code == 400
    client.force_login(people[1])
    assert enter(client, codes[1], REMOTE_ADDR="203.0.113.7").status_code == 429
    assert enter(client, codes[1], REMOTE_ADDR="198.51.100.9").status_code == 302


def test_a_right_code_does_not_count_against_the_limit(client, person, building, printer):
    code = printed_code(person, building, printer)
    client.force_login(person)
    for _ in range(4):
        enter(client, "AAAA-AAAA")
    assert enter(client, code).status_code == 302


def test_a_code_older_than_thirty_days_is_refused_and_the_letter_expires(
    client, person, building, printer
):
    code = printed_code(person, building, printer)
    PostalLetter.objects.filter(user=person).update(
        code_expires_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(person)
    response = enter(client, code)
    assert response.status_code == 400
    letter = PostalLetter.objects.get(user=person)
    assert letter.state == PostalLetter.State.EXPIRED
    assert letter.flat == ""
    assert not VerifiedAttribute.objects.filter(user=person).exists()
    # A new letter may be asked for at once.
    postal_letter_request(user=person, building=building, flat="12")


def test_housekeeping_expires_letters_and_forgets_the_flat(person, building, printer):
    printed_code(person, building, printer)
    waiting = profiled_user(email="waiting@example.org")
    postal_letter_request(user=waiting, building=building, flat="7")
    assert postal_letters_expire(now=timezone.now() + timedelta(days=29)) == 0
    assert postal_letters_expire(now=timezone.now() + timedelta(days=31)) == 1
    letter = PostalLetter.objects.get(user=person)
    assert (letter.state, letter.flat, letter.code_hash) == (PostalLetter.State.EXPIRED, "", "")
    untouched = PostalLetter.objects.get(user=waiting)
    assert (untouched.state, untouched.flat) == (PostalLetter.State.REQUESTED, "7")


def test_the_person_cancels_the_letter_and_its_code_stops_working(
    client, person, building, printer
):
    code = printed_code(person, building, printer)
    letter = PostalLetter.objects.get(user=person)
    client.force_login(person)
    response = client.post(reverse("residents:residence_letter_cancel", args=[letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.state, letter.flat) == (PostalLetter.State.CANCELLED, "")
    with pytest.raises(ResidentsError) as refused:
        postal_code_verify(user=person, code=code)
    assert refused.value.code == "no_letter"


def test_someone_else_cannot_cancel_my_letter(client, person, building):
    letter = postal_letter_request(user=person, building=building, flat="3")
    other = profiled_user(email="other@example.org")
    client.force_login(other)
    assert (
        client.post(reverse("residents:residence_letter_cancel", args=[letter.pk])).status_code
        == 404
    )
    with pytest.raises(NotAllowed):
        postal_letter_cancel(letter=letter, user=other)


def test_one_letter_at_a_time(client, person, building):
    postal_letter_request(user=person, building=building, flat="3")
    with pytest.raises(ResidentsError):
        postal_letter_request(user=person, building=building, flat="4")
    client.force_login(person)
    response = client.post(
        reverse("residents:residence_letter"), {"building": building.pk, "flat": "4"}
    )
    assert response.status_code == 400
    assert PostalLetter.objects.filter(user=person).count() == 1


def test_a_flat_is_required(client, person, building):
    client.force_login(person)
    response = client.post(reverse("residents:residence_letter"), {"building": building.pk})
    assert response.status_code == 400
    assert not PostalLetter.objects.exists()


def test_printing_again_makes_new_codes_and_the_old_ones_stop_working(person, building, printer):
    old = printed_code(person, building, printer)
    batch = LetterBatch.objects.get()
    new = code_on(pages_of(letter_batch_reprint(batch=batch, staff=printer).pdf)[0])
    with pytest.raises(ResidentsError):
        postal_code_verify(user=person, code=old)
    assert postal_code_verify(user=person, code=new).building == building


def test_nothing_to_print_is_a_message_not_an_empty_pdf(client, printer):
    client.force_login(printer)
    response = client.post(reverse("residents_admin:letters_print"))
    assert response.status_code == 302
    assert not LetterBatch.objects.exists()


def test_only_staff_with_the_permission_print(client, person, building, clerk):
    postal_letter_request(user=person, building=building, flat="5")
    with pytest.raises(NotAllowed):
        letter_batch_print(staff=clerk)
    with pytest.raises(NotAllowed):
        letter_batch_print(staff=person)
    client.force_login(clerk)
    assert client.get(reverse("residents_admin:letters")).status_code in (302, 403)
    response = client.post(reverse("residents_admin:letters_print"))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"
    assert PostalLetter.objects.get().state == PostalLetter.State.REQUESTED
    assert not PersonalDataAccess.objects.exists()


def test_a_batch_takes_the_oldest_letters_up_to_its_size(building, printer):
    people = [profiled_user(email=f"queue{i}@example.org") for i in range(3)]
    letters = [
        postal_letter_request(user=p, building=building, flat=str(i)) for i, p in enumerate(people)
    ]
    printed = letter_batch_print(staff=printer, limit=2)
    assert printed.count == 2 and len(pages_of(printed.pdf)) == 2
    states = {letter.pk: letter.state for letter in PostalLetter.objects.all()}
    assert [states[letter.pk] for letter in letters] == ["printed", "printed", "requested"]
