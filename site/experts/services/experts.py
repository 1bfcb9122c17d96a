"""Becoming an expert: the profile, applications per competency, staff verification."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.models import District
from config.transactions import on_commit_robust
from experts.errors import ApplicationError
from experts.models import Competency, CompetencyClaim, ExpertProfile

REVIEW_PERMISSION = "experts.review_competencyclaim"


def expert_profile_save(
    *,
    user,
    statement: str,
    credentials: str,
    district: District | None = None,
    tags: list[str] | None = None,
) -> ExpertProfile:
    """Create or update the user's expert profile. Free tags are replaced by `tags`."""
    if not user.is_authenticated or not user.is_active:
        raise ApplicationError(_("Sign in to offer your expertise."))
    with transaction.atomic():
        profile = ExpertProfile.objects.filter(user=user).first() or ExpertProfile(user=user)
        profile.statement = statement.strip()
        profile.credentials = credentials.strip()
        profile.district = district
        profile.full_clean()
        profile.save()
        clean_tags = sorted({tag.strip()[:100] for tag in tags or [] if tag.strip()})
        profile.tags.set(clean_tags)
    return profile


def competency_apply(*, user, competency: Competency, evidence: str) -> CompetencyClaim:
    """Apply (or apply again after a rejection) for one competency, with evidence."""
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        raise ApplicationError(_("Describe yourself as an expert before applying."))
    if not evidence.strip():
        raise ApplicationError(_("Tell staff what they can check: the evidence is required."))
    with transaction.atomic():
        claim = (
            CompetencyClaim.objects.select_for_update()
            .filter(content_object=profile, tag=competency)
            .first()
        )
        if claim is None:
            claim = CompetencyClaim(content_object=profile, tag=competency)
        elif claim.status == CompetencyClaim.Status.VERIFIED:
            raise ApplicationError(_("This competency is already verified."))
        elif claim.status == CompetencyClaim.Status.REJECTED:
            claim.status = CompetencyClaim.Status.PENDING
            claim.reviewed_at = None
            claim.reviewed_by = None
        claim.evidence = evidence.strip()
        claim.full_clean()
        claim.save()
    return claim


def competency_claim_review(
    *, claim: CompetencyClaim, by, verify: bool, note: str = ""
) -> CompetencyClaim:
    """Staff decide on an application; the expert hears about it by email."""
    from experts.tasks import notify_claim_reviewed

    if not by.has_perm(REVIEW_PERMISSION):
        raise ApplicationError(_("Only staff who verify experts can do this."))
    target = CompetencyClaim.Status.VERIFIED if verify else CompetencyClaim.Status.REJECTED
    with transaction.atomic():
        claim = CompetencyClaim.objects.select_for_update().get(pk=claim.pk)
        if target not in CompetencyClaim.TRANSITIONS[claim.status]:
            raise ApplicationError(
                _("An application that is “%(status)s” cannot become “%(target)s”.")
                % {"status": claim.get_status_display(), "target": target.label}
            )
        claim.status = target
        claim.reviewed_by = by
        claim.reviewed_at = timezone.now()
        claim.review_note = note.strip()
        claim.save()
        on_commit_robust(lambda: notify_claim_reviewed.enqueue(claim_id=claim.pk))
    return claim


def expert_apply(
    *,
    user,
    statement: str,
    credentials: str,
    competency: Competency,
    evidence: str,
    district: District | None = None,
    tags: list[str] | None = None,
) -> CompetencyClaim:
    """The "become an expert" form: save the profile and apply for one competency at once."""
    with transaction.atomic():
        expert_profile_save(
            user=user, statement=statement, credentials=credentials, district=district, tags=tags
        )
        return competency_apply(user=user, competency=competency, evidence=evidence)
