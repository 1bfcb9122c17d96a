"""Attributes that other apps' records imply: a verified expert competency is a profession, a
team membership is a membership. The receivers keep them in step with their sources
(`residents.derived`).

They write in the transaction of the change that fired them, not after its commit: the
attribute then stands or falls with its source (a review rolled back leaves no profession
behind), and an eligibility check made right after the commit already sees it. The only
after-the-fact path is `manage.py residents_sync`, for writes that bypass signals."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete


def _claim_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from residents.derived import profession_follow

    profession_follow(claim=instance)


def _claim_deleted(sender, instance, **kwargs):
    from residents.derived import profession_follow

    profession_follow(claim=instance, deleted=True)


def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from residents.derived import membership_follow

    membership_follow(membership=instance)


def _membership_deleted(sender, instance, **kwargs):
    from residents.derived import membership_follow

    membership_follow(membership=instance, deleted=True)


def connect() -> None:
    """Connects the receivers (called once from `ResidentsConfig.ready`)."""
    from experts.models import CompetencyClaim
    from profiles.models import Membership

    post_save.connect(_claim_saved, sender=CompetencyClaim, dispatch_uid="residents_claim_saved")
    post_delete.connect(
        _claim_deleted, sender=CompetencyClaim, dispatch_uid="residents_claim_deleted"
    )
    post_save.connect(
        _membership_saved, sender=Membership, dispatch_uid="residents_membership_saved"
    )
    post_delete.connect(
        _membership_deleted, sender=Membership, dispatch_uid="residents_membership_deleted"
    )
    _connect_audience_rules()


def _connect_audience_rules() -> None:
    """`Audience.rule` follows every change of the audience's many-to-many rows, however made
    (`residents.services.audiences`)."""
    from residents.models import Audience
    from residents.models.audiences import RULE_KINDS
    from residents.services import audiences

    for name in RULE_KINDS:
        field = Audience._meta.get_field(name)
        m2m_changed.connect(
            audiences.audience_rule_follow,
            sender=field.remote_field.through,
            dispatch_uid=f"residents_audience_rule_{name}",
        )
        target = field.related_model
        audiences._KIND_OF_TARGET[target] = name
        pre_delete.connect(
            audiences.audience_rule_target_deleting,
            sender=target,
            dispatch_uid=f"residents_audience_rule_{name}_deleting",
        )
        post_delete.connect(
            audiences.audience_rule_target_deleted,
            sender=target,
            dispatch_uid=f"residents_audience_rule_{name}_deleted",
        )
