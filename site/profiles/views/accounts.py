"""One way in: every login goes through allauth's form, which throttles wrong passwords and
lets no one in before their email is confirmed."""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from profiles.adapters import in_current_language


@never_cache
def admin_login(request):
    """Stands at Wagtail's `/admin/login/` (and is where Wagtail sends whoever it turns away).

    Wagtail's own form would check a password with neither allauth's throttling nor its
    confirmed-email rule, so it is never shown and nothing posted here is read: the visitor is
    sent to allauth's login, which returns them to the admin. Someone already signed in whose
    account may not use the admin goes home (Wagtail has said why); allauth's login would send
    them straight back to the admin, and round again.
    """
    if request.user.is_authenticated and not request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(in_current_language(settings.LOGIN_REDIRECT_URL))
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("wagtailadmin_home")
    return redirect_to_login(next_url, login_url="account_login")
