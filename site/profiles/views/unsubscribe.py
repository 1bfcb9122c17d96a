"""The address every optional email's unsubscribe link and `List-Unsubscribe` header name.

A person opens it from the email: GET only asks (mail scanners and link previews follow
links, and must not unsubscribe anyone), the page's form POSTs with its CSRF token. A mail
client's one-click button (RFC 8058) POSTs `List-Unsubscribe=One-Click` from no page, so it
has no CSRF token: the view is exempt from the middleware and runs Django's CSRF check itself
on every other POST. Either way the signed token in the address is the permission.
"""

from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from profiles.services.people import notification_unsubscribe
from profiles.unsubscribe import (
    ONE_CLICK_FIELD,
    ONE_CLICK_VALUE,
    InvalidUnsubscribeLink,
    unsubscribe_token_read,
)
from profiles.views.common import error_message, limit_writes


def _is_one_click(request) -> bool:
    """Exactly the one field of RFC 8058 section 3.2, form- or multipart-encoded, nothing
    else: any other POST is a form and must carry its CSRF token."""
    return not request.FILES and list(request.POST.lists()) == [
        (ONE_CLICK_FIELD, [ONE_CLICK_VALUE])
    ]


def _csrf_refusal(request):
    """The check CsrfViewMiddleware makes on views that are not exempt: its 403 response
    when the request fails it, else None."""
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@limit_writes
def unsubscribe(request, token):
    if request.method == "POST" and not _is_one_click(request):
        refusal = _csrf_refusal(request)
        if refusal is not None:
            return refusal
    try:
        if request.method == "POST":
            _user, kind = notification_unsubscribe(token=token)
        else:
            _user, kind = unsubscribe_token_read(token)
    except InvalidUnsubscribeLink as error:
        response = render(
            request, "profiles/unsubscribe.html", {"problem": error_message(error)}, status=400
        )
    else:
        response = render(
            request,
            "profiles/unsubscribe.html",
            {"kind": kind, "done": request.method == "POST"},
        )
    # The address is a credential for one setting of one person: keep it out of caches.
    response["Cache-Control"] = "private, no-store"
    return response
