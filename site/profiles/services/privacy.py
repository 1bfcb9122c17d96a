"""A person's rights over their data: export it, delete the account; and the log of staff
looking at it."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from profiles.data_rights import erase_everywhere, export_archive
from profiles.exceptions import NotAllowed, ProfilesError, check_transition
from profiles.models import AccountDeletion, DataExport, PersonalDataAccess, User

EXPORTS_PER_DAY = 3


def _language() -> str:
    return translation.get_language() or "uk"


def data_export_request(*, user: User) -> DataExport:
    """Ask for the archive; it is built in the background and the person is emailed."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed(_("Sign in to download your data."))
    exports = DataExport.objects.filter(user=user)
    if exports.filter(state=DataExport.State.PENDING).exists():
        raise ProfilesError(_("Your archive is already being prepared."))
    since = timezone.now() - timezone.timedelta(days=1)
    if exports.filter(requested_at__gte=since).count() >= EXPORTS_PER_DAY:
        raise ProfilesError(_("You can ask for at most 3 archives a day."))
    with transaction.atomic():
        export = DataExport.objects.create(user=user)
        from profiles.tasks import data_export_build

        language = _language()
        on_commit_robust(lambda: data_export_build.enqueue(export.pk, language))
    return export


def data_export_build(*, export: DataExport) -> DataExport:
    """Collect every app's data about the person into a ZIP in private storage."""
    check_transition(export, DataExport.State.READY)
    try:
        content = export_archive(export.user)
    except Exception:
        export.state = DataExport.State.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "finished_at"])
        raise
    with transaction.atomic():
        export.file.save(
            f"spilno-{export.user_id}-{export.pk}.zip", ContentFile(content), save=False
        )
        export.size = len(content)
        export.state = DataExport.State.READY
        export.finished_at = timezone.now()
        export.expires_at = export.finished_at + timezone.timedelta(days=DataExport.LIFETIME_DAYS)
        export.save()
    return export


def data_exports_expire(*, now=None) -> int:
    """Delete archives past their date (they hold everything about a person)."""
    now = now or timezone.now()
    expired = 0
    for export in DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now):
        if export.file:
            export.file.delete(save=False)
        export.state = DataExport.State.EXPIRED
        export.save(update_fields=["state", "file"])
        expired += 1
    return expired


def account_deletion_request(*, user: User, password: str) -> AccountDeletion:
    """Schedule the account for erasure in GRACE_DAYS. The password guards against a
    forgotten open session; the grace period against a moment's regret."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed(_("Sign in to delete your account."))
    if not user.check_password(password):
        raise ProfilesError(_("That is not your password."))
    if AccountDeletion.objects.filter(user=user, state=AccountDeletion.State.SCHEDULED).exists():
        raise ProfilesError(_("Your account is already scheduled for deletion."))
    with transaction.atomic():
        deletion = AccountDeletion.objects.create(
            user=user,
            scheduled_for=timezone.now() + timezone.timedelta(days=AccountDeletion.GRACE_DAYS),
        )
        from profiles.tasks import account_deletion_notify

        language = _language()
        on_commit_robust(lambda: account_deletion_notify.enqueue(deletion.pk, language))
    return deletion


def account_deletion_cancel(*, deletion: AccountDeletion, user: User) -> AccountDeletion:
    if deletion.user_id != user.pk:
        raise NotAllowed(_("This is not your account."))
    deletion.refresh_from_db(fields=["state"])
    check_transition(deletion, AccountDeletion.State.CANCELLED)
    deletion.state = AccountDeletion.State.CANCELLED
    deletion.cancelled_at = timezone.now()
    deletion.save(update_fields=["state", "cancelled_at"])
    return deletion


def account_deletion_cancel_pending(*, user: User) -> bool:
    """Cancel a scheduled deletion (signing in does this). True if there was one."""
    deletion = AccountDeletion.objects.filter(
        user=user, state=AccountDeletion.State.SCHEDULED
    ).first()
    if deletion is None:
        return False
    account_deletion_cancel(deletion=deletion, user=user)
    return True


def account_erase(*, deletion: AccountDeletion) -> None:
    """Erase the account now: every app's personal data goes, public contributions stay
    under "Former participant". A last email confirms it to the address being erased."""
    from profiles.emails import send_templated_email

    with transaction.atomic():
        deletion = AccountDeletion.objects.select_for_update().get(pk=deletion.pk)
        check_transition(deletion, AccountDeletion.State.COMPLETED)
        user = deletion.user
        address = user.email
        language = _language()
        erase_everywhere(user)
        deletion.state = AccountDeletion.State.COMPLETED
        deletion.completed_at = timezone.now()
        deletion.save(update_fields=["state", "completed_at"])
        # The address is not passed to a task (task arguments are stored); it is used once,
        # from memory, after the erasure is committed.
        on_commit_robust(
            lambda: send_templated_email(
                to=[address], template="account_erased", context={}, language=language
            )
        )


def account_deletions_process_due(*, now=None) -> int:
    """Erase every account whose grace period is over. Run daily (privacy_housekeeping)."""
    now = now or timezone.now()
    due = AccountDeletion.objects.filter(
        state=AccountDeletion.State.SCHEDULED, scheduled_for__lte=now
    )
    count = 0
    for deletion in due:
        account_erase(deletion=deletion)
        count += 1
    return count


def personal_data_access_log(*, staff: User, subject: User, what: str, path: str) -> None:
    """Record that staff opened an admin page showing `subject`'s personal data."""
    if subject is None or staff is None or not staff.is_authenticated:
        return
    PersonalDataAccess.objects.create(
        staff=staff, subject=subject, what=what[:120], path=path[:300]
    )
