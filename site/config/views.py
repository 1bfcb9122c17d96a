"""Site-wide views that belong to no single app."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def rate_limited(request, exception=None):
    """Shown by django-ratelimit when a public write comes too fast: say so, change nothing."""
    body = render_to_string(
        "config/rate_limited.html",
        {"message": _("Too many attempts. Please wait a minute and try again.")},
        request=request,
    )
    return HttpResponse(body, status=429)
