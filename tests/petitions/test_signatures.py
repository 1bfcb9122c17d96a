"""Signing: the form, the email link, one signature per mailbox, and what never counts."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from petitions import services
from petitions.models import Signature
from petitions.normalize import normalize_email
from petitions.states import SUPPORT_STATES, PetitionError, State
from petitions.tokens import confirm_token
from tests.factories import PASSWORD, UserFactory
from tests.petitions.factories import SignatureFactory


@pytest.mark.parametrize(
    ("written", "mailbox"),
    [
        ("Ivan.Petrenko@Example.ORG", "ivan.petrenko@example.org"),
        ("Ivan.Petrenko+city@gmail.com", "ivanpetrenko@gmail.com"),
        ("i.v.a.n.petrenko@googlemail.com", "ivanpetrenko@gmail.com"),
        ("olena+petitions@outlook.com", "olena@outlook.com"),
        ("olena+petitions@ukr.net", "olena+petitions@ukr.net"),
        ("o.lena@ukr.net", "o.lena@ukr.net"),
    ],
)
def test_email_addresses_are_normalised_where_the_provider_ignores_the_difference(written, mailbox):
    assert normalize_email(written) == mailbox


def english(name: str, **kwargs) -> str:
    """The English address of a view, so that tests can read the messages people see."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def sign(client, petition, districts, email="olena@example.org", **extra):
    data = {"name": "Олена Коваль", "email": email, "district": districts[0].pk, **extra}
    return client.post(english("petitions:sign", petition_id=petition.pk), data)


def confirm_link(message) -> str:
    return re.search(r"https?://\S+(/en/petitions/signatures/confirm/\S+/)", message.body).group(1)


def test_signing_sends_a_confirmation_link_and_counts_nothing_yet(
    client, open_petition, districts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, open_petition, districts)

    assert response.status_code == 302
    assert response["Location"] == f"/en/petitions/sign/{open_petition.pk}/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["olena@example.org"]
    signature = Signature.objects.get(petition=open_petition)
    assert signature.confirmed_at is None
    assert services.petition_total(open_petition.pk) == 0


def test_following_the_link_counts_the_signature(
    client, open_petition, districts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, open_petition, districts)

    response = client.get(confirm_link(mail.outbox[0]))

    assert response.status_code == 302
    assert response["Location"] == f"/en{open_petition.url}?signature=confirmed"
    assert services.petition_total(open_petition.pk) == 1
    page = client.get(response["Location"]).content.decode()
    assert "your signature is confirmed and counted" in page


def test_following_the_link_twice_counts_once(
    client, open_petition, districts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, open_petition, districts)
    link = confirm_link(mail.outbox[0])

    client.get(link)
    client.get(link)

    assert services.petition_total(open_petition.pk) == 1


def test_a_second_signature_from_the_same_email_is_rejected_with_a_clear_message(
    client, open_petition, districts
):
    first = SignatureFactory(petition=open_petition, district=districts[0], email="ivan@ukr.net")
    services.signature_confirm(signature_id=first.pk)

    response = sign(client, open_petition, districts, email="Ivan@UKR.net")

    assert response.status_code == 200
    assert "This email address has already signed this petition." in response.content.decode()
    assert Signature.objects.filter(petition=open_petition).count() == 1


def test_a_gmail_address_written_differently_is_the_same_signer(client, open_petition, districts):
    sign(client, open_petition, districts, email="ivan.petrenko@gmail.com")

    response = sign(client, open_petition, districts, email="I.van.Petrenko+again@googlemail.com")

    assert response.status_code == 200
    assert Signature.objects.filter(petition=open_petition).count() == 1
    assert "has already signed this petition but has not confirmed yet" in response.content.decode()


def test_the_database_refuses_a_second_signature_from_one_mailbox(open_petition, districts):
    services.signature_create(
        petition_id=open_petition.pk,
        name="Іван",
        email="ivan.petrenko@gmail.com",
        district=districts[0],
        show_name=False,
    )
    with pytest.raises(PetitionError):
        services.signature_create(
            petition_id=open_petition.pk,
            name="Іван",
            email="ivanpetrenko+2@gmail.com",
            district=districts[0],
            show_name=False,
        )
    assert Signature.objects.filter(petition=open_petition).count() == 1


def test_an_address_at_an_ip_literal_cannot_sign(client, open_petition, districts):
    response = sign(client, open_petition, districts, email="olena@[127.0.0.1]")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Signature.objects.filter(petition=open_petition).exists()
    assert mail.outbox == []


def test_a_name_with_a_bidi_override_cannot_sign(client, open_petition, districts):
    response = sign(client, open_petition, districts, name="Олена\u202e Коваль")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert not Signature.objects.filter(petition=open_petition).exists()


def test_a_signed_in_person_cannot_sign_with_an_invisible_character_in_the_name(
    client, open_petition, districts
):
    user = UserFactory(email="taras@example.org")
    client.login(email=user.email, password=PASSWORD)
    response = client.post(
        english("petitions:sign", petition_id=open_petition.pk),
        {"name": "Тарас\u200b Шевчук", "district": districts[3].pk},
    )
    assert response.status_code == 200
    assert not Signature.objects.filter(petition=open_petition).exists()


def test_a_signed_in_person_with_a_confirmed_email_signs_with_one_click(
    client, open_petition, districts
):
    user = UserFactory(email="taras@example.org", first_name="Тарас", last_name="Шевчук")
    client.login(email=user.email, password=PASSWORD)

    form = client.get(english("petitions:sign", petition_id=open_petition.pk))
    assert "You are signing as taras@example.org" in form.content.decode()
    response = client.post(
        english("petitions:sign", petition_id=open_petition.pk),
        {"name": "Тарас Шевчук", "district": districts[3].pk},
    )

    assert response.status_code == 302
    signature = Signature.objects.get(petition=open_petition)
    assert signature.user == user and signature.confirmed_at is not None
    assert services.petition_total(open_petition.pk) == 1
    assert mail.outbox == []


def test_a_signed_in_person_without_a_confirmed_email_confirms_by_email(
    client, open_petition, districts
):
    user = UserFactory(email="new@example.org", confirmed=False)
    client.login(email=user.email, password=PASSWORD)

    sign(client, open_petition, districts, email="new@example.org")

    assert Signature.objects.get(petition=open_petition).confirmed_at is None


def test_unconfirmed_signatures_expire_after_seven_days(open_petition, districts):
    old = SignatureFactory(
        petition=open_petition,
        district=districts[0],
        created_at=timezone.now() - timedelta(days=8),
    )
    recent = SignatureFactory(petition=open_petition, district=districts[0])
    counted = SignatureFactory(
        petition=open_petition, district=districts[0], created_at=timezone.now() - timedelta(days=9)
    )
    services.signature_confirm(signature_id=counted.pk)

    assert services.signatures_purge_unconfirmed() == 1

    assert set(Signature.objects.values_list("pk", flat=True)) == {recent.pk, counted.pk}
    assert old.pk not in Signature.objects.values_list("pk", flat=True)
    assert services.petition_total(open_petition.pk) == 1


def test_an_expired_link_does_not_count(client, open_petition, districts, settings):
    signature = SignatureFactory(petition=open_petition, district=districts[0])
    token = confirm_token(signature.pk)
    settings.SECRET_KEY = "a-different-key-so-the-old-signature-fails"

    response = client.get(reverse("petitions:confirm", kwargs={"token": token}))

    assert response.status_code == 400
    assert services.petition_total(open_petition.pk) == 0


def test_a_closed_petition_takes_no_signatures(client, make_petition, districts):
    petition = make_petition("closed")
    response = sign(client, petition, districts)
    assert response.status_code == 200
    assert Signature.objects.count() == 0


def test_a_link_followed_after_closing_does_not_count(client, open_petition, districts):
    signature = SignatureFactory(petition=open_petition, district=districts[0])
    open_petition.closes_at = timezone.now() - timedelta(seconds=1)
    open_petition.save()

    response = client.get(
        reverse("petitions:confirm", kwargs={"token": confirm_token(signature.pk)})
    )

    assert response.status_code == 400
    assert services.petition_total(open_petition.pk) == 0


def test_the_honeypot_catches_bots_without_telling_them(client, open_petition, districts):
    response = sign(client, open_petition, districts, website="http://spam.example")

    assert response.status_code == 302
    assert Signature.objects.count() == 0
    assert mail.outbox == []


def test_signing_too_fast_from_one_address_is_refused(client, open_petition, districts):
    for n in range(20):
        sign(client, open_petition, districts, email=f"person{n}@example.org")

    response = sign(client, open_petition, districts, email="one-more@example.org")

    assert response.status_code == 429
    assert Signature.objects.count() == 20


def test_one_mailbox_signing_too_many_petitions_is_refused(client, make_petition, districts):
    petitions = [make_petition("open", title=f"Петиція {n}") for n in range(11)]
    for petition in petitions[:10]:
        client.defaults["REMOTE_ADDR"] = f"10.0.{petition.pk % 250}.1"
        sign(client, petition, districts, email="busy@example.org")

    response = sign(client, petitions[10], districts, email="Busy@Example.org")

    assert response.status_code == 429
    assert not Signature.objects.filter(petition=petitions[10]).exists()


def test_the_network_is_stored_only_as_a_keyed_hash(client, open_petition, districts):
    client.defaults["REMOTE_ADDR"] = "203.0.113.77"
    sign(client, open_petition, districts)

    stored = Signature.objects.get().ip_prefix_hash
    assert len(stored) == 64 and "203.0.113" not in stored


def test_supporters_sign_through_the_share_link_before_publication(
    client, make_petition, districts
):
    from petitions.tokens import support_token

    petition = make_petition("gathering_support")
    url = reverse("petitions:sign_support", kwargs={"token": support_token(petition.pk)})

    response = client.post(
        url, {"name": "Анна", "email": "anna@example.org", "district": districts[0].pk}
    )

    assert response.status_code == 302
    assert Signature.objects.filter(petition=petition).exists()
    public = reverse("petitions:sign", kwargs={"petition_id": petition.pk})
    assert client.get(public).status_code == 404


def test_the_sign_form_is_stored_once_and_each_visitor_signs_with_their_own_token(
    open_petition, districts
):
    from django.test import Client

    url = english("petitions:sign", petition_id=open_petition.pk)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    rendered = first.get(url)
    stored = second.get(url)

    assert rendered.templates and not stored.templates  # the second came from the cache
    assert open_petition.title in stored.content.decode()
    for visitor, page, email in (
        (first, rendered, "a@example.org"),
        (second, stored, "b@example.org"),
    ):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        data = {"csrfmiddlewaretoken": token.group(1), "name": "Олена", "email": email,
                "district": districts[0].pk}  # fmt: skip
        assert visitor.post(url, data).status_code == 302
    assert Signature.objects.filter(petition=open_petition).count() == 2


# The signing path checks signability in SQL (`petition_signing`, the insert that checks it
# itself); these hold it to `is_signable` and the page rules.
CLOSING = {"past": timedelta(days=-1), "future": timedelta(days=30), "none": None}


@pytest.mark.parametrize("closing", CLOSING)
@pytest.mark.parametrize("state", [state.value for state in State])
def test_the_database_takes_signatures_exactly_when_is_signable_says_so(
    make_petition, districts, state, closing
):
    from petitions.selectors import petition_signing

    petition = make_petition(state)
    delta = CLOSING[closing]
    petition.closes_at = None if delta is None else timezone.now() + delta
    petition.save()
    through_support_link = state in SUPPORT_STATES
    expected = services.is_signable(petition) and (through_support_link or petition.live)

    signing = petition_signing(petition.pk)
    assert signing.signable == services.is_signable(petition)
    try:
        services.signature_create(
            petition_id=petition.pk,
            name="Олена",
            email="olena@example.org",
            district=districts[0],
            show_name=False,
            through_support_link=through_support_link,
        )
    except PetitionError as error:
        assert error.code == "not_signable"
    assert Signature.objects.filter(petition=petition).exists() == expected


def test_a_petition_that_closes_while_the_form_is_filled_in_takes_no_signature(
    client, open_petition, districts
):
    assert client.get(english("petitions:sign", petition_id=open_petition.pk)).status_code == 200
    open_petition.closes_at = timezone.now() - timedelta(seconds=1)
    open_petition.save()

    response = sign(client, open_petition, districts)

    assert response.status_code == 200
    assert "not taking signatures" in response.content.decode()
    assert not Signature.objects.exists() and mail.outbox == []


def test_the_public_form_never_signs_a_petition_still_gathering_support(
    client, make_petition, districts
):
    from petitions.tokens import support_token

    gathering, published = make_petition("gathering_support"), make_petition("open")

    assert sign(client, gathering, districts).status_code == 404
    share_link = reverse("petitions:sign_support", kwargs={"token": support_token(published.pk)})
    data = {"name": "Анна", "email": "anna@example.org", "district": districts[0].pk}
    assert client.post(share_link, data).status_code == 404
    assert client.get(share_link).status_code == 404
    assert not Signature.objects.exists()


def test_a_district_added_after_the_list_was_cached_can_be_chosen_at_once(
    client, make_petition, districts
):
    from config.models import District

    first, second = make_petition("open"), make_petition("open", title="Друга петиція")
    assert sign(client, first, districts).status_code == 302  # the list is cached now
    added = District.objects.create(slug="new", name_uk="Новий", name_en="New", sort_order=99)

    response = sign(client, second, [added])

    assert response.status_code == 302
    assert Signature.objects.get(petition=second).district == added


def test_a_district_that_does_not_exist_is_refused_with_a_clear_message(
    client, open_petition, districts
):
    response = sign(client, open_petition, districts, district=999_999)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Signature.objects.exists()


def test_the_confirmation_email_names_the_petition_as_last_published(
    client, open_petition, districts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, open_petition, districts, email="first@example.org")
    open_petition.title = "Облаштувати два переходи біля школи"
    open_petition.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        sign(client, open_petition, districts, email="second@example.org")

    first, second = mail.outbox
    assert "Облаштувати пішохідний перехід біля школи" in first.body
    assert "Облаштувати два переходи біля школи" in second.body
    assert f"/en{open_petition.url}\n" in second.body  # the petition in the signer's language
