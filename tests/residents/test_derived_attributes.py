"""Derived attributes follow their source: a verified expert competency is a profession, a team
membership is a membership; `residents_sync` repairs whatever was written without signals."""

import io

from django.contrib.auth.models import Permission
from django.core.management import call_command

import pytest

from experts.models import CompetencyClaim
from experts.services.experts import competency_claim_review
from profiles.models import Membership
from profiles.services.organizations import membership_leave, membership_remove
from residents.models import VerifiedAttribute
from residents.selectors import audience_includes
from residents.services.audiences import audience_create
from tests.experts.factories import ClaimFactory, CompetencyFactory, ExpertFactory
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory, member

Kind = VerifiedAttribute.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="review_competencyclaim", content_type__app_label="experts")
    )
    return type(user).objects.get(pk=user.pk)


def professions(user):
    return VerifiedAttribute.objects.valid().filter(user=user, kind=Kind.PROFESSION)


def test_a_verified_competency_grants_the_profession(reviewer):
    claim = ClaimFactory(status=CompetencyClaim.Status.PENDING)
    user = claim.content_object.user
    assert not professions(user).exists()

    competency_claim_review(claim=claim, by=reviewer, verify=True)

    attribute = professions(user).get()
    assert attribute.competency == claim.tag
    assert attribute.source == VerifiedAttribute.Source.EXPERT_CREDENTIAL
    assert attribute.verified_by == reviewer
    assert attribute.expires_at is None
    audience = audience_create(competencies=[claim.tag])
    assert audience_includes(audience=audience, user=user)


def test_a_rejected_competency_grants_nothing(reviewer):
    claim = ClaimFactory(status=CompetencyClaim.Status.PENDING)
    competency_claim_review(claim=claim, by=reviewer, verify=False)
    assert not VerifiedAttribute.objects.filter(user=claim.content_object.user).exists()


def test_a_competency_that_stops_being_verified_revokes_the_profession(reviewer):
    claim = ClaimFactory(status=CompetencyClaim.Status.PENDING)
    competency_claim_review(claim=claim, by=reviewer, verify=True)
    user = claim.content_object.user
    audience = audience_create(competencies=[claim.tag])

    competency_claim_review(claim=claim, by=reviewer, verify=False)

    attribute = VerifiedAttribute.objects.get(user=user, kind=Kind.PROFESSION)
    assert attribute.revoked_at is not None
    assert attribute.revoked_by is None
    assert attribute.revocation_reason
    assert not audience_includes(audience=audience, user=user)


def test_a_deleted_competency_claim_revokes_the_profession(db):
    claim = ClaimFactory()
    user = claim.content_object.user
    assert professions(user).exists()
    claim.delete()
    assert not professions(user).exists()
    assert VerifiedAttribute.objects.filter(user=user, kind=Kind.PROFESSION).exists()


def test_a_deleted_expert_profile_revokes_its_professions(db):
    expert = ExpertFactory()
    ClaimFactory(content_object=expert)
    ClaimFactory(content_object=expert)
    assert professions(expert.user).count() == 2
    expert.delete()
    assert not professions(expert.user).exists()


def test_an_account_with_professions_can_be_deleted(db):
    claim = ClaimFactory()
    user = claim.content_object.user
    user.delete()
    assert not VerifiedAttribute.objects.filter(user_id=user.pk).exists()


def test_saving_a_verified_claim_again_does_not_renew_the_profession(db):
    claim = ClaimFactory()
    first = professions(claim.content_object.user).get()
    claim.evidence = "Новий диплом."
    claim.save()
    assert professions(claim.content_object.user).get().verified_at == first.verified_at


def test_joining_a_team_grants_membership_and_leaving_revokes_it(db):
    organization = OrganizationFactory()
    user = UserFactory()
    owner = member(organization, role=Membership.Role.OWNER).user
    membership = member(organization, user)
    audience = audience_create(organizations=[organization])

    attribute = VerifiedAttribute.objects.valid().get(user=user, kind=Kind.MEMBER)
    assert attribute.organization == organization
    assert attribute.source == VerifiedAttribute.Source.TEAM_MEMBERSHIP
    assert audience_includes(audience=audience, user=user)
    assert audience_includes(audience=audience, user=owner)

    membership_leave(membership=membership, user=user)

    assert not audience_includes(audience=audience, user=user)
    assert VerifiedAttribute.objects.get(user=user, kind=Kind.MEMBER).revoked_at is not None


def test_a_removed_member_loses_the_membership(db):
    organization = OrganizationFactory()
    owner = member(organization, role=Membership.Role.OWNER).user
    membership = member(organization)
    membership_remove(membership=membership, actor=owner)
    assert not VerifiedAttribute.objects.valid().filter(user=membership.user_id).exists()


def test_joining_again_restores_the_membership(db):
    organization = OrganizationFactory()
    user = UserFactory()
    member(organization, user).delete()
    member(organization, user)
    assert VerifiedAttribute.objects.valid().filter(user=user, kind=Kind.MEMBER).count() == 1


def test_sync_grants_and_revokes_what_bulk_writes_missed(db):
    competency = CompetencyFactory()
    expert = ExpertFactory()
    CompetencyClaim.objects.bulk_create(
        [CompetencyClaim(content_object=expert, tag=competency, evidence="x", status="verified")]
    )
    organization = OrganizationFactory()
    user = UserFactory()
    Membership.objects.bulk_create([Membership(organization=organization, user=user)])
    gone = member(OrganizationFactory())
    Membership.objects.filter(pk=gone.pk).delete()  # a queryset delete sends signals too
    left = member(OrganizationFactory())
    Membership.objects.filter(pk=left.pk)._raw_delete(Membership.objects.db)

    out = io.StringIO()
    call_command("residents_sync", "--no-progress", stdout=out)

    assert professions(expert.user).get().competency == competency
    assert VerifiedAttribute.objects.valid().filter(user=user, kind=Kind.MEMBER).exists()
    assert not VerifiedAttribute.objects.valid().filter(user=left.user).exists()
    assert not VerifiedAttribute.objects.valid().filter(user=gone.user).exists()
    assert "granted: 2" in out.getvalue() and "Revoked: 1" in out.getvalue()

    again = io.StringIO()
    call_command("residents_sync", "--no-progress", stdout=again)
    assert "granted: 0" in again.getvalue() and "Revoked: 0" in again.getvalue()


def test_the_demo_verifies_residents_in_every_district(districts):
    from config.demo import Progress
    from residents import demo_people

    progress = Progress(stream=io.StringIO(), enabled=False)
    demo_people.seed(progress=progress)
    rows = VerifiedAttribute.objects.count()
    demo_people.seed(progress=progress)

    assert VerifiedAttribute.objects.count() == rows
    valid = VerifiedAttribute.objects.valid().filter(kind=Kind.DISTRICT_RESIDENT)
    assert set(valid.values_list("district", flat=True)) == {d.pk for d in districts}
    assert valid.values("user").distinct().count() >= 200
    assert VerifiedAttribute.objects.filter(revoked_at__isnull=False).exists()
    assert (
        VerifiedAttribute.objects.exclude(pk__in=VerifiedAttribute.objects.valid())
        .filter(revoked_at__isnull=True)
        .exists()
    )  # expired
