"""The demo city's ideas (issue 18): 44 ideas of the districts and the whole city in every
state, most with a place inside their district's outline, supported by the demo's people over
past months (so the curve of support has a shape), answered with dated answers, one merged as
a duplicate with its supporters carried over, some expired, five grown into projects whose
experts were rated as the experts demo rates them, one put to a poll, and comments with one
hidden by a moderator and one report waiting.

The volume (supports, events, comments) is written in bulk with the counts set exactly, as the
services would have left them; the poll goes through `idea_poll_create`. A second run finds the
first idea and writes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from allauth.account.models import EmailAddress
from shapely.geometry import Point

from config.demo import Progress, demo_random
from config.maps import CITY_BOUNDS, district_shape, inner_point
from config.models import District
from experts import reputation
from experts.demo_activity import moment
from ideas import demo_data as data
from ideas.demo_projects import poll_seed, projects_seed
from ideas.models import Comment, CommentReport, Idea, IdeaEvent, Support
from ideas.states import ANSWER_STATES, State
from profiles.demo import demo_authorities, demo_users
from profiles.models import Membership, Organization
from profiles.text import latin_slug

EDITOR_EMAIL = "editor@spilno.localhost"
MODERATOR_EMAIL = "moderator@spilno.localhost"
DEPUTY_EMAIL = "deputy@spilno.localhost"
# How far (degrees, about 400 m) a demo place keeps from its district's edges.
EDGE_MARGIN = 0.004
# The competencies each project of an idea needs (its team is drawn as the experts demo draws).
# Where each state's ideas were published, in days ago (from, to).
PUBLISHED_AGO = {
    State.PUBLISHED: (12, 170),
    State.EXPIRED: (200, 420),
    State.UNDER_REVIEW: (40, 150),
    State.DUPLICATE: (60, 120),
    State.ACCEPTED: (200, 330),
    State.ACCEPTED_IN_PART: (200, 330),
    State.REJECTED: (200, 330),
    State.IN_PROGRESS: (380, 520),
    State.DONE: (560, 720),
}
REACHED = {
    State.UNDER_REVIEW,
    *ANSWER_STATES,
    State.IN_PROGRESS,
    State.DONE,
}


def seed(*, progress: Progress) -> None:
    if not District.objects.exists() or Idea.objects.filter(slug=_slug(data.IDEAS[0])).exists():
        return
    rng = demo_random("ideas")
    people = _people()
    if len(people["supporters"]) < 20 or not people["authors"] or people["editor"] is None:
        return
    with transaction.atomic():
        ideas = _ideas(progress, rng, people)
        _supports(progress, rng, ideas, people)
        _merge(ideas, people)
        projects = projects_seed(progress, rng, ideas, people)
        _events(ideas, people)
        _comments(rng, ideas, people)
        poll_seed(ideas, people)
    if projects:
        # The ideas' projects brought ratings: reputations are stored as the site computes them.
        reputation.recompute_all()


def _slug(spec: data.DemoIdea) -> str:
    return latin_slug(spec.title, max_length=70) or slugify(spec.title)


def _people() -> dict:
    User = get_user_model()
    residents = list(demo_users())
    verified = EmailAddress.objects.filter(
        verified=True, user__is_staff=False, user__is_active=True
    ).values_list("user_id", flat=True)
    return {
        "editor": User.objects.filter(email=EDITOR_EMAIL).first(),
        "moderator": User.objects.filter(email=MODERATOR_EMAIL).first(),
        "deputy": User.objects.filter(email=DEPUTY_EMAIL).first(),
        # Citizens of the profiles demo propose (resident033 onwards are plain citizens).
        "authors": residents[32:] or residents,
        "supporters": sorted(set(verified)),
        "body": demo_authorities().order_by("name").first(),
    }


def _point(rng: random.Random, district: District | None) -> tuple[Decimal, Decimal]:
    """A point well inside the district's outline (about 400 m from its edges, so no marker
    sits on a border), or inside the city's box for a city-wide idea."""
    shape = district_shape(district.boundary) if district is not None else None
    if shape is not None:
        inner = shape.buffer(-EDGE_MARGIN)
        area = inner if not inner.is_empty else shape
        west, south, east, north = area.bounds
    else:
        area, (west, south, east, north) = None, CITY_BOUNDS
    for _attempt in range(50):
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if area is None or area.contains(Point(lon, lat)):
            break
    else:
        lon, lat = inner_point(district.boundary, margin=EDGE_MARGIN)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _threshold(district) -> int:
    return settings.IDEA_THRESHOLD_DISTRICT if district else settings.IDEA_THRESHOLD_CITY


def _ideas(progress: Progress, rng: random.Random, people: dict) -> list[dict]:
    districts = {d.slug: d for d in District.objects.all()}
    fallback = list(districts.values())
    now = timezone.now()
    members = list(
        Membership.objects.exclude(organization__kind__in=Organization.AUTHORITY_KINDS)
        .select_related("user", "organization")
        .order_by("pk")[:3]
    )
    ideas = []
    for n, spec in enumerate(progress.iterate("ideas: ideas", data.IDEAS)):
        district = districts.get(spec.district) if spec.district else None
        if spec.district and district is None:
            district = fallback[n % len(fallback)]
        # A city-wide idea that reached its threshold needs more people than a small demo
        # city has: there it is a district's idea.
        too_few = len(people["supporters"]) <= settings.IDEA_THRESHOLD_CITY
        if district is None and spec.state in REACHED and too_few:
            district = fallback[n % len(fallback)]
        author, organization = rng.choice(people["authors"]), None
        if members and n % 9 == 4:
            membership = members[(n // 9) % len(members)]
            author, organization = membership.user, membership.organization
        idea = Idea(
            title=spec.title,
            slug=_slug(spec),
            summary=spec.summary,
            description=rng.choice(data.DESCRIPTIONS).format(summary=spec.summary),
            author=author,
            organization=organization,
            district=district,
            address=spec.address,
            estimated_cost=Decimal(spec.cost) if spec.cost else None,
            # A duplicate gathers support until it is merged (`_merge`), which needs its target.
            state=State.PUBLISHED if spec.state == State.DUPLICATE else spec.state,
            created_at=now - timedelta(days=rng.randint(1, 30)),
        )
        # Most ideas are somewhere on the map; a few city-wide ones are everywhere.
        if spec.address or (district is not None and n % 4):
            idea.latitude, idea.longitude = _point(rng, district)
        if spec.state != State.DRAFT:
            low, high = PUBLISHED_AGO[spec.state]
            idea.published_at = now - timedelta(days=rng.randint(low, high), hours=n)
            idea.created_at = idea.published_at - timedelta(days=rng.randint(1, 6))
            idea.support_ends_at = idea.published_at + timedelta(days=settings.IDEA_SUPPORT_DAYS)
            idea.threshold = _threshold(district)
        ideas.append({"idea": idea, "spec": spec, "author": author})
    created = Idea.objects.bulk_create([row["idea"] for row in ideas])
    for row, idea in zip(ideas, _read_back(created), strict=True):
        row["idea"] = idea
        idea.topics.add(*row["spec"].topics)
    return ideas


def _read_back(created: list[Idea]) -> list[Idea]:
    """Bulk-created ideas with their keys (SQLite before RETURNING gives none)."""
    if created and created[0].pk is not None:
        return created
    by_slug = Idea.objects.in_bulk([idea.slug for idea in created], field_name="slug")
    return [by_slug[idea.slug] for idea in created]


def _support_times(rng: random.Random, start, end, count: int) -> list:
    """`count` moments from `start` to `end`, most in the first weeks (news spreads, then
    slows): the curve of support rises steeply and flattens."""
    span = (end - start).total_seconds()
    return sorted(start + timedelta(seconds=span * rng.betavariate(1.2, 2.6)) for _ in range(count))


def _supports(progress: Progress, rng: random.Random, ideas: list[dict], people: dict) -> None:
    """The author's support at publication and the others' after it; an idea that reached
    its threshold did so with its last support (supports end there)."""
    now = timezone.now()
    rows = []
    for row in progress.iterate("ideas: supports", ideas):
        idea, spec = row["idea"], row["spec"]
        if idea.state == State.DRAFT:
            continue
        others = [pk for pk in people["supporters"] if pk != idea.author_id]
        if idea.state in REACHED:
            wanted = idea.threshold
            end = min(
                idea.published_at + timedelta(days=rng.randint(25, 120)), now - timedelta(days=4)
            )
        else:
            share = spec.share or rng.uniform(0.1, 0.4)
            wanted = max(2, min(int(idea.threshold * share), idea.threshold - 1))
            end = min(now, idea.support_ends_at) - timedelta(hours=2)
        wanted = min(wanted, len(others) + 1)
        times = [idea.published_at, *_support_times(rng, idea.published_at, end, wanted - 1)]
        users = [idea.author_id, *rng.sample(others, wanted - 1)]
        rows += [
            Support(idea_id=idea.pk, user_id=user, created_at=at)
            for user, at in zip(users, times, strict=True)
        ]
        idea.support_count = wanted
        if idea.state in REACHED:
            idea.threshold_reached_at = times[-1]
    Support.objects.bulk_create(rows, batch_size=1000)
    _dates(ideas, now, rng, people)
    Idea.objects.bulk_update(
        [row["idea"] for row in ideas],
        [
            "support_count",
            "threshold_reached_at",
            "answer",
            "answered_at",
            "answered_by",
            "answering_body",
            "done_at",
        ],
        batch_size=200,
    )


def _dates(ideas: list[dict], now, rng: random.Random, people: dict) -> None:
    """The authority's dated answers (the deputy's for the central district, which is
    theirs; the editor's elsewhere), and when the accepted ones were done."""
    deputy_district = District.objects.filter(slug="tsentralnyi").values_list("pk", flat=True)
    deputy_district = deputy_district.first()
    for row in ideas:
        idea = row["idea"]
        if idea.state in {*ANSWER_STATES, State.IN_PROGRESS, State.DONE}:
            answer_state = State.REJECTED if idea.state == State.REJECTED else State.ACCEPTED
            if idea.state == State.ACCEPTED_IN_PART:
                answer_state = State.ACCEPTED_IN_PART
            row["answer_state"] = answer_state
            idea.answer = data.ANSWERS[answer_state]
            idea.answered_at = min(
                idea.threshold_reached_at + timedelta(days=rng.randint(8, 30)),
                now - timedelta(days=3),
            )
            by_deputy = people["deputy"] is not None and idea.district_id == deputy_district
            row["answered_by"] = people["deputy"] if by_deputy else people["editor"]
            idea.answered_by = row["answered_by"]
            idea.answering_body = people["body"] if by_deputy else None
        if idea.state == State.DONE:
            idea.done_at = min(idea.answered_at + timedelta(days=rng.randint(150, 260)), now)


def _merge(ideas: list[dict], people: dict) -> None:
    """The duplicate is merged by the moderator into the first idea of the same kind still
    under review, as `idea_merge` does: its supporters who did not support that one already
    are carried over with their dates; it keeps its own count as its record."""
    row = next(row for row in ideas if row["spec"].state == State.DUPLICATE)
    duplicate = row["idea"]
    target = next(
        row["idea"]
        for row in ideas
        if row["idea"].state == State.UNDER_REVIEW and row["spec"].topics[0] == "транспорт"
    )
    already = set(Support.objects.filter(idea=target).values_list("user_id", flat=True))
    carried = [
        Support(
            idea=target,
            user_id=support.user_id,
            created_at=support.created_at,
            carried_from=duplicate,
        )
        for support in Support.objects.filter(idea=duplicate).exclude(user_id__in=already)
    ]
    Support.objects.bulk_create(carried)
    duplicate.merged_into = target
    last_support = Support.objects.filter(idea=duplicate).order_by("-created_at").first()
    row["merged_at"] = min(
        last_support.created_at + timedelta(days=2), timezone.now() - timedelta(hours=1)
    )
    row["carried"] = len(carried)
    duplicate.state = State.DUPLICATE
    duplicate.answer = f"Це та сама пропозиція, що й «{target.title}»: підтримуйте її там."
    duplicate.answered_at = row["merged_at"]
    duplicate.answered_by = people["moderator"]
    Idea.objects.filter(pk=duplicate.pk).update(
        merged_into=target,
        state=State.DUPLICATE,
        answer=duplicate.answer,
        answered_at=duplicate.answered_at,
        answered_by=duplicate.answered_by,
    )
    target.support_count = Support.objects.filter(idea=target).count()
    Idea.objects.filter(pk=target.pk).update(support_count=target.support_count)


def _events(ideas: list[dict], people: dict) -> None:
    """Each public idea's timeline, dated as its life went."""
    events = []
    for row in ideas:
        idea = row["idea"]
        if idea.state == State.DRAFT:
            continue
        actor = row.get("answered_by")

        def add(kind, at, state="", note="", by=None, idea=idea):
            events.append(IdeaEvent(idea=idea, kind=kind, state=state, note=note, actor=by, at=at))

        add(IdeaEvent.Kind.STATE, idea.published_at, State.PUBLISHED, by=idea.author)
        if idea.threshold_reached_at:
            add(IdeaEvent.Kind.STATE, idea.threshold_reached_at, State.UNDER_REVIEW)
        if "answer_state" in row:
            add(IdeaEvent.Kind.STATE, idea.answered_at, row["answer_state"], idea.answer, actor)
        if idea.state == State.EXPIRED:
            add(IdeaEvent.Kind.STATE, idea.support_ends_at, State.EXPIRED)
        if idea.state == State.DUPLICATE:
            at = row["merged_at"]
            add(IdeaEvent.Kind.STATE, at, State.DUPLICATE, idea.answer, people["moderator"])
            note = (
                f"«{idea.title}» об'єднано з цією ідеєю; прихильників додалося: {row['carried']}."
            )
            add(IdeaEvent.Kind.MERGED_IN, at, "", note, people["moderator"], idea=idea.merged_into)
        if idea.state in (State.IN_PROGRESS, State.DONE):
            # The project was announced (published) a week before its work started.
            started = row.get("project_at") or idea.answered_at + timedelta(days=14)
            if idea.project_id:
                add(IdeaEvent.Kind.PROJECT, started, State.IN_PROGRESS, idea.project.title, actor)
            else:
                add(IdeaEvent.Kind.STATE, started, State.IN_PROGRESS, "", actor)
            for title, closed_on in row.get("milestones", []):
                add(
                    IdeaEvent.Kind.MILESTONE, moment(closed_on), "", title, idea.project.coordinator
                )
        if idea.state == State.DONE:
            add(IdeaEvent.Kind.STATE, idea.done_at, State.DONE, "", actor)
    IdeaEvent.objects.bulk_create(events, batch_size=500)


def _comments(rng: random.Random, ideas: list[dict], people: dict) -> None:
    """A few comments under most public ideas; one hidden by a moderator (its reporter's
    report resolved), one reported and waiting; an official one from the authority."""
    now = timezone.now()
    residents = people["authors"]
    comments = []
    public = [row["idea"] for row in ideas if row["idea"].state != State.DRAFT]
    for n, idea in enumerate(public):
        if n % 3 == 2:
            continue
        for k in range(rng.randint(1, 4)):
            comments.append(
                Comment(
                    idea=idea,
                    author=rng.choice(residents),
                    body=rng.choice(data.COMMENTS),
                    created_at=min(idea.published_at + timedelta(days=2 + 5 * k), now),
                )
            )
    under_review = next(i for i in public if i.state == State.UNDER_REVIEW)
    comments.append(
        Comment(
            idea=under_review,
            author=people["editor"],
            body="Ідею отримано; відповідь буде протягом місяця після перевірки кошторису.",
            is_official=True,
            created_at=under_review.threshold_reached_at + timedelta(days=1),
        )
    )
    hidden = Comment(
        idea=public[0],
        author=residents[-1],
        body=data.HIDDEN_COMMENT,
        state=Comment.State.HIDDEN,
        hidden_reason="Образи й чужі персональні дані.",
        hidden_by=people["moderator"],
        hidden_at=min(public[0].published_at + timedelta(days=4), now),
        created_at=min(public[0].published_at + timedelta(days=3), now),
    )
    comments.append(hidden)
    Comment.objects.bulk_create(comments, batch_size=500)
    stored = Comment.objects.filter(idea__in=public).order_by("pk")
    hidden = stored.filter(state=Comment.State.HIDDEN).first()
    waiting = stored.filter(state=Comment.State.VISIBLE, is_official=False).last()
    CommentReport.objects.bulk_create(
        [
            CommentReport(
                comment=hidden,
                reporter=residents[0],
                reason=CommentReport.Reason.PERSONAL_DATA,
                resolution=CommentReport.Resolution.HIDDEN,
                resolved_by=people["moderator"],
                resolved_at=hidden.hidden_at,
                created_at=hidden.created_at,
            ),
            CommentReport(
                comment=waiting,
                reporter=residents[1],
                reason=CommentReport.Reason.OFF_TOPIC,
                explanation="Коментар не про цю ідею.",
                created_at=now - timedelta(hours=5),
            ),
        ]
    )
