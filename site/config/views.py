"""Site-wide views that belong to no single app."""

from django.http import HttpResponse, JsonResponse
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


def json_error(status: int, code: str, message: str, parameter: str | None = None) -> JsonResponse:
    """The refusal every JSON endpoint gives: {"error": {"code", "message"[, "parameter"]}},
    never cached (the same request may succeed later)."""
    error = {"code": code, "message": str(message)}
    if parameter:
        error["parameter"] = parameter
    response = JsonResponse({"error": error}, status=status)
    response["Cache-Control"] = "no-store"
    return response
