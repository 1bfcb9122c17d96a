"""The demo city's polls (issue 16, point 7): for the city, a district, a building and the
professions, polls that are scheduled, open, closed and waiting for their key holders' keys,
and closed with their results published, with ballots cast by the demo's verified residents
through the real protocol (`polls.demo_ballots`, which also plays the key holders).

Two passes, each idempotent. First the polls (`polls.demo_polls.POLLS`, found again by title):
created, scheduled and, for the open and closed ones, opened at their opening time, through the
services, by the editor, a deputy (`deputy@spilno.localhost`, password
`config.demo.DEMO_PASSWORD`, in the group "Deputies" for the central district) or the
association's board, whose key holders (the creator, and the people `DemoPoll.key_holders`
names) create their keys before it is scheduled. Then the votes: a poll that is open and has
none yet gets its ballots in batches as `polls_tick` would append them (an open poll keeps its
last batch pending), and a poll meant to be closed is closed at its closing time; one meant to
be published then gets its holders' private keys and its results. The closed one keeps its
holders' key files in `settings.DEMO_KEYS_DIR` for whoever tries the demo. Each poll's votes
are one transaction, so an interrupted run starts that poll's votes again.

The number of secret ballots comes from `settings.DEMO_POLL_BALLOTS`, shared out by each poll's
`share` and capped by its audience and turnout: the demo city has a few hundred verified
residents, so a city-wide poll cannot take more ballots than that.
"""

import csv
import io
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.documents import get_document_model

from config.demo import DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District
from experts.models import Competency
from polls.demo_ballots import (
    key_holders_play,
    named_votes_cast,
    private_keys_give,
    secret_ballots_cast,
)
from polls.demo_polls import POLLS, DemoPoll
from polls.models import Poll, PollCreatorScope, PollDocument
from polls.services.ballots import ballots_append_batch
from polls.services.polls import poll_close, poll_create, poll_open, poll_publish, poll_schedule
from profiles.models import Membership
from residents.models import Audience, Building
from residents.selectors import audience_members
from residents.services.audiences import audience_create

EDITOR_EMAIL = "editor@spilno.localhost"
DEPUTY_EMAIL = "deputy@spilno.localhost"
DEPUTY_DISTRICT = "tsentralnyi"
BATCHES = 4  # batches a poll's ballots arrive in, as `polls_tick` appends them
# (opens, closes) in days from now, by the state the poll is shown in.
TIMES = {"scheduled": (5, 19), "open": (-3, 11), "closed": (-12, -1), "published": (-30, -16)}


def seed(*, progress: Progress) -> None:
    if not District.objects.exists():
        return
    creators = {"editor": _user(EDITOR_EMAIL), "deputy": seed_deputy()}
    if creators["editor"] is None:
        return
    polls = []
    for spec in progress.iterate("polls: polls", POLLS):
        with _opening_emails_dropped(), transaction.atomic():
            poll = _poll(spec, creators)
        if poll is not None:
            polls.append((spec, poll))
    due = [(spec, poll) for spec, poll in polls if _votes_due(spec, poll)]
    counts = {poll.pk: _ballots_wanted(spec, poll) for spec, poll in due}
    with progress.task("polls: ballots", sum(counts.values())) as bar:
        for spec, poll in due:
            with transaction.atomic():
                _votes(spec, poll, counts[poll.pk], bar)


@contextmanager
def _opening_emails_dropped():
    """The demo's residents are invented (example.org addresses): the emails that tell them a
    poll has opened are made and dropped, never sent, whatever backend the site is set up with."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


def _user(email: str):
    return get_user_model().objects.filter(email=email).first()


def seed_deputy():
    """A deputy's staff account that may create polls for the central district."""
    user, created = get_user_model().objects.get_or_create(
        email=DEPUTY_EMAIL, defaults={"is_staff": True, "first_name": "Депутатка"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name="Deputies"))
    district = District.objects.filter(slug=DEPUTY_DISTRICT).first()
    if district is not None:
        PollCreatorScope.objects.get_or_create(user=user, district=district)
    verify_emails([user])
    return get_user_model().objects.get(pk=user.pk)


def _audience(target: str) -> tuple[Audience, dict] | None:
    """The audience of a target and what `poll_create` is told about it (the board's
    association, the deputy's district); None when the demo city lacks the target."""
    kind, _sep, name = target.partition(":")
    if kind == "city":
        return audience_create(whole_city=True), {}
    if kind == "district":
        district = District.objects.filter(slug=name).first()
        if district is None:
            return None
        return audience_create(districts=[district]), {"district": district}
    if kind == "building":
        building = Building.objects.filter(address=name).select_related("association").first()
        if building is None or building.association is None:
            return None
        audience = audience_create(
            buildings=[building], building_roles=Audience.BuildingRoles.EVERYONE
        )
        return audience, {"organization": building.association}
    competencies = list(Competency.objects.all())
    if not competencies:
        return None
    return audience_create(competencies=competencies), {}


def _board_member(organization):
    membership = (
        Membership.objects.filter(
            organization=organization, role__in=(Membership.Role.ADMIN, Membership.Role.OWNER)
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership is not None else None


def _poll(spec: DemoPoll, creators: dict) -> Poll | None:
    existing = Poll.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    made = _audience(spec.target)
    if made is None:
        return None
    audience, context = made
    if spec.creator == "board":
        creator = _board_member(context["organization"])
    else:
        creator = creators.get(spec.creator)
    if creator is None:
        transaction.set_rollback(True)  # the audience made above goes with it
        return None
    now = timezone.now().replace(second=0, microsecond=0)
    opens_in, closes_in = TIMES[spec.state]
    poll = poll_create(
        creator=creator,
        title=spec.title,
        summary=spec.summary,
        description=spec.description,
        audience=audience,
        opens_at=now + timedelta(days=opens_in),
        closes_at=now + timedelta(days=closes_in),
        secrecy=spec.secrecy,
        questions=spec.questions,
        creator_kind=spec.creator,
        organization=context.get("organization"),
        district=context.get("district") if spec.creator == "deputy" else None,
        key_holders=[user for user in map(_user, spec.key_holders) if user is not None],
    )
    _documents(poll, spec)
    key_holders_play(poll=poll)
    poll = poll_schedule(poll=poll, actor=creator)
    if spec.state != "scheduled":
        poll = poll_open(poll=poll, now=poll.opens_at)
    return poll


def _documents(poll: Poll, spec: DemoPoll) -> None:
    """The documents the description refers to, attached while the poll is a draft (as the
    admin's form does)."""
    Document = get_document_model()
    for title, filename, rows in spec.documents:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        document = Document(title=title)
        # A BOM, so that spreadsheets read the file as UTF-8.
        document.file = ContentFile(("\ufeff" + buffer.getvalue()).encode(), name=filename)
        document.save()
        PollDocument.objects.create(poll=poll, document=document, title=title)


def _votes_due(spec: DemoPoll, poll: Poll) -> bool:
    return (
        spec.state in ("open", "closed", "published")
        and poll.state == Poll.State.OPEN
        and poll.ballots_received == 0
    )


def _ballots_wanted(spec: DemoPoll, poll: Poll) -> int:
    most = int((poll.eligible_count or 0) * spec.turnout)
    if not poll.is_secret:
        return most
    return min(most, round(settings.DEMO_POLL_BALLOTS * spec.share))


def _voters(poll: Poll, count: int, rng) -> list:
    eligible = sorted(audience_members(audience=poll.audience))
    chosen = rng.sample(eligible, min(count, len(eligible)))
    people = get_user_model().objects.in_bulk(chosen)
    return [people[pk] for pk in chosen]


def _votes(spec: DemoPoll, poll: Poll, count: int, bar) -> None:
    rng = demo_random(f"polls.votes:{spec.title}")
    poll = Poll.objects.select_related("audience", "log").get(pk=poll.pk)
    voters = _voters(poll, count, rng)
    if poll.is_secret:
        size = max(1, -(-len(voters) // BATCHES))
        batches = [voters[start : start + size] for start in range(0, len(voters), size)]
        for number, batch in enumerate(batches):
            spoilt = spec.spoilt if number == len(batches) - 1 else 0
            secret_ballots_cast(poll=poll, voters=batch, rng=rng, spoilt=spoilt, progress_bar=bar)
            if number < len(batches) - 1:
                ballots_append_batch(poll=poll)
    else:
        named_votes_cast(poll=poll, voters=voters, rng=rng, progress_bar=bar)
    if spec.state in ("closed", "published"):
        poll = poll_close(poll=poll, now=poll.closes_at)
    if spec.state == "published":
        private_keys_give(poll=poll)
        poll_publish(poll=poll, now=poll.closes_at + timedelta(hours=2))
