"""Petitions, authorities and signatures for tests.

`petition_in(state)` builds a petition already in a state, with the fields that state implies,
so a test can start where its behaviour starts; moving between states is what the services do
and what the state tests exercise.
"""

from datetime import timedelta
from uuid import uuid4

from django.utils import timezone

import factory

from petitions.models import PetitionIndexPage, PetitionPage, Signature
from petitions.normalize import email_domain, normalize_email
from petitions.normalize import mailbox_hash as hash_of_mailbox
from petitions.states import PUBLIC_STATES, SUPPORT_STATES, State
from profiles.models import Organization
from tests.factories import UserFactory


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Департамент № {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    kind = Organization.Kind.MUNICIPAL_BODY
    is_verified = True
    authority_granted_at = factory.LazyFunction(timezone.now)


def index_page(home_page) -> PetitionIndexPage:
    index = PetitionIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = PetitionIndexPage(title="Петиції", slug="petitions", show_in_menus=True)
        home_page.add_child(instance=index)
    return index


def petition_in(
    state: str,
    *,
    index: PetitionIndexPage,
    authority: Organization | None = None,
    creator=None,
    title: str = "Облаштувати пішохідний перехід біля школи",
    response_threshold: int = 1000,
    hearing_threshold: int = 10_000,
    supporters_required: int = 5,
    district=None,
    **fields,
) -> PetitionPage:
    now = timezone.now()
    authority = authority or AuthorityFactory()
    creator = creator or UserFactory()
    published = state in PUBLIC_STATES and state != State.REJECTED
    values = {
        "submitted_at": None if state == State.DRAFT else now - timedelta(days=10),
        "opened_at": now - timedelta(days=5) if published else None,
        "closes_at": now + timedelta(days=150) if published else None,
        "response_threshold": response_threshold if published else None,
        "hearing_threshold": hearing_threshold if published else None,
    }
    if state in SUPPORT_STATES:  # submitted ten days ago, for a 30-day support period
        values["closes_at"] = now + timedelta(days=20)
    if state == State.AWAITING_MODERATION:
        values["moderation_requested_at"] = now - timedelta(days=1)
        values["moderation_deadline"] = now + timedelta(days=6)
    if state == State.EXPIRED:
        values["closes_at"] = now - timedelta(days=1)
    if state in (State.AWAITING_RESPONSE, State.RESPONDED):
        values["response_threshold_reached_at"] = now - timedelta(days=1)
        values["response_deadline"] = now + timedelta(days=29)
    if state in (State.CLOSED, State.REJECTED, State.HIDDEN, State.EXPIRED):
        values["closed_at"] = now - timedelta(days=1)
    if state == State.REJECTED:
        values["rejection_reason"] = "duplicate"
    values.update(fields)
    petition = PetitionPage(
        title=title,
        slug=f"t-{uuid4().hex[:12]}",
        background="Дітям небезпечно переходити дорогу.",
        scope="district" if district else "city",
        district=district,
        authority=authority,
        creator=creator,
        owner=creator,
        state=state,
        live=state in PUBLIC_STATES,
        supporters_required=supporters_required,
        **values,
    )
    index.add_child(instance=petition)
    petition.slug = str(petition.pk)
    petition.save()
    return petition


class SignatureFactory(factory.django.DjangoModelFactory):
    """An unconfirmed signature, as the sign form makes it (confirm it through the service)."""

    class Meta:
        model = Signature

    name = factory.Sequence(lambda n: f"Підписант {n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    normalized_email = factory.LazyAttribute(lambda s: normalize_email(s.email))
    mailbox_hash = factory.LazyAttribute(lambda s: hash_of_mailbox(s.normalized_email))
    email_domain = factory.LazyAttribute(lambda s: email_domain(s.email))
    created_at = factory.LazyFunction(timezone.now)
