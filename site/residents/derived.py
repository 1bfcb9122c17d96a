"""Attributes that follow a record of another app: a verified expert competency is a
profession, a team membership is a membership of the organization.

The receivers in `residents.signals` call `profession_follow` and `membership_follow` when the
source changes; `derived_sync` (the `residents_sync` command) brings every derived attribute in
line with its source for data written without signals (bulk writes, imports, old data). Both go
through `attribute_grant` / `attribute_revoke` only, and both are idempotent: an attribute
already in line is left as it is (its verification date is not renewed for nothing).

Staff who want a profession or a membership to stop counting withdraw its source (reject the
competency, remove the person from the team): an attribute revoked by hand while its source
still holds is granted again by the next sync.
"""

from django.utils.translation import gettext_lazy as _

from residents.models import VerifiedAttribute
from residents.services.attributes import attribute_grant, attribute_revoke

Kind = VerifiedAttribute.Kind
Source = VerifiedAttribute.Source

# The reasons recorded on a revocation nobody decided: the source went away.
REASON_CLAIM = _("The expert competency is no longer verified.")
REASON_MEMBERSHIP = _("The person left the organization's team.")


def _valid(**target):
    return VerifiedAttribute.objects.valid().filter(**target)


def _revoke_valid(*, reason, **target) -> int:
    revoked = 0
    for attribute in _valid(**target):
        attribute_revoke(attribute=attribute, by=None, reason=str(reason))
        revoked += 1
    return revoked


def profession_follow(*, claim, deleted: bool = False) -> None:
    """Grant or revoke the profession that `claim` (a CompetencyClaim) implies."""
    from experts.models import CompetencyClaim, ExpertProfile

    # Read, not followed through `claim.content_object`: while an account is being deleted,
    # the expert profile may already be gone (and the attributes go with the account).
    user_id = (
        ExpertProfile.objects.filter(pk=claim.content_object_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is None:
        return
    target = {"user_id": user_id, "kind": Kind.PROFESSION, "competency_id": claim.tag_id}
    if not deleted and claim.status == CompetencyClaim.Status.VERIFIED:
        if not _valid(**target).exists():
            attribute_grant(
                user=claim.content_object.user,
                kind=Kind.PROFESSION,
                target=claim.tag,
                source=Source.EXPERT_CREDENTIAL,
                verified_by=claim.reviewed_by,
            )
    else:
        _revoke_valid(reason=REASON_CLAIM, **target)


def membership_follow(*, membership, deleted: bool = False) -> None:
    """Grant or revoke the membership attribute that `membership` (a team Membership) implies."""
    target = {
        "user_id": membership.user_id,
        "kind": Kind.MEMBER,
        "organization_id": membership.organization_id,
    }
    if not deleted:
        if not _valid(**target).exists():
            attribute_grant(
                user=membership.user,
                kind=Kind.MEMBER,
                target=membership.organization,
                source=Source.TEAM_MEMBERSHIP,
            )
    else:
        _revoke_valid(reason=REASON_MEMBERSHIP, **target)


def derived_sync(*, progress=None) -> dict:
    """Bring every profession and membership attribute in line with its source. Returns how
    many were granted and revoked. `progress` is a `config.demo.Progress` (or None)."""
    from experts.models import CompetencyClaim
    from profiles.models import Membership

    def iterate(label, items):
        items = list(items)
        return progress.iterate(label, items) if progress else items

    done = {"granted": 0, "revoked": 0}
    claims = CompetencyClaim.objects.filter(status=CompetencyClaim.Status.VERIFIED)
    should = {
        (claim.content_object.user_id, claim.tag_id): claim
        for claim in claims.select_related("content_object__user", "tag", "reviewed_by")
    }
    have = set(_valid(kind=Kind.PROFESSION).values_list("user_id", "competency_id"))
    for key in iterate("residents: professions", should.keys() - have):
        claim = should[key]
        attribute_grant(
            user=claim.content_object.user,
            kind=Kind.PROFESSION,
            target=claim.tag,
            source=Source.EXPERT_CREDENTIAL,
            verified_by=claim.reviewed_by,
        )
        done["granted"] += 1
    for user_id, competency_id in iterate("residents: lapsed professions", have - should.keys()):
        done["revoked"] += _revoke_valid(
            reason=REASON_CLAIM, user_id=user_id, kind=Kind.PROFESSION, competency_id=competency_id
        )

    should = {
        (m.user_id, m.organization_id): m
        for m in Membership.objects.select_related("user", "organization")
    }
    have = set(_valid(kind=Kind.MEMBER).values_list("user_id", "organization_id"))
    for key in iterate("residents: memberships", should.keys() - have):
        membership = should[key]
        attribute_grant(
            user=membership.user,
            kind=Kind.MEMBER,
            target=membership.organization,
            source=Source.TEAM_MEMBERSHIP,
        )
        done["granted"] += 1
    for user_id, organization_id in iterate("residents: former members", have - should.keys()):
        done["revoked"] += _revoke_valid(
            reason=REASON_MEMBERSHIP,
            user_id=user_id,
            kind=Kind.MEMBER,
            organization_id=organization_id,
        )
    return done
