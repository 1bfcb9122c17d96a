"""Give existing rows what new ones get: the keyed mailbox hash of every signature whose
address is still known, and deadlines for petitions already gathering support or awaiting
moderation (counted from when they reached that stage, with the settings of today)."""

from datetime import timedelta

from django.db import migrations

from config.privacy import keyed_hash

# As `petitions.normalize.MAILBOX_HASH_PURPOSE`; written out so that this migration keeps
# computing the same hashes whatever that module becomes.
MAILBOX_HASH_PURPOSE = "petitions.mailbox"
BATCH = 2000
SUPPORT_DAYS, MODERATION_DAYS = 30, 7


def hash_mailboxes(apps, schema_editor):
    Signature = apps.get_model("petitions", "Signature")
    pending = Signature.objects.filter(normalized_email__isnull=False, mailbox_hash__isnull=True)
    rows = pending.order_by("pk").values_list("pk", "normalized_email")
    batch = []
    for pk, normalized in rows.iterator(chunk_size=BATCH):
        batch.append(
            Signature(pk=pk, mailbox_hash=keyed_hash(normalized, purpose=MAILBOX_HASH_PURPOSE))
        )
        if len(batch) == BATCH:
            Signature.objects.bulk_update(batch, ["mailbox_hash"])
            batch = []
    if batch:
        Signature.objects.bulk_update(batch, ["mailbox_hash"])


def _days(apps) -> tuple[int, int]:
    PetitionSettings = apps.get_model("petitions", "PetitionSettings")
    settings = PetitionSettings.objects.filter(site__is_default_site=True).first()
    if settings is None:
        return SUPPORT_DAYS, MODERATION_DAYS
    return settings.support_days, settings.moderation_days


def set_deadlines(apps, schema_editor):
    PetitionPage = apps.get_model("petitions", "PetitionPage")
    support_days, moderation_days = _days(apps)
    gathering = PetitionPage.objects.filter(
        state__in=["gathering_support", "awaiting_moderation"],
        closes_at__isnull=True,
        submitted_at__isnull=False,
    )
    for petition in gathering.only("pk", "submitted_at"):
        PetitionPage.objects.filter(pk=petition.pk).update(
            closes_at=petition.submitted_at + timedelta(days=support_days)
        )
    waiting = PetitionPage.objects.filter(
        state="awaiting_moderation", moderation_deadline__isnull=True
    )
    for petition in waiting.only("pk", "moderation_requested_at", "submitted_at"):
        since = petition.moderation_requested_at or petition.submitted_at
        if since is not None:
            PetitionPage.objects.filter(pk=petition.pk).update(
                moderation_deadline=since + timedelta(days=moderation_days)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0003_signing_deadlines_and_mailbox_hash"),
    ]

    operations = [
        migrations.RunPython(hash_mailboxes, migrations.RunPython.noop),
        migrations.RunPython(set_deadlines, migrations.RunPython.noop),
    ]
