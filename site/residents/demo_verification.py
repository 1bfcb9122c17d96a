"""The registrar's and the post's work in progress in the demo city.

- A registrar, `registrar@spilno.localhost` (password `config.demo.DEMO_PASSWORD`), in the
  Registrars group: the queue, the letters and the attributes in the admin are theirs.
- Residents 099–104 have requests waiting in the registrar's queue (every other one with a
  small document attached); 105–108 had theirs decided (two approved, one rejected with a
  reason, one withdrawn).
- Residents 109–116 were sent letters in a printed batch (their codes were never kept: nobody
  knows them, as in real life once the letters are posted); 117–120 wait for the next batch.

Idempotent: once the registrar has a request in the queue, nothing is done again.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from config.demo import DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District
from profiles.demo import demo_users
from residents.models import (
    Building,
    LetterBatch,
    PostalLetter,
    ResidenceRequest,
    VerifiedAttribute,
)
from residents.services.attributes import attribute_grant
from residents.services.verification import (
    letter_batch_print,
    postal_letter_request,
    residence_request_submit,
)

REGISTRAR_EMAIL = "registrar@spilno.localhost"
FIRST_RESIDENT = 99  # resident099 … resident120: citizens no other demo step gives a role
NOTES = [
    "Живу тут з 2019 року, договір оренди додаю.",
    "Прописка в паспорті старого зразка; можу показати особисто.",
    "Квартира належить батькам, я тут живу постійно.",
    "",
]
# A tiny, well-formed one-page PDF: a stand-in for a scanned utility bill.
DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(*, progress: Progress) -> None:
    registrar = seed_registrar()
    if ResidenceRequest.objects.exists() or LetterBatch.objects.exists():
        return
    people = list(demo_users())[FIRST_RESIDENT - 1 :]
    districts = list(District.objects.order_by("sort_order", "pk"))
    buildings = list(Building.objects.order_by("pk")[:200])
    if len(people) < 22 or not districts:
        return
    rng = demo_random("residents.verification")
    steps = [
        (
            "residents: requests waiting",
            lambda: seed_pending(people[0:6], districts, buildings, rng),
        ),
        (
            "residents: requests decided",
            lambda: seed_decided(people[6:10], districts, registrar, rng),
        ),
        (
            "residents: letters",
            lambda: seed_letters(people[10:18], people[18:22], buildings, registrar, rng),
        ),
    ]
    for _label, step in progress.iterate("residents: verification", steps):
        with transaction.atomic():
            step()


def seed_registrar():
    user, created = get_user_model().objects.get_or_create(
        email=REGISTRAR_EMAIL, defaults={"is_staff": True, "first_name": "Реєстратор"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name="Registrars"))
    verify_emails([user])
    return get_user_model().objects.get(pk=user.pk)


def seed_pending(people, districts, buildings, rng) -> None:
    for index, person in enumerate(people):
        by_building = bool(buildings) and index % 3 == 2
        residence_request_submit(
            user=person,
            kind=ResidenceRequest.Kind.BUILDING if by_building else ResidenceRequest.Kind.DISTRICT,
            district=None if by_building else rng.choice(districts),
            building=rng.choice(buildings) if by_building else None,
            note=NOTES[index % len(NOTES)],
            document=SimpleUploadedFile("bill.pdf", DOCUMENT) if index % 2 == 0 else None,
        )


def seed_decided(people, districts, registrar, rng) -> None:
    """Decisions as a registrar made them (rows and attributes written directly: the demo
    sends nobody an email)."""
    now = timezone.now()
    outcomes = [
        (ResidenceRequest.State.APPROVED, "", registrar),
        (ResidenceRequest.State.APPROVED, "Договір оренди перевірено.", registrar),
        (ResidenceRequest.State.REJECTED, "Адреса в документі не збігається з районом.", registrar),
        (ResidenceRequest.State.WITHDRAWN, "", None),
    ]
    for days_ago, (person, (state, reason, decided_by)) in enumerate(
        zip(people, outcomes, strict=True), start=3
    ):
        district = rng.choice(districts)
        ResidenceRequest.objects.create(
            user=person,
            kind=ResidenceRequest.Kind.DISTRICT,
            district=district,
            state=state,
            decided_at=now - timedelta(days=days_ago),
            decided_by=decided_by,
            decision_reason=reason,
        )
        if state == ResidenceRequest.State.APPROVED:
            attribute_grant(
                user=person,
                kind=VerifiedAttribute.Kind.DISTRICT_RESIDENT,
                target=district,
                source=VerifiedAttribute.Source.REGISTRAR,
                verified_by=registrar,
            )


def seed_letters(printed, waiting, buildings, registrar, rng) -> None:
    if not buildings:
        return
    for person in printed:
        postal_letter_request(
            user=person, building=rng.choice(buildings), flat=str(rng.randint(1, 120))
        )
    # Printed through the real path; the PDF, the only place the codes were, is dropped.
    batch = letter_batch_print(staff=registrar).batch
    printed_at = timezone.now() - timedelta(days=4)
    LetterBatch.objects.filter(pk=batch.pk).update(created_at=printed_at)
    PostalLetter.objects.filter(batch=batch).update(
        printed_at=printed_at,
        code_expires_at=printed_at + timedelta(days=PostalLetter.CODE_VALID_DAYS),
    )
    for person in waiting:
        postal_letter_request(
            user=person, building=rng.choice(buildings), flat=str(rng.randint(1, 120))
        )
