"""The public logs as open data: JSON over HTTP, at `/ledger/<log id>/…`, in no language.

Every hash is lowercase hex; an entry's bytes are base64 (RFC 4648 §4, with padding); sizes,
indices and timestamps (milliseconds since the Unix epoch) are JSON numbers. A tree head reads

    {"tree_size": n, "timestamp": ms, "root_hash": hex, "signature": hex}

and its Ed25519 signature (`public-key/`) covers `ledger.models.tree_head_message`: 0x01,
tree size and timestamp as 8-byte big-endian integers, then the 32-byte root hash. Proofs
follow RFC 9162 §2.1.3 and §2.1.4 (`ledger.merkle` verifies them and runs without Django).

A bad parameter is a 400 whose body is `{"error": {"code": …, "parameter": …, "message": …}}`;
a log that does not exist, or that is restricted and not open to the visitor
(`ledger.access`), is a 404 of the same shape.

HTTP caching: what a tree of a given size holds never changes, so a proof at a given size, a
range of entries that ends at or below the log's size and the public key are `public,
immutable` for a year; the latest tree head and a range that runs past the end are fresh for
a few seconds. Restricted logs are `private`. Each answer carries an ETag; a matching
`If-None-Match` gets a 304. These answers are a few indexed reads each and carry their own
caching, so they are not stored as shared pages (`config.sharedpages`), whose 30-second
lifetime would override it.
"""

import base64
import hashlib
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.params import MAX_ID, page_of
from config.views import json_error
from ledger import selectors
from ledger.models import Log, TreeHead

IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "public, max-age=5"
TREE_HEADS_PER_PAGE = 1000


class BadParameter(Exception):
    def __init__(self, parameter: str, code: str, message: str):
        super().__init__(message)
        self.parameter, self.code, self.message = parameter, code, message


def _not_found() -> JsonResponse:
    return json_error(404, "log_not_found", _("There is no such log, or it is not open to you."))


def _count(request, name: str, *, minimum: int = 0, default: int | None = None) -> int:
    """A non-negative decimal integer from the query string; BadParameter otherwise."""
    value = request.GET.get(name)
    if value is None or value == "":
        if default is not None:
            return default
        raise BadParameter(name, "missing", _("This parameter is required."))
    if not value.isascii() or not value.isdigit() or len(value) > len(str(MAX_ID)):
        raise BadParameter(name, "not_a_number", _("Expected a whole number written in digits."))
    number = int(value)
    if not minimum <= number <= MAX_ID:
        raise BadParameter(name, "out_of_range", _("This number is out of range."))
    return number


def _hash(request, name: str) -> bytes:
    value = request.GET.get(name, "")
    if not value:
        raise BadParameter(name, "missing", _("This parameter is required."))
    if len(value) != 64 or not value.isascii():
        raise BadParameter(name, "not_a_hash", _("Expected a SHA-256 hash in 64 hex digits."))
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise BadParameter(
            name, "not_a_hash", _("Expected a SHA-256 hash in 64 hex digits.")
        ) from None


def _respond(request, log: Log, document, *, cache: str) -> HttpResponse:
    """JSON with an ETag and the caching `cache` allows (private for a restricted log)."""
    body = json.dumps(document, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    _cache_headers(response, log, cache)
    return get_conditional_response(request, etag=etag, response=response) or response


def _cache_headers(response: HttpResponse, log: Log, cache: str) -> None:
    if log.is_public:
        response["Cache-Control"] = cache
        response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    else:
        response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ["Cookie"])


def _tree_head(head: TreeHead) -> dict:
    return {
        "tree_size": head.size,
        "timestamp": head.timestamp,
        "root_hash": bytes(head.root_hash).hex(),
        "signature": bytes(head.signature).hex(),
    }


def _log_view(handler):
    """Load the log the visitor may read (else 404); turn a bad parameter into a 400."""

    @require_safe
    def view(request, log_id: int):
        log = selectors.log_readable(log_id=log_id, user=request.user)
        if log is None:
            return _not_found()
        try:
            return handler(request, log)
        except BadParameter as error:
            return json_error(400, error.code, error.message, error.parameter)
        except selectors.LedgerQueryError as error:
            return json_error(400, error.code, _("The log cannot answer this request."))
        except selectors.MissingNodeError:
            # Stored hashes are missing: the tables were damaged outside the services. Say
            # so plainly; an auditor's tool treats it as the failure it is.
            return json_error(503, "log_incomplete", _("The log's stored hashes are incomplete."))

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


@_log_view
def tree_head(request, log: Log):
    """GET /ledger/<log>/tree-head/ → the latest signed tree head, with the log's purpose."""
    head = selectors.tree_head_latest(log=log)
    if head is None:
        return _not_found()
    document = {"log": log.pk, "purpose": log.purpose, **_tree_head(head)}
    return _respond(request, log, document, cache=FRESH)


@_log_view
def tree_heads(request, log: Log):
    """GET /ledger/<log>/tree-heads/?page=N → every signed tree head, oldest first, 1,000 a
    page: {"tree_heads": [...], "page": N, "pages": M}."""
    page = page_of(request, selectors.tree_heads(log=log), per_page=TREE_HEADS_PER_PAGE)
    document = {
        "log": log.pk,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "tree_heads": [_tree_head(head) for head in page.object_list],
    }
    return _respond(request, log, document, cache=FRESH)


@_log_view
def consistency(request, log: Log):
    """GET /ledger/<log>/consistency/?first=M&second=N → {"first", "second", "consistency_path"},
    RFC 9162 §2.1.4.1, 1 <= M <= N <= the log's size."""
    first = _count(request, "first", minimum=1)
    second = _count(request, "second", minimum=1)
    if first > second:
        raise BadParameter("first", "out_of_range", _("first must not exceed second."))
    if second > log.size:
        raise BadParameter("second", "out_of_range", _("The log is not that large yet."))
    path = selectors.consistency_proof(log=log, first=first, second=second)
    document = {"first": first, "second": second, "consistency_path": [h.hex() for h in path]}
    return _respond(request, log, document, cache=IMMUTABLE)


@_log_view
def inclusion(request, log: Log):
    """GET /ledger/<log>/inclusion/?leaf_hash=H&tree_size=N → {"leaf_index", "tree_size",
    "inclusion_path"}, RFC 9162 §2.1.3.1 for the first entry whose leaf hash is H among the
    first N (1 <= N <= the log's size). An unknown leaf hash is a 404 ("leaf_not_found")."""
    leaf = _hash(request, "leaf_hash")
    size = _count(request, "tree_size", minimum=1)
    if size > log.size:
        raise BadParameter("tree_size", "out_of_range", _("The log is not that large yet."))
    try:
        index, path = selectors.inclusion_proof_by_hash(log=log, leaf_hash=leaf, size=size)
    except selectors.LedgerQueryError as error:
        if error.code != "leaf_not_found":
            raise
        return json_error(404, "leaf_not_found", _("No entry of this tree has that leaf hash."))
    document = {"leaf_index": index, "tree_size": size, "inclusion_path": [h.hex() for h in path]}
    return _respond(request, log, document, cache=IMMUTABLE)


def _entry(entry) -> dict:
    return {
        "index": entry.index,
        "leaf_hash": bytes(entry.leaf_hash).hex(),
        "data": base64.b64encode(bytes(entry.data)).decode("ascii"),
    }


@_log_view
def entries(request, log: Log):
    """GET /ledger/<log>/entries/?start=S&end=E → {"entries": [{"index", "leaf_hash", "data"}]}
    for S <= index < E (end exclusive, at most 1,000 a request; a range past the log's end
    stops at it). Anyone can check that leaf_hash = SHA-256(0x00 ‖ data)."""
    start = _count(request, "start", default=0)
    end = _count(request, "end", default=start + selectors.MAX_ENTRIES_PER_REQUEST)
    if end < start:
        raise BadParameter("end", "out_of_range", _("end must not be below start."))
    if end - start > selectors.MAX_ENTRIES_PER_REQUEST:
        raise BadParameter("end", "range_too_long", _("At most 1,000 entries per request."))
    rows = selectors.entries_range(log=log, start=start, end=end)
    document = {"log": log.pk, "start": start, "entries": [_entry(entry) for entry in rows]}
    return _respond(request, log, document, cache=IMMUTABLE if end <= log.size else FRESH)


@_log_view
def public_key(request, log: Log):
    """GET /ledger/<log>/public-key/ → {"algorithm": "Ed25519", "public_key": hex of the 32
    raw bytes (RFC 8032)}."""
    document = {"log": log.pk, "algorithm": "Ed25519", "public_key": bytes(log.public_key).hex()}
    return _respond(request, log, document, cache=IMMUTABLE)


@_log_view
def export(request, log: Log):
    """GET /ledger/<log>/export.jsonl → the whole log, streamed as JSON lines: first
    {"log", "purpose", "public_key", "tree_head"}, then every entry that tree head covers,
    one {"index", "leaf_hash", "data"} a line, in order."""
    head = selectors.tree_head_latest(log=log)
    if head is None:
        return _not_found()
    header = {
        "log": log.pk,
        "purpose": log.purpose,
        "public_key": bytes(log.public_key).hex(),
        "tree_head": _tree_head(head),
    }

    def lines():
        yield json.dumps(header, separators=(",", ":")) + "\n"
        for entry in selectors.entries_all(log=log, size=head.size):
            yield json.dumps(_entry(entry), separators=(",", ":")) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/jsonl")
    response["Content-Disposition"] = f'attachment; filename="log-{log.pk}.jsonl"'
    _cache_headers(response, log, FRESH)
    return response
