"""A poll's life: create, correct, schedule, open, close, publish (and `polls_tick`, which does
the timed steps).

Each poll gets at creation its own RSA-3072 credential key (blind signatures, RFC 9474), whose
private half is stored only sealed (`config.keys.key_seal`) for a purpose bound to the poll,
and its own log. Its results keys (HPKE, RFC 9180) are not ours: its key holders make them
and give us the public halves before it is scheduled, the private halves after it has closed
(`polls.services.keys`); publication puts them beside the results, so that anyone can open
every ballot.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.keys import key_seal
from config.transactions import on_commit_robust
from ledger.models import Log
from ledger.selectors import tree_head_latest
from ledger.services import log_create
from polls import blind_rsa
from polls.apps import LOG_PURPOSE
from polls.errors import PollError
from polls.models import Issuance, NamedVote, Option, Poll, Question, SpentToken
from polls.permissions import is_poll_editor, poll_creation_allowed
from polls.services.ballots import ballots_append_batch, poll_tally
from polls.services.keys import (
    holders_named,
    key_holders_create,
    key_holders_waiting,
    results_private_keys,
)
from profiles.text import latin_slug
from residents.errors import ResidentsError
from residents.selectors import audience_count
from residents.services.audiences import audience_freeze

MAX_QUESTIONS = 20
MAX_OPTIONS = 30
SLUG_ATTEMPTS = 20
logger = logging.getLogger(__name__)
UPDATABLE_FIELDS = {"title", "summary", "description", "opens_at", "closes_at", "secrecy"}


def secret_min_audience() -> int:
    return settings.POLL_SECRET_MIN_AUDIENCE


def poll_transition(poll: Poll, target: str) -> None:
    """Raise PollError("illegal_transition") unless `poll.state → target` is legal."""
    if target not in Poll.TRANSITIONS[Poll.State(poll.state)]:
        raise PollError(
            "illegal_transition",
            _("A poll cannot go from “%(current)s” to “%(target)s”.")
            % {"current": Poll.State(poll.state).label, "target": Poll.State(target).label},
        )


def _clean_text(value, *, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str | type(None)) else None
    if text is None or (required and not text) or len(text) > max_length:
        raise PollError(
            f"bad_{field}",
            _("Give the %(field)s (at most %(max)s characters).")
            % {"field": field, "max": max_length},
        )
    return text


def _clean_times(opens_at: datetime, closes_at: datetime) -> None:
    if not isinstance(opens_at, datetime) or not isinstance(closes_at, datetime):
        raise PollError("bad_times", _("Give the opening and closing times."))
    if closes_at <= opens_at:
        raise PollError("bad_times", _("A poll closes after it opens."))


def _clean_questions(questions) -> list[dict]:
    """Questions as the service stores them; PollError on anything a ballot could not fit."""
    if not isinstance(questions, list | tuple) or not 1 <= len(questions) <= MAX_QUESTIONS:
        raise PollError(
            "bad_questions", _("A poll asks 1 to %(max)s questions.") % {"max": MAX_QUESTIONS}
        )
    cleaned = []
    for question in questions:
        kind = question.get("kind", Question.Kind.SINGLE)
        if kind not in Question.Kind.values:
            raise PollError("bad_questions", _("A question is single, multiple or a scale."))
        text = _clean_text(question.get("text"), field="question", max_length=500)
        options = [
            _clean_text(option, field="option", max_length=300)
            for option in question.get("options") or []
        ]
        max_choices = 1
        if kind == Question.Kind.SCALE:
            if options:
                raise PollError("bad_questions", _("A 1–5 scale has no options."))
        else:
            if not 2 <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options):
                raise PollError(
                    "bad_questions",
                    _("Each question offers 2 to %(max)s different options.")
                    % {"max": MAX_OPTIONS},
                )
            if kind == Question.Kind.MULTIPLE:
                max_choices = question.get("max_choices") or len(options)
                if type(max_choices) is not int or not 1 <= max_choices <= len(options):
                    raise PollError(
                        "bad_questions",
                        _("“At most” is between 1 and the number of options."),
                    )
        cleaned.append({"text": text, "kind": kind, "max_choices": max_choices, "options": options})
    return cleaned


def _questions_store(poll: Poll, questions: list[dict]) -> None:
    poll.questions.all().delete()
    for position, question in enumerate(questions):
        stored = Question.objects.create(
            poll=poll,
            position=position,
            text=question["text"],
            kind=question["kind"],
            max_choices=question["max_choices"],
        )
        Option.objects.bulk_create(
            Option(question=stored, position=index, text=text)
            for index, text in enumerate(question["options"])
        )


def _secrecy_allowed(secrecy: str, audience) -> str:
    """The ballot the poll may have: an audience under POLL_SECRET_MIN_AUDIENCE people is
    always an open vote (a secret result would single people out)."""
    if secrecy not in Poll.Secrecy.values:
        raise PollError("bad_secrecy", _("Choose a secret ballot or an open vote."))
    if secrecy == Poll.Secrecy.SECRET and audience_count(audience=audience) < secret_min_audience():
        return Poll.Secrecy.OPEN
    return secrecy


def _slug_free(title: str) -> str:
    base = latin_slug(title, max_length=70) or "poll"
    slug, number = base, 1
    while Poll.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def poll_create(
    *,
    creator,
    title: str,
    summary: str,
    description: str,
    audience,
    opens_at: datetime,
    closes_at: datetime,
    secrecy: str,
    questions: list[dict],
    creator_kind: str,
    organization=None,
    district=None,
    key_holders=(),
) -> Poll:
    """A draft poll with its credential key, its log and its key holders: the creator, then
    `key_holders` (at most two other accounts). `creator` must be allowed to address
    `audience` as `creator_kind` (`polls.permissions.poll_creation_allowed`)."""
    title = _clean_text(title, field="title", max_length=200)
    summary = _clean_text(summary, field="summary", max_length=500)
    description = _clean_text(description, field="description", max_length=20000, required=False)
    _clean_times(opens_at, closes_at)
    cleaned = _clean_questions(questions)
    if creator_kind not in Poll.CreatorKind.values:
        raise PollError("bad_creator_kind", _("Say on whose behalf the poll is made."))
    if audience.frozen_at is not None or Poll.objects.filter(audience=audience).exists():
        raise PollError("audience_taken", _("This audience belongs to another poll."))
    if not poll_creation_allowed(
        user=creator,
        audience=audience,
        creator_kind=creator_kind,
        organization=organization,
        district=district,
    ):
        raise PollError("not_allowed", _("You may not create a poll for this audience."))
    secrecy = _secrecy_allowed(secrecy, audience)
    credential_key = blind_rsa.key_generate()
    for _attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                log = log_create(purpose=LOG_PURPOSE, is_public=secrecy == Poll.Secrecy.SECRET)
                poll = Poll.objects.create(
                    slug=_slug_free(title),
                    title=title,
                    summary=summary,
                    description=description,
                    creator=creator,
                    creator_kind=creator_kind,
                    organization=organization if creator_kind == "board" else None,
                    district=district,
                    audience=audience,
                    opens_at=opens_at,
                    closes_at=closes_at,
                    secrecy=secrecy,
                    credential_public_key=blind_rsa.public_key_spki(credential_key.public_key()),
                    credential_sealed_private_key=b"",
                    log=log,
                )
                # The purpose names the poll's id, known only now.
                poll.credential_sealed_private_key = key_seal(
                    secret=blind_rsa.private_key_to_der(credential_key),
                    purpose=poll.credential_key_purpose(),
                )
                poll.save(update_fields=["credential_sealed_private_key"])
                _questions_store(poll, cleaned)
                key_holders_create(poll=poll, creator=creator, others=key_holders)
            return poll
        except IntegrityError:
            # Someone took the same slug at the same moment: the next free one is tried.
            if Poll.objects.filter(audience=audience).exists():
                raise PollError(
                    "audience_taken", _("This audience belongs to another poll.")
                ) from None
    raise PollError("busy", _("Please try again."))


def check_manager(poll: Poll, actor) -> None:
    """The poll's creator (still allowed to address its audience) or an editor."""
    if is_poll_editor(actor):
        return
    allowed = (
        actor is not None
        and poll.creator_id == getattr(actor, "pk", None)
        and poll_creation_allowed(
            user=actor,
            audience=poll.audience,
            creator_kind=poll.creator_kind,
            organization=poll.organization,
            district=poll.district,
        )
    )
    if not allowed:
        raise PollError("not_allowed", _("You may not change this poll."))


def poll_update(*, poll: Poll, actor, **fields) -> Poll:
    """Correct a draft: title, summary, description, times, secrecy, questions."""
    unknown = set(fields) - UPDATABLE_FIELDS - {"questions"}
    if unknown:
        raise PollError("bad_field", _("These fields cannot be changed: %s") % ", ".join(unknown))
    check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.state != Poll.State.DRAFT:
            raise PollError("not_draft", _("Only a draft poll can be changed."))
        for name in ("title", "summary"):
            if name in fields:
                limit = 200 if name == "title" else 500
                setattr(locked, name, _clean_text(fields[name], field=name, max_length=limit))
        if "description" in fields:
            locked.description = _clean_text(
                fields["description"], field="description", max_length=20000, required=False
            )
        locked.opens_at = fields.get("opens_at", locked.opens_at)
        locked.closes_at = fields.get("closes_at", locked.closes_at)
        _clean_times(locked.opens_at, locked.closes_at)
        if "secrecy" in fields:
            locked.secrecy = _secrecy_allowed(fields["secrecy"], locked.audience)
            Log.objects.filter(pk=locked.log_id).update(
                is_public=locked.secrecy == Poll.Secrecy.SECRET
            )
        locked.save()
        if "questions" in fields:
            _questions_store(locked, _clean_questions(fields["questions"]))
    return locked


def poll_schedule(*, poll: Poll, actor) -> Poll:
    """draft → scheduled: `polls_tick` opens it at `opens_at`. A secret poll waits until
    every key holder has given their public key: a ballot is sealed to all of them."""
    check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        waiting = key_holders_waiting(locked, half="public_key") if locked.is_secret else []
        if waiting and locked.state == Poll.State.DRAFT:
            raise PollError(
                "waiting_for_key_holders",
                _("Waiting for key holders to create their results keys: %(holders)s.")
                % {"holders": holders_named(waiting)},
            )
        return _move(poll, Poll.State.SCHEDULED)


def poll_unschedule(*, poll: Poll, actor) -> Poll:
    """scheduled → draft, to correct it before it opens."""
    check_manager(poll, actor)
    return _move(poll, Poll.State.DRAFT)


def _move(poll: Poll, target: str) -> Poll:
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        poll_transition(locked, target)
        locked.state = target
        locked.save(update_fields=["state"])
    poll.state = locked.state
    return locked


def poll_open(*, poll: Poll, now: datetime | None = None, actor=None) -> Poll:
    """scheduled → open: the audience's count is frozen (the figure turnout is measured
    against) and every eligible person is emailed after the commit. An audience that has
    shrunk under the secret-ballot minimum makes the poll an open vote, its log restricted to
    the audience.

    Without `actor` (the tick) only at or after `opens_at`; a person who manages the poll
    (`actor`) may open it early, and its opening time becomes now."""
    now = now or timezone.now()
    if actor is not None:
        check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().select_related("audience").get(pk=poll.pk)
        poll_transition(locked, Poll.State.OPEN)
        if now < locked.opens_at:
            if actor is None:
                raise PollError("not_due", _("The poll opens at its opening time."))
            locked.opens_at = now
        try:
            audience = audience_freeze(audience=locked.audience)
        except ResidentsError as error:
            raise PollError("audience_frozen", error.messages[0]) from error
        locked.eligible_count = audience.frozen_count
        if locked.is_secret and locked.eligible_count < secret_min_audience():
            locked.secrecy = Poll.Secrecy.OPEN
            Log.objects.filter(pk=locked.log_id).update(is_public=False)
        locked.state = Poll.State.OPEN
        locked.opened_at = now
        locked.save(update_fields=["opens_at", "eligible_count", "secrecy", "state", "opened_at"])
        from polls.tasks import poll_opened_notify

        poll_id = locked.pk
        on_commit_robust(lambda: poll_opened_notify.enqueue(poll_id=poll_id))
    return locked


def poll_close(*, poll: Poll, now: datetime | None = None, actor=None) -> Poll:
    """open → closed, at or after `closes_at` (never earlier, whoever asks: people were told
    they could vote until then): ballots still pending are appended in a last shuffled batch,
    in one transaction under the poll's lock, so no ballot slips in after closing. The spent
    tokens are deleted (see below). Nothing is counted here: that needs the key holders'
    private keys, which they give only now (`poll_publish` counts). `actor`, when a person
    asks, must manage the poll."""
    now = now or timezone.now()
    if actor is not None:
        check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        poll_transition(locked, Poll.State.CLOSED)
        if now < locked.closes_at:
            raise PollError("not_due", _("The poll closes at its closing time."))
        locked.state = Poll.State.CLOSED
        locked.closed_at = now
        locked.save(update_fields=["state", "closed_at"])
        ballots_append_batch(poll=locked)
        # The spent tokens were needed only to refuse a second ballot; from now on the log
        # itself shows that no token voted twice. Their rows' physical order in the table
        # follows arrival, which the shuffled log hides: they go.
        SpentToken.objects.filter(poll=locked).delete()
    return locked


def poll_publish(*, poll: Poll, now: datetime | None = None, actor=None) -> Poll:
    """closed → published: the count and the results. A secret poll waits until every key
    holder has given their private key; the keys are published with the results (they are
    in the bundle from now on), so that anyone can open every ballot and recount. `actor`,
    when a person asks, must manage the poll."""
    now = now or timezone.now()
    if actor is not None:
        check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        poll_transition(locked, Poll.State.PUBLISHED)
        private_keys = results_private_keys(locked) if locked.is_secret else None
        locked.results = poll_tally(poll=locked, private_keys=private_keys)
        locked.spoilt_count = locked.results["spoilt"]
        locked.state = Poll.State.PUBLISHED
        locked.published_at = now
        locked.save(
            update_fields=[
                "results",
                "spoilt_count",
                "state",
                "published_at",
            ]
        )
    return locked


def _batch_due(poll: Poll, now: datetime) -> bool:
    """Pending ballots wait for a batch until the poll has been open, and the log's last
    append is, POLL_BATCH_SECONDS old: a batch then holds every ballot of that stretch,
    shuffled together (the first voters too, who would otherwise make a batch of one)."""
    last = poll.opened_at.timestamp() * 1000 if poll.opened_at else 0
    latest = tree_head_latest(log=poll.log)
    if latest is not None:
        last = max(last, latest.timestamp)
    return now.timestamp() * 1000 - last >= settings.POLL_BATCH_SECONDS * 1000


def polls_retention_cut(*, now: datetime | None = None) -> int:
    """Cut the person's link from credentials and named votes of polls closed more than
    POLL_RETENTION_DAYS ago; the rows stay, so counts and the roll stay exact."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.POLL_RETENTION_DAYS)
    closed = Poll.objects.filter(closed_at__lte=before).values("pk")
    cut = Issuance.objects.filter(poll__in=closed, user__isnull=False).update(user=None)
    cut += NamedVote.objects.filter(poll__in=closed, user__isnull=False).update(user=None)
    return cut


def polls_tick(*, now: datetime | None = None, progress=None) -> dict[str, int]:
    """The timed steps, run every minute by `manage.py polls_tick`: open the polls that are
    due, append pending ballots in batches, close the polls that are due (with their last
    batch), publish the closed ones whose key holders have all given their private keys, cut
    old links to people. Each poll's step is
    its own transaction: a poll that refuses one (logged, counted in "refused") does not hold
    back the others. `progress(text)`, when given, hears of each step."""
    now = now or timezone.now()
    summary = {
        "opened": 0,
        "batches": 0,
        "ballots_appended": 0,
        "closed": 0,
        "published": 0,
        "refused": 0,
    }

    def step(poll: Poll, name: str, action) -> None:
        try:
            result = action(poll)
        except PollError as error:
            logger.warning("polls_tick: poll %s refused %s: %s", poll.pk, name, error.code)
            summary["refused"] += 1
            return
        if name == "batch":
            if not result:
                return
            summary["batches"] += 1
            summary["ballots_appended"] += result
        else:
            summary[name] += 1
        if progress is not None:
            progress(f"{name}: {poll.slug}" + (f" ({result} ballots)" if name == "batch" else ""))

    due = Poll.objects.filter(state=Poll.State.SCHEDULED, opens_at__lte=now).order_by("opens_at")
    for poll in due:
        step(poll, "opened", lambda p: poll_open(poll=p, now=now))
    pending = Poll.objects.filter(
        state=Poll.State.OPEN, closes_at__gt=now, pending_ballots__isnull=False
    ).distinct()
    for poll in pending.select_related("log"):
        if _batch_due(poll, now):
            step(poll, "batch", lambda p: ballots_append_batch(poll=p))
    for poll in Poll.objects.filter(state=Poll.State.OPEN, closes_at__lte=now):
        step(poll, "closed", lambda p: poll_close(poll=p, now=now))
    # A secret poll waits for its holders' keys without being "refused" every minute.
    closed = Poll.objects.filter(state=Poll.State.CLOSED).exclude(
        secrecy=Poll.Secrecy.SECRET, key_holders__private_key__isnull=True
    )
    for poll in closed.distinct():
        step(poll, "published", lambda p: poll_publish(poll=p, now=now))
    summary["links_cut"] = polls_retention_cut(now=now)
    return summary
