from django.core.management.base import BaseCommand

from profiles.services.organizations import invitation_expire_lapsed
from profiles.services.privacy import account_deletions_process_due, data_exports_expire


class Command(BaseCommand):
    help = (
        "Erase accounts whose 14-day grace period is over, delete expired data archives and "
        "expire lapsed invitations. Run once a day (cron or a scheduler)."
    )

    def handle(self, *args, **options):
        erased = account_deletions_process_due()
        exports = data_exports_expire()
        invitations = invitation_expire_lapsed()
        self.stdout.write(
            f"Accounts erased: {erased}. Archives deleted: {exports}. "
            f"Invitations expired: {invitations}."
        )
