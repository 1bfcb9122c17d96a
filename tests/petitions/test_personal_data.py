"""Download my data / delete my account: what petitions holds about a person."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from allauth.account.models import EmailAddress

from petitions import personal_data, services
from petitions.models import PetitionPage, Signature
from profiles.data_rights import erase_everywhere
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory


def test_the_export_has_signatures_made_with_the_accounts_address_even_without_signing_in(
    open_petition, districts
):
    user = UserFactory(email="maria.k@gmail.com")
    SignatureFactory(petition=open_petition, district=districts[0], email="Maria.K+city@gmail.com")

    data = personal_data.export_for(user)

    assert [s["email"] for s in data["signatures"]] == ["Maria.K+city@gmail.com"]
    json.dumps(data, cls=DjangoJSONEncoder)


def test_the_export_has_the_petitions_a_person_started(make_petition, creator):
    petition = make_petition("open", title="Моя петиція")

    data = personal_data.export_for(creator)

    assert [p["id"] for p in data["petitions_started"]] == [petition.pk]


def test_erasure_blanks_signatures_but_keeps_every_count(open_petition, districts):
    user = UserFactory(email="taras@example.org")
    signature = SignatureFactory(
        petition=open_petition, district=districts[0], email=user.email, user=user
    )
    services.signature_confirm(signature_id=signature.pk)

    personal_data.erase_for(user)

    signature.refresh_from_db()
    assert (signature.name, signature.email, signature.user) == ("", "", None)
    assert signature.normalized_email is None and signature.erased_at
    assert services.petition_total(open_petition.pk) == 1


def test_erasure_keeps_petitions_as_public_contributions(make_petition, creator):
    petition = make_petition("open")

    personal_data.erase_for(creator)

    assert PetitionPage.objects.get(pk=petition.pk).creator == creator
    assert not Signature.objects.filter(user=creator).exists()


def test_every_model_of_the_app_that_points_at_a_person_is_declared():
    from django.apps import apps
    from django.contrib.auth import get_user_model

    pointing = {
        model._meta.label
        for model in apps.get_app_config("petitions").get_models()
        if any(
            f.is_relation and f.related_model is get_user_model() for f in model._meta.local_fields
        )
    }
    assert pointing <= set(personal_data.MODELS)


def someone_who_added_the_victims_address(victim_email: str):
    """An account that added another person's address and never confirmed it (it cannot)."""
    adder = UserFactory(email="adder@example.org")
    EmailAddress.objects.create(user=adder, email=victim_email, verified=False, primary=False)
    return adder


def test_an_unconfirmed_address_does_not_bring_its_signatures_into_an_export(
    open_petition, districts
):
    SignatureFactory(petition=open_petition, district=districts[0], email="victim@example.org")
    adder = someone_who_added_the_victims_address("victim@example.org")

    assert personal_data.export_for(adder)["signatures"] == []


def test_erasing_an_account_leaves_signatures_made_with_an_address_it_never_confirmed(
    open_petition, districts
):
    signature = SignatureFactory(
        petition=open_petition, district=districts[0], email="victim@example.org", name="Віра"
    )
    adder = someone_who_added_the_victims_address("victim@example.org")

    erase_everywhere(adder)

    signature.refresh_from_db()
    assert (signature.name, signature.email) == ("Віра", "victim@example.org")
    assert signature.erased_at is None


def test_the_accounts_login_address_counts_only_once_confirmed(open_petition, districts):
    SignatureFactory(petition=open_petition, district=districts[0], email="unproved@example.org")
    user = UserFactory(email="unproved@example.org", confirmed=False)

    assert personal_data.export_for(user)["signatures"] == []
