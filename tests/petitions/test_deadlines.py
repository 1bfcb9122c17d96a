"""Support gathering and moderation have deadlines: a petition without its supporters in time
expires (and stops taking signatures); one waiting for moderators too long is shown to them."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from petitions import services
from petitions.models import PetitionPage, PetitionSettings, Signature
from petitions.selectors import petitions_moderation_overdue
from petitions.states import PetitionError, State
from petitions.tokens import support_token
from tests.factories import PASSWORD
from tests.petitions.factories import SignatureFactory


def tick() -> str:
    out = io.StringIO()
    call_command("petitions_tick", stdout=out)
    return out.getvalue()


def support(petition, districts, number):
    for i in range(number):
        signature = SignatureFactory(petition=petition, district=districts[i % len(districts)])
        services.signature_confirm(signature_id=signature.pk)


def test_submitting_starts_a_support_period_of_30_days(make_petition, creator, districts):
    petition = make_petition("draft")

    services.petition_submit(
        petition=petition, user=creator, district=districts[0], show_name=False
    )

    petition.refresh_from_db()
    assert petition.closes_at == petition.submitted_at + timedelta(days=30)
    assert services.is_signable(petition, now=petition.closes_at - timedelta(seconds=1))
    assert not services.is_signable(petition, now=petition.closes_at)


def test_a_changed_support_period_applies_to_petitions_submitted_after_it(
    make_petition, creator, districts
):
    before = make_petition("draft")
    services.petition_submit(petition=before, user=creator, district=districts[0], show_name=False)
    PetitionSettings.objects.update(support_days=10)
    after = make_petition("draft")

    services.petition_submit(petition=after, user=creator, district=districts[0], show_name=False)

    before.refresh_from_db()
    after.refresh_from_db()
    assert before.closes_at - before.submitted_at == timedelta(days=30)
    assert after.closes_at - after.submitted_at == timedelta(days=10)


def test_a_petition_without_its_supporters_by_the_deadline_expires(make_petition, districts):
    deadline = timezone.now() - timedelta(minutes=1)
    petition = make_petition("gathering_support", closes_at=deadline)

    output = tick()

    petition.refresh_from_db()
    assert petition.state == State.EXPIRED
    assert petition.closed_at == deadline
    assert "expired 1 without enough support" in output


def test_a_petition_still_within_its_support_period_keeps_gathering(make_petition):
    petition = make_petition("gathering_support", closes_at=timezone.now() + timedelta(days=1))

    tick()

    assert PetitionPage.objects.get(pk=petition.pk).state == State.GATHERING_SUPPORT


def test_expiring_twice_changes_nothing(make_petition):
    make_petition("gathering_support", closes_at=timezone.now() - timedelta(minutes=1))
    tick()

    assert "expired 0 without enough support" in tick()


def test_a_petition_whose_supporters_signed_in_time_goes_to_moderation_not_to_expiry(
    make_petition, districts
):
    """The follow-up of the last confirmation never ran (a crash after commit): the tick
    moves the petition on rather than expire it."""
    petition = make_petition("gathering_support", supporters_required=2)
    support(petition, districts, 3)  # follow-ups are not run here
    PetitionPage.objects.filter(pk=petition.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )

    tick()

    assert PetitionPage.objects.get(pk=petition.pk).state == State.AWAITING_MODERATION


def test_an_expired_petition_takes_no_signatures_through_its_share_link(
    client, make_petition, districts
):
    petition = make_petition("expired")
    url = reverse("petitions:sign_support", kwargs={"token": support_token(petition.pk)})
    data = {"name": "Анна", "email": "anna@example.org", "district": districts[0].pk}

    assert client.post(url, data).status_code == 404
    with pytest.raises(PetitionError) as refused:
        services.signature_create(
            petition_id=petition.pk,
            name="Анна",
            email="anna@example.org",
            district=districts[0],
            show_name=False,
            through_support_link=True,
        )
    assert refused.value.code == "not_signable"
    assert not Signature.objects.filter(petition=petition).exists()


def test_the_creator_is_told_that_the_petition_expired(client, make_petition, creator, index):
    petition = make_petition("expired")
    client.login(email=creator.email, password=PASSWORD)

    response = client.get(f"/en{index.url}drafts/{petition.pk}/")

    assert response.status_code == 200
    assert "The support period has ended" in response.content.decode()


def test_complete_support_gives_moderators_7_days(
    make_petition, districts, django_capture_on_commit_callbacks
):
    petition = make_petition("gathering_support", supporters_required=1)

    with django_capture_on_commit_callbacks(execute=True):
        support(petition, districts, 2)

    petition.refresh_from_db()
    assert petition.state == State.AWAITING_MODERATION
    assert petition.moderation_deadline == petition.moderation_requested_at + timedelta(days=7)


def test_petitions_waiting_past_their_moderation_deadline_are_overdue(make_petition):
    late = make_petition("awaiting_moderation", moderation_deadline=timezone.now())
    make_petition("awaiting_moderation", moderation_deadline=timezone.now() + timedelta(days=1))
    decided = make_petition("open", moderation_deadline=timezone.now() - timedelta(days=3))

    overdue = list(petitions_moderation_overdue())

    assert overdue == [late]
    assert decided not in overdue


@pytest.fixture
def moderator_client(client, moderator):
    client.login(email=moderator.email, password=PASSWORD)
    return client


def test_the_moderation_queue_has_a_tab_of_overdue_petitions(moderator_client, make_petition):
    make_petition(
        "awaiting_moderation",
        title="Чекає задовго",
        moderation_deadline=timezone.now() - timedelta(days=2),
    )
    make_petition("awaiting_moderation", title="Ще вчасно")

    page = moderator_client.get(reverse("petitions_admin:queue") + "?state=overdue")

    content = page.content.decode()
    assert "Чекає задовго" in content and "Ще вчасно" not in content


def test_the_admin_dashboard_shows_moderators_the_overdue_petitions(
    moderator_client, make_petition
):
    late = make_petition(
        "awaiting_moderation",
        title="Чекає задовго",
        moderation_deadline=timezone.now() - timedelta(days=2),
    )

    content = moderator_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Чекає задовго" in content
    assert reverse("petitions_admin:detail", args=[late.pk]) in content


def test_the_dashboard_panel_is_only_for_moderators(client, make_petition):
    from tests.factories import UserFactory

    editor = UserFactory(email="reporter@example.org", is_staff=True, is_superuser=False)
    editor.user_permissions.add(*_admin_access())
    make_petition(
        "awaiting_moderation",
        title="Чекає задовго",
        moderation_deadline=timezone.now() - timedelta(days=2),
    )
    client.login(email=editor.email, password=PASSWORD)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "Чекає задовго" not in response.content.decode()


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
