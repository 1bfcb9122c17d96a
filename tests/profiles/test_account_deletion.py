"""'Delete my account': password, 14 days of grace (signing in cancels), then every app erases
the person's data; public contributions stay as "Former participant" and counts stay exact."""

import io

from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from profiles.data_rights import local_app_configs
from profiles.exceptions import ProfilesError
from profiles.models import (
    AccountDeletion,
    BlogPost,
    Invitation,
    Membership,
    PostReport,
    Profile,
    Status,
    StatusChange,
)
from profiles.services.blog import post_report
from profiles.services.organizations import invitation_create
from profiles.services.privacy import (
    account_deletion_request,
    account_deletions_process_due,
)
from profiles.services.statuses import status_request_approve, status_request_create
from tests.factories import PASSWORD
from tests.profiles.factories import BlogPostFactory

pytestmark = pytest.mark.usefixtures("english_ui")


def make_due(deletion):
    AccountDeletion.objects.filter(pk=deletion.pk).update(
        scheduled_for=timezone.now() - timezone.timedelta(minutes=1)
    )


def test_deleting_needs_the_password(owner):
    with pytest.raises(ProfilesError, match="not your password"):
        account_deletion_request(user=owner, password="wrong")


def test_confirming_schedules_the_deletion_in_fourteen_days_and_signs_out(
    client, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("profiles:delete_account"), {"password": PASSWORD, "understood": "on"}
        )
    deletion = AccountDeletion.objects.get(user=owner)
    assert deletion.state == "scheduled"
    grace = deletion.scheduled_for - deletion.requested_at
    assert abs(grace - timezone.timedelta(days=14)) < timezone.timedelta(seconds=5)
    assert "Your account will be deleted" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["owner@example.org"]


def test_the_page_of_a_person_awaiting_deletion_is_gone(client, owner):
    account_deletion_request(user=owner, password=PASSWORD)
    assert client.get(owner.profile.get_absolute_url()).status_code == 404


def test_signing_in_during_the_grace_period_cancels_the_deletion(client, owner):
    deletion = account_deletion_request(user=owner, password=PASSWORD)
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert AccountDeletion.objects.get(pk=deletion.pk).state == "cancelled"


def test_the_keep_my_account_button_cancels_the_deletion(client, owner):
    deletion = account_deletion_request(user=owner, password=PASSWORD)
    client.force_login(owner)  # another device that stayed signed in
    AccountDeletion.objects.filter(pk=deletion.pk).update(state="scheduled")
    client.post(reverse("profiles:deletion_cancel"))
    assert AccountDeletion.objects.get(pk=deletion.pk).state == "cancelled"


def test_nothing_is_erased_before_the_grace_period_ends(owner):
    account_deletion_request(user=owner, password=PASSWORD)
    assert account_deletions_process_due() == 0
    assert Profile.objects.get(user=owner).display_name == "Ольга Власниця"


@pytest.fixture
def contributor(owner, organization, admin_member, outsider, staff):
    """The owner, with public and private traces everywhere in profiles."""
    BlogPostFactory(author=owner, title="Особистий допис")
    BlogPostFactory(author=owner, organization=organization, title="Допис організації")
    post_report(post=BlogPostFactory(author=outsider), reporter=owner, reason="spam", details="Я")
    request = status_request_create(
        user=owner, status=Status.ORGANIZATION_REPRESENTATIVE, evidence="Статут",
        organization=organization,
    )  # fmt: skip
    status_request_approve(request=request, staff=staff)
    return owner


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for config in local_app_configs()
        for model in config.get_models()
    }


# Rows that are the person's own and go with them; everything else keeps its count.
# The person's own rows; a membership also gave them a verified "member" attribute, which goes
# with it.
ERASED_ROWS = {
    "profiles.Membership",
    "profiles.StatusRequest",
    "profiles.BlogPost",
    "residents.VerifiedAttribute",
}


def test_erasure_keeps_every_count_except_the_persons_own_rows(contributor):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    before = row_counts()
    assert account_deletions_process_due() == 1
    after = row_counts()
    changed = {label for label in before if before[label] != after[label]}
    assert changed <= ERASED_ROWS
    assert before["profiles.BlogPost"] - after["profiles.BlogPost"] == 1  # the personal one
    assert before["profiles.StatusChange"] == after["profiles.StatusChange"]
    assert before["profiles.PostReport"] == after["profiles.PostReport"]


def test_an_erased_persons_public_contributions_show_as_former_participant(
    client, contributor, organization
):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    account_deletions_process_due()
    post = BlogPost.objects.get(title="Допис організації")
    assert post.author.display_name == "Former participant"
    body = client.get(post.get_absolute_url()).content.decode()
    assert "Former participant" in body and "Ольга" not in body


def test_erasure_removes_what_identifies_the_person(client, contributor):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    url = contributor.profile.get_absolute_url()
    account_deletions_process_due()
    contributor.refresh_from_db()
    profile = Profile.objects.get(user=contributor)
    assert (profile.display_name, profile.about, profile.building, profile.status) == (
        "", "", "", Status.CITIZEN,
    )  # fmt: skip
    assert contributor.email.endswith("@erased.invalid") and contributor.erased_at
    assert not contributor.is_active and not contributor.has_usable_password()
    assert not EmailAddress.objects.filter(user=contributor).exists()
    assert not BlogPost.objects.filter(title="Особистий допис").exists()
    assert PostReport.objects.get(reporter=contributor).details == ""
    assert client.get(url).status_code == 404
    assert AccountDeletion.objects.get(pk=deletion.pk).state == "completed"


def test_an_erased_person_can_no_longer_sign_in(contributor):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    account_deletions_process_due()
    assert authenticate(username="owner@example.org", password=PASSWORD) is None


def test_the_log_of_status_changes_survives_the_erasure(contributor):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    account_deletions_process_due()
    assert StatusChange.objects.get(user=contributor).status_after == "public_organization"


def test_an_organization_losing_its_last_owner_gets_its_admin_as_owner(
    contributor, organization, admin_member
):
    deletion = account_deletion_request(user=contributor, password=PASSWORD)
    make_due(deletion)
    account_deletions_process_due()
    assert Membership.objects.get(user=admin_member, organization=organization).role == "owner"


def test_the_daily_command_erases_due_accounts_and_confirms_by_email(
    owner, django_capture_on_commit_callbacks
):
    deletion = account_deletion_request(user=owner, password=PASSWORD)
    make_due(deletion)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("privacy_housekeeping", stdout=io.StringIO())
    assert AccountDeletion.objects.get(pk=deletion.pk).state == "completed"
    assert mail.outbox[-1].to == ["owner@example.org"]
    assert "Your account is deleted" in mail.outbox[-1].subject


def test_erasing_an_account_leaves_invitations_to_an_address_it_never_confirmed(
    organization, owner, outsider
):
    invitation = invitation_create(
        organization=organization, inviter=owner, email="new@example.org"
    )
    EmailAddress.objects.create(user=outsider, email="new@example.org", verified=False)
    deletion = account_deletion_request(user=outsider, password=PASSWORD)
    make_due(deletion)

    account_deletions_process_due()

    assert Invitation.objects.get(pk=invitation.pk).state == "pending"
