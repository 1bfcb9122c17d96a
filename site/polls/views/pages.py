"""The public pages of polls (`/polls/…`, in every language): the list, a poll's page with its
live turnout and, once published, its results; the vote page; the credential endpoint the
vote page's script calls while signed in; and the page where a voter checks their receipt.

Secret ballots are cast by `static/polls/vote.js` (blind credential, sealed choices, a random
delay, a cookieless POST to `polls_data:ballots`); an open poll's vote is a plain form POST.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from config.params import page_of
from config.sharedpages import shared_page
from polls import charts, opendata, protocol, selectors
from polls.errors import PollError
from polls.forms import BallotForm
from polls.models import Poll
from polls.services.ballots import credential_issue, named_vote_cast
from polls.views.breakdown import credentials_by_area
from polls.views.common import BadRequest, audience_in_words, json_body, json_error

limit_votes = ratelimit(key="user_or_ip", rate="20/m", method="POST", block=True)


def _poll_or_404(slug: str) -> Poll:
    poll = selectors.poll_for_page(slug)
    if poll is None:
        raise Http404
    return poll


def _turnout(poll: Poll) -> dict:
    """Ballots against the eligible, as numbers and a bar; the eligible count is left out for
    an audience so small that it would single out households (`selectors.poll_turnout`)."""
    turnout = selectors.poll_turnout(poll)
    return {
        "ballots": turnout.ballots,
        "eligible": turnout.eligible,
        "percent": round(turnout.share * 100, 1) if turnout.share is not None else None,
        "svg": charts.turnout_svg(ballots=turnout.ballots, eligible=turnout.eligible),
    }


def _results(poll: Poll) -> list[dict]:
    """Per question: its chart and the rows of its table, from the published results."""
    if poll.state != Poll.State.PUBLISHED or not poll.results:
        return []
    shown = []
    valid = poll.results["ballots"] - poll.results["spoilt"]
    for number, (question, result) in enumerate(
        zip(poll.questions.all(), poll.results["questions"], strict=False), start=1
    ):
        labels = opendata.option_labels(question)
        rows = charts.question_rows(labels=labels, counts=result["counts"], ballots=valid)
        title = _("Results of question %(number)s; the same numbers are in the table.") % {
            "number": number
        }
        shown.append(
            {
                "number": number,
                "question": question,
                "rows": rows,
                "mean": result.get("mean"),
                "svg": charts.question_svg(rows, title=title, chart_id=f"result-{number}-title"),
            }
        )
    return shown


@shared_page
@require_safe
def index(request):
    page = page_of(request, selectors.polls_listed(), per_page=20)
    rows = [{"poll": poll, "turnout": _turnout(poll)} for poll in page.object_list]
    return render(request, "polls/index.html", {"page_obj": page, "rows": rows})


@shared_page
@require_safe
def detail(request, slug):
    poll = _poll_or_404(slug)
    context = {
        "poll": poll,
        "paragraphs": [p for p in poll.description.split("\n\n") if p.strip()],
        "audience_words": audience_in_words(poll.audience),
        "turnout": _turnout(poll),
        "by_area": credentials_by_area(poll) if poll.state != Poll.State.SCHEDULED else None,
        "results": _results(poll),
        "bundle_url": reverse("polls_data:bundle", args=[poll.pk]),
        "csv_url": reverse("polls_data:results_csv", args=[poll.pk]),
    }
    return render(request, "polls/detail.html", context)


def _vote_data(request, poll: Poll) -> dict:
    """What vote.js needs, with its strings translated (the page carries it as JSON)."""
    return {
        "poll": poll.pk,
        "credential_url": reverse("polls:credential", args=[poll.slug]),
        "ballots_url": reverse("polls_data:ballots", args=[poll.pk]),
        "credential_public_key": protocol.b64url(bytes(poll.credential_public_key)),
        "results_public_keys": [protocol.b64url(k) for k in selectors.results_public_keys(poll)],
        "ballot_info": protocol.ballot_info(poll.pk).decode(),
        "log_public_key": bytes(poll.log.public_key).hex(),
        "delay": list(settings.POLL_CAST_DELAY_SECONDS),
        "questions": [{"kind": q.kind, "max_choices": q.max_choices} for q in poll.questions.all()],
        "messages": {
            "unanswered": _("Answer question %(number)s."),
            "too_many": _("Question %(number)s: choose at most %(k)s options."),
            "asking_credential": _("Receiving your anonymous credential…"),
            "credential_failed": _("Your credential could not be issued. Nothing was sent."),
            "bad_credential": _("The credential does not verify under the poll's key."),
            "sealing": _("Sealing your choices to the key holders' results keys…"),
            "waiting": _(
                "Your ballot is ready and kept in this browser. It is sent in %(seconds)s s, "
                "so that its arrival is not the moment you received your credential."
            ),
            "sending": _("Sending your ballot without cookies…"),
            "cast": _("Your ballot is cast. Keep your receipt to check it later."),
            "cast_failed": _("Your ballot could not be sent. It is kept: try again."),
            "bad_receipt": _("The server's receipt does not match your ballot."),
            "not_sent_yet": _("not sent yet"),
        },
    }


def _vote_context(request, poll: Poll) -> dict:
    status = selectors.poll_vote_status(poll, request.user)
    has_voted = status.has_credential or status.has_voted
    return {
        "poll": poll,
        "eligible": status.eligible,
        "has_voted": has_voted,
        "roll_hash": status.roll_hash,
        "can_vote": poll.state == Poll.State.OPEN and status.eligible and not has_voted,
        "audience_words": audience_in_words(poll.audience),
    }


@never_cache
@login_required
@limit_votes
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request, slug):
    poll = _poll_or_404(slug)
    context = _vote_context(request, poll)
    form = BallotForm(
        request.POST if request.method == "POST" else None, questions=poll.questions.all()
    )
    if request.method == "POST":
        if poll.is_secret:
            messages.error(request, _("A secret ballot is cast by this page's script, not posted."))
            return redirect("polls:vote", poll.slug)
        if form.is_valid():
            try:
                named_vote_cast(poll=poll, user=request.user, answers=form.answers())
            except PollError as error:
                messages.error(request, error.message)
                return redirect("polls:vote", poll.slug)
            messages.success(request, _("Your vote is recorded in the poll's log."))
            return redirect("polls:vote", poll.slug)
    context["form"] = form
    if poll.is_secret:
        context["vote_data"] = _vote_data(request, poll)
    return render(request, "polls/vote.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
@ratelimit(key="user_or_ip", rate="10/m", method="POST", block=False)
def credential(request, slug):
    """POST {"blinded": b64url} with the CSRF header, signed in → {"blind_signature",
    "roll_hash"}. One credential per person and poll (`credential_issue`)."""
    if getattr(request, "limited", False):
        return json_error(429, "rate_limited", _("Too many attempts; wait a minute."))
    if not request.user.is_authenticated:
        return json_error(403, "sign_in", _("Sign in to receive your ballot."))
    poll = Poll.objects.filter(slug=slug).exclude(state=Poll.State.DRAFT).first()
    if poll is None:
        return json_error(404, "poll_not_found", _("There is no such poll."))
    try:
        body = json_body(request)
        blinded = body.get("blinded")
        if not isinstance(blinded, str) or not blinded:
            raise BadRequest("missing", _("The request needs the blinded ballot."))
        try:
            blinded_msg = protocol.b64url_decode(blinded)
        except protocol.ProtocolError:
            raise BadRequest(
                "not_base64url", _("blinded is not base64url without padding.")
            ) from None
        signature = credential_issue(poll=poll, user=request.user, blinded_msg=blinded_msg)
    except BadRequest as error:
        return json_error(error.status, error.code, error.message)
    except PollError as error:
        status = {"not_eligible": 403, "already_issued": 409, "not_open": 409}.get(error.code, 400)
        return json_error(status, error.code, error.message)
    issuance = selectors.issuance_of(poll, request.user)
    return JsonResponse(
        {
            "blind_signature": protocol.b64url(signature),
            "roll_hash": protocol.roll_hash(poll_id=poll.pk, secret=bytes(issuance.roll_secret)),
        }
    )


@shared_page
@require_safe
def verify(request, slug):
    poll = _poll_or_404(slug)
    log_id = poll.log_id
    data = {
        "poll": poll.pk,
        "bundle_url": reverse("polls_data:bundle", args=[poll.pk]),
        "tree_head_url": reverse("ledger:tree_head", args=[log_id]),
        "inclusion_url": reverse("ledger:inclusion", args=[log_id]),
        "entries_url": reverse("ledger:entries", args=[log_id]),
        "messages": {
            "pass": _("Passed:"),
            "fail": _("Failed:"),
            "wait": _("Not yet:"),
            "checking": _("Checking…"),
            "summary_pass": _("Every check passed: your ballot is in the poll's public log."),
            "summary_fail": _("A check failed. Keep your receipt and tell the organisers."),
            "summary_wait": _("No check failed; some can only be made later."),
            "unreadable": _("The receipt cannot be read: paste or load the file you kept."),
            "other_poll": _("This receipt belongs to another poll."),
            "leaf": _("your ballot's parts give the leaf hash in your receipt."),
            "credential": _("your credential carries the poll's blind signature."),
            "promise": _("the log's key signed its promise to include your ballot."),
            "not_sent": _("your ballot was not sent: open the vote page to send it."),
            "no_tree_head": _("the log has no signed tree head yet."),
            "tree_head": _("the log's latest tree head is signed by the log's key."),
            "not_in_log": _(
                "your ballot is not in the log yet: ballots are added in shuffled batches "
                "every few minutes and at closing."
            ),
            "inclusion": _("the inclusion proof of your ballot verifies to the signed root."),
            "not_published": _(
                "the results keys are published with the results, once the poll has closed "
                "and every key holder has given theirs."
            ),
            "opened": _(
                "your ballot in the log opens with the published keys to the choices this "
                "browser kept."
            ),
        },
    }
    return render(request, "polls/verify.html", {"poll": poll, "verify_data": data})


urlpatterns = [
    path("", index, name="index"),
    path("<slug:slug>/", detail, name="detail"),
    path("<slug:slug>/vote/", vote, name="vote"),
    path("<slug:slug>/credential/", credential, name="credential"),
    path("<slug:slug>/verify/", verify, name="verify"),
]
