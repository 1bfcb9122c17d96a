"""Staff forms in the Wagtail admin that a staff member fills in on an inspect page: a refused
one shows that page again with what was typed, the field's message and the summary of errors,
and nothing is written (hardening point 16)."""

from html import unescape

from django.urls import reverse

import pytest

from profiles.admin_views import DecisionForm
from profiles.models import BlogPost, PostReport, Status, StatusRequest
from profiles.services.blog import post_report
from profiles.services.statuses import status_request_approve, status_request_create
from tests.profiles.factories import BlogPostFactory, profiled_user
from tests.refused_forms import assert_refused_on

pytestmark = pytest.mark.usefixtures("english_ui")

TOO_LONG = "Перевірено в реєстрі. " * 60
WITH_NUL = "Перевірено\x00"


@pytest.fixture
def deputy(db):
    return profiled_user(display_name="Олена Коваль", email="deputy@example.org")


@pytest.fixture
def pending(deputy):
    return status_request_create(
        user=deputy, status=Status.DEPUTY, evidence="Рішення ради № 12 від 3 березня."
    )


@pytest.mark.parametrize("note", [TOO_LONG, WITH_NUL])
def test_a_refused_decision_note_shows_the_request_again_with_it(client, staff, pending, note):
    client.force_login(staff)
    response = client.post(
        reverse("profiles_status_decide", args=[pending.pk]),
        {"decision": "decline", "note": note, "next": "/admin/elsewhere/"},
    )
    assert_refused_on(response, response.context["decision_form"], "note", note)
    pending.refresh_from_db()
    assert (pending.state, pending.decision_note) == (StatusRequest.State.PENDING, "")
    inspect = reverse("profiles_statusrequest_modeladmin_inspect", args=[pending.pk])
    assert f'name="next" value="{inspect}"' in response.content.decode()


def test_a_decision_without_grant_or_decline_keeps_the_note(client, staff, pending):
    client.force_login(staff)
    response = client.post(
        reverse("profiles_status_decide", args=[pending.pk]), {"note": "Перевірено."}
    )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    form = response.context["decision_form"]
    assert list(form.errors) == ["decision"]
    assert form.errors["decision"][0] in html
    assert 'href="#id_decision"' in html and 'id="id_decision"' in html
    assert "Перевірено." in html
    pending.refresh_from_db()
    assert pending.state == StatusRequest.State.PENDING
    assert DecisionForm({"decision": "approve"}).is_valid()


@pytest.mark.parametrize(("reason", "field"), [(TOO_LONG, "reason"), (WITH_NUL, "reason")])
def test_a_refused_revocation_shows_the_profile_again_with_the_reason(
    client, staff, pending, deputy, reason, field
):
    status_request_approve(request=pending, staff=staff)
    client.force_login(staff)
    response = client.post(reverse("profiles_status_revoke", args=[deputy.pk]), {"reason": reason})
    assert_refused_on(response, response.context["reason_form"], field, reason)
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.DEPUTY


def test_a_revocation_without_a_reason_says_so_on_the_profile(client, staff, pending, deputy):
    status_request_approve(request=pending, staff=staff)
    client.force_login(staff)
    response = client.post(reverse("profiles_status_revoke", args=[deputy.pk]), {"reason": ""})
    assert_refused_on(response, response.context["reason_form"], "reason")
    assert response.context["instance"] == deputy.profile
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.DEPUTY


@pytest.mark.parametrize("reason", [TOO_LONG, WITH_NUL, ""])
def test_a_refused_hiding_shows_the_report_again_with_the_reason(
    client, staff, owner, outsider, reason
):
    post = BlogPostFactory(author=owner)
    report = post_report(post=post, reporter=outsider, reason="hate")
    post_report(post=post, reporter=profiled_user(email="later@example.org"), reason="other")
    client.force_login(staff)
    inspect = reverse("profiles_postreport_modeladmin_inspect", args=[report.pk])
    response = client.post(
        reverse("profiles_post_hide", args=[post.pk]), {"reason": reason, "next": inspect}
    )
    assert_refused_on(response, response.context["reason_form"], "reason", reason)
    assert response.context["instance"] == report
    assert BlogPost.objects.get(pk=post.pk).state == BlogPost.State.PUBLISHED
    assert PostReport.objects.get(pk=report.pk).state == PostReport.State.OPEN
