"""Moderators in the Wagtail admin: the queue, publish, reject, hide, signing rates."""

from html import unescape

from django.urls import reverse

import pytest

from petitions import services
from petitions.models import Signature
from petitions.states import State
from tests.factories import PASSWORD, UserFactory
from tests.petitions.factories import SignatureFactory
from tests.refused_forms import assert_refused_on


@pytest.fixture
def signed_in(client, moderator):
    client.login(email=moderator.email, password=PASSWORD)
    return client


def test_the_queue_lists_petitions_awaiting_moderation(signed_in, make_petition):
    waiting = make_petition("awaiting_moderation", title="Чекає модерації")
    make_petition("open", title="Вже відкрита")

    page = signed_in.get(reverse("petitions_admin:queue")).content.decode()

    assert "Чекає модерації" in page and "Вже відкрита" not in page
    assert reverse("petitions_admin:detail", args=[waiting.pk]) in page


def test_a_moderator_publishes_from_the_admin(signed_in, make_petition):
    petition = make_petition("awaiting_moderation")

    signed_in.post(reverse("petitions_admin:publish", args=[petition.pk]))

    petition.refresh_from_db()
    assert petition.state == State.OPEN and petition.live


def test_a_moderator_rejects_with_a_coded_reason(signed_in, make_petition):
    petition = make_petition("awaiting_moderation")

    signed_in.post(
        reverse("petitions_admin:reject", args=[petition.pk]),
        {"reason": "personal_data", "details": "Прізвища сусідів."},
    )

    petition.refresh_from_db()
    assert (petition.state, petition.rejection_reason) == (State.REJECTED, "personal_data")


def test_a_moderator_hides_unlawful_content(signed_in, make_petition):
    petition = make_petition("open")

    signed_in.post(reverse("petitions_admin:hide", args=[petition.pk]), {"note": "Погрози."})

    petition.refresh_from_db()
    assert petition.state == State.HIDDEN and not petition.live


def test_an_illegal_action_is_refused_with_a_message(signed_in, make_petition):
    petition = make_petition("open")

    response = signed_in.post(reverse("petitions_admin:publish", args=[petition.pk]), follow=True)

    assert "cannot become" in response.content.decode() or "не може перейти" in (
        response.content.decode()
    )
    petition.refresh_from_db()
    assert petition.state == State.OPEN


def test_the_rates_view_invalidates_a_network_in_bulk(signed_in, open_petition, districts):
    for i in range(6):
        signature = SignatureFactory(
            petition=open_petition, district=districts[i % 2], ip_prefix_hash="b" * 64
        )
        services.signature_confirm(signature_id=signature.pk)
    page = signed_in.get(reverse("petitions_admin:rates", args=[open_petition.pk]))
    assert "bbbbbbbbbbbb" in page.content.decode()

    signed_in.post(
        reverse("petitions_admin:invalidate", args=[open_petition.pk]), {"network": "b" * 64}
    )

    assert services.petition_total(open_petition.pk) == 0
    assert Signature.objects.filter(invalidated_at__isnull=False).count() == 6


def test_people_without_the_permission_cannot_moderate(client, make_petition):
    staff = UserFactory(is_staff=True)
    client.login(email=staff.email, password=PASSWORD)
    petition = make_petition("awaiting_moderation")

    response = client.post(reverse("petitions_admin:publish", args=[petition.pk]))

    assert response.status_code in (302, 403)
    petition.refresh_from_db()
    assert petition.state == State.AWAITING_MODERATION


def test_editing_a_petition_page_in_wagtail_opens_its_moderation_view(signed_in, open_petition):
    from django.contrib.auth.models import Permission

    moderator = signed_in.session["_auth_user_id"]
    UserFactory._meta.model.objects.get(pk=moderator).user_permissions.add(
        *Permission.objects.filter(codename__in=["change_page", "access_admin"])
    )

    response = signed_in.get(reverse("wagtailadmin_pages:edit", args=[open_petition.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("petitions_admin:detail", args=[open_petition.pk])


TOO_LONG = "Прізвища сусідів у тексті. " * 50


@pytest.mark.parametrize(
    ("data", "field", "typed"),
    [
        ({"reason": "personal_data", "details": TOO_LONG}, "details", TOO_LONG),
        ({"reason": "personal_data", "details": "Прізвища\x00"}, "details", "Прізвища\x00"),
        ({"details": "Прізвища сусідів."}, "reason", "Прізвища сусідів."),
    ],
)
def test_a_refused_rejection_shows_the_petition_again_with_what_was_typed(
    signed_in, make_petition, data, field, typed
):
    petition = make_petition("awaiting_moderation")

    response = signed_in.post(reverse("petitions_admin:reject", args=[petition.pk]), data)

    assert_refused_on(response, response.context["reject_form"], field, typed)
    petition.refresh_from_db()
    assert (petition.state, petition.rejection_reason) == (State.AWAITING_MODERATION, "")


@pytest.mark.parametrize("note", ["Погрози. " * 200, "Погрози\x00", ""])
def test_a_refused_hiding_shows_the_petition_again_with_the_note(signed_in, make_petition, note):
    petition = make_petition("open")

    response = signed_in.post(reverse("petitions_admin:hide", args=[petition.pk]), {"note": note})

    assert_refused_on(response, response.context["hide_form"], "note", note)
    petition.refresh_from_db()
    assert petition.state == State.OPEN and petition.hidden_note == ""


def test_a_refused_invalidation_shows_the_rates_again_with_the_date_typed(
    signed_in, open_petition, districts
):
    signature = SignatureFactory(petition=open_petition, district=districts[0])
    services.signature_confirm(signature_id=signature.pk)

    response = signed_in.post(
        reverse("petitions_admin:invalidate", args=[open_petition.pk]),
        {"domain": "example.org", "since": "вчора"},
    )

    assert_refused_on(response, response.context["form"], "since", "вчора")
    assert 'name="domain" value="example.org"' in response.content.decode()
    assert services.petition_total(open_petition.pk) == 1


def test_an_invalidation_without_a_network_or_domain_says_so_on_the_rates(signed_in, open_petition):
    response = signed_in.post(
        reverse("petitions_admin:invalidate", args=[open_petition.pk]),
        {"since": "2025-03-01T10:00"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    html = unescape(response.content.decode())
    assert 'class="error-summary"' in html and form.non_field_errors()[0] in html
    assert 'value="2025-03-01T10:00"' in html
    assert not Signature.objects.filter(invalidated_at__isnull=False).exists()
