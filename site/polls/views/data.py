"""Open data and the cookieless ballot box, at `/poll-data/<poll id>/…`, in no language.

The ballot box (`ballots/`) never reads a cookie or a session and sets none: the ballot
arrives with `credentials: "omit"`, so nothing in the request ties it to the signed-in person
who received the credential. It is rate-limited by the client's address (kept only as a keyed
hash in the cache by django-ratelimit) and left out of the access log (`gunicorn.conf.py`).
Every refusal is JSON `{"error": {"code", "message"}}` with a 4xx status.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from config.sharedpages import shared_page
from polls import opendata, protocol
from polls.errors import PollError
from polls.models import Poll
from polls.services.ballots import ballot_submit
from polls.views.common import BadRequest, json_body, json_error

BALLOT_PARTS = ("token", "signature", "enc", "ct")
# Status of each refusal of `ballot_submit`: a ballot the box will never take is 400, one it
# no longer takes (spent token, closed poll) is 409.
REFUSALS = {"token_spent": 409, "not_open": 409, "not_secret": 409}


def _visible_poll(poll_id: int) -> Poll | None:
    """A poll past its draft: drafts have no public record yet."""
    polls = Poll.objects.exclude(state=Poll.State.DRAFT).select_related("log")
    return polls.filter(pk=poll_id).first()


def _poll_for_ballot(poll_id: int) -> Poll | None:
    """The poll a ballot is cast into, with only what casting reads (its state, secrecy and
    credential public key, and its log's signing key for the receipt): the ballot box is the
    hot path, and the rest of the row (sealed keys, results, texts) is kilobytes it never
    uses."""
    polls = Poll.objects.exclude(state=Poll.State.DRAFT).select_related("log")
    return (
        polls.only("pk", "state", "secrecy", "credential_public_key", "log")
        .filter(pk=poll_id)
        .first()
    )


def _poll_not_found() -> JsonResponse:
    return json_error(404, "poll_not_found", _("There is no such poll."))


def _ballot_parts(body: dict) -> dict[str, bytes]:
    parts = {}
    for name in BALLOT_PARTS:
        value = body.get(name)
        if not isinstance(value, str) or not value:
            raise BadRequest("missing", _("The ballot needs token, signature, enc and ct."))
        try:
            parts[name] = protocol.b64url_decode(value)
        except protocol.ProtocolError:
            raise BadRequest(
                "not_base64url",
                _("%(name)s is not base64url without padding.") % {"name": name},
            ) from None
    return parts


@csrf_exempt
@require_POST
@never_cache
@ratelimit(key="ip", rate="60/m", method="POST", block=False)
def ballots(request, poll_id: int):
    """POST {"token", "signature", "enc", "ct"} (base64url) → {"log_id", "leaf_hash",
    "receipt"}: the leaf hash of the ballot's entry and the log key's signature over
    `protocol.receipt_message`."""
    if getattr(request, "limited", False):
        return json_error(
            429, "rate_limited", _("Too many ballots from this address; wait a minute.")
        )
    poll = _poll_for_ballot(poll_id)
    if poll is None:
        return _poll_not_found()
    try:
        parts = _ballot_parts(json_body(request))
        receipt = ballot_submit(poll=poll, **parts)
    except BadRequest as error:
        return json_error(error.status, error.code, error.message)
    except PollError as error:
        return json_error(REFUSALS.get(error.code, 400), error.code, error.message)
    return JsonResponse(receipt.as_json(), status=201)


@shared_page
@require_safe
def bundle(request, poll_id: int):
    """GET → the poll's public record, format "spilno-poll-bundle-1" (see `opendata`)."""
    poll = _visible_poll(poll_id)
    if poll is None:
        return _poll_not_found()
    response = JsonResponse(opendata.bundle_document(poll), json_dumps_params={"indent": 1})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    response["Cache-Control"] = "public, max-age=5"
    return response


@shared_page
@require_safe
def results_csv(request, poll_id: int):
    """GET → the published results as CSV; a 404 that says why before publication."""
    poll = _visible_poll(poll_id)
    if poll is None:
        return _poll_not_found()
    if poll.state != Poll.State.PUBLISHED:
        return json_error(
            404, "not_published", _("The results are published when the poll has closed.")
        )
    response = HttpResponse(opendata.results_csv(poll), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}-results.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
