"""Receivers that keep two invariants; the rules themselves live in the services.

- Every account has a profile, however the account was made (sign-up, admin, shell, tests).
- Signing in during the grace period cancels a scheduled account deletion.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _


@receiver(post_save, sender=get_user_model(), dispatch_uid="profiles.profile_for_new_account")
def profile_for_new_account(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from profiles.services.people import profile_create

        profile_create(user=instance)


@receiver(user_logged_in, dispatch_uid="profiles.cancel_deletion_on_login")
def cancel_deletion_on_login(sender, request, user, **kwargs):
    from profiles.services.privacy import account_deletion_cancel_pending

    if account_deletion_cancel_pending(user=user) and request is not None:
        messages.info(
            request,
            _("Welcome back. Your account is no longer scheduled for deletion."),
            fail_silently=True,
        )
