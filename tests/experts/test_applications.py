"""Becoming an expert: the profile, one application per competency, staff verification."""

from django.contrib.auth.models import Group
from django.core import mail

import pytest

from experts import services
from experts.errors import ApplicationError
from experts.models import CompetencyClaim, ExpertProfile
from tests.experts.factories import CompetencyFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = CompetencyClaim.Status


@pytest.fixture
def applicant(db):
    return UserFactory(first_name="Марта", last_name="Бондар")


@pytest.fixture
def reviewer(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def apply(user, competency, evidence="Диплом ландшафтного архітектора, 2015."):
    return services.expert_apply(
        user=user,
        statement="Проєктую двори разом із мешканцями.",
        credentials="Магістр архітектури.",
        competency=competency,
        evidence=evidence,
        tags=["озеленення", " дитячі майданчики ", ""],
    )


def test_any_user_can_apply_for_a_competency_with_evidence(applicant, heating):
    claim = apply(applicant, heating)
    profile = ExpertProfile.objects.get(user=applicant)
    assert claim.status == Status.PENDING
    assert list(profile.competencies.all()) == [heating]
    assert sorted(profile.tags.names()) == ["дитячі майданчики", "озеленення"]


def test_an_application_without_evidence_is_refused(applicant, heating):
    with pytest.raises(ApplicationError, match="evidence"):
        apply(applicant, heating, evidence="  ")
    assert not CompetencyClaim.objects.exists()


def test_staff_verify_a_competency_and_the_expert_is_told(
    applicant, heating, reviewer, django_capture_on_commit_callbacks
):
    claim = apply(applicant, heating)
    with django_capture_on_commit_callbacks(execute=True):
        services.competency_claim_review(claim=claim, by=reviewer, verify=True, note="Перевірено")
    claim.refresh_from_db()
    assert claim.is_verified and claim.reviewed_by == reviewer
    assert mail.outbox[0].to == [applicant.email]
    assert "Інженер-теплотехнік" in mail.outbox[0].subject


def test_a_rejected_expert_can_apply_again_with_new_evidence(applicant, heating, reviewer):
    claim = apply(applicant, heating)
    services.competency_claim_review(claim=claim, by=reviewer, verify=False, note="Додайте диплом")
    again = apply(applicant, heating, evidence="Копія диплома додана.")
    assert again.pk == claim.pk
    assert again.status == Status.PENDING


def test_a_verified_competency_cannot_be_applied_for_again(applicant, heating, reviewer):
    claim = apply(applicant, heating)
    services.competency_claim_review(claim=claim, by=reviewer, verify=True)
    with pytest.raises(ApplicationError, match="already verified"):
        apply(applicant, heating)


def test_only_staff_with_the_permission_verify(applicant, heating):
    claim = apply(applicant, heating)
    with pytest.raises(ApplicationError, match="Only staff"):
        services.competency_claim_review(claim=claim, by=UserFactory(), verify=True)
    with pytest.raises(ApplicationError, match="Only staff"):
        services.competency_claim_review(claim=claim, by=applicant, verify=True)


def test_a_decided_application_cannot_be_decided_the_same_way_twice(applicant, heating, reviewer):
    claim = apply(applicant, heating)
    services.competency_claim_review(claim=claim, by=reviewer, verify=True)
    with pytest.raises(ApplicationError, match="cannot become"):
        services.competency_claim_review(claim=claim, by=reviewer, verify=True)


def test_one_expert_applies_for_several_competencies(applicant, heating):
    apply(applicant, heating)
    apply(applicant, CompetencyFactory(name="Енергоаудитор", name_en="Energy auditor"))
    assert CompetencyClaim.objects.filter(content_object__user=applicant).count() == 2
