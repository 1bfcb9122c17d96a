"""The demo city's residents' meetings (issue 17, point 7): in the buildings of the demo's
condominium associations, meetings in every state (a draft, convened, voting now, counted,
minutes published, cancelled), on gates for the yard, a new entrance door and a new
management company, one of them published with a failed quorum; with online votes of the
co-owners who accepted their invitations, paper ballots entered by the board, a proxy, and a
discussion with the board's answers.

Everything goes through the services, with their own clocks (`now=`): a meeting meant to be
over is convened, opened, voted, counted and published at the times it would have been.
Idempotent: a meeting is found again by its building and title and left alone. Fast: the
paper ballots of a meeting are one stack (`paper_ballots_enter`), one append to its log.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from config.demo import Progress, demo_random
from meetings.models import Meeting
from meetings.services.discussion import comment_post
from meetings.services.meetings import (
    meeting_cancel,
    meeting_convene,
    meeting_count,
    meeting_create,
    meeting_open_voting,
    meeting_publish,
)
from meetings.services.votes import paper_ballots_enter, proxy_record, votes_cast
from profiles.demo import demo_users
from profiles.models import Membership
from residents.models import Building, VerifiedAttribute

GATES = {
    "title": "Встановити ворота у двір",
    "proposed_decision": "Встановити розсувні ворота з електроприводом на в'їзді у двір "
    "за кошторисом, доданим до порядку денного, і видати кожній квартирі два ключі.",
    "rule": "majority",
}
CARDS = {
    "title": "Порядок доступу до двору",
    "proposed_decision": "Доступ для мешканців за ключами, для служб — за кодом у правління.",
    "rule": "majority",
}
DOOR = {
    "title": "Замінити вхідні двері",
    "proposed_decision": "Замінити вхідні двері всіх під'їздів на металеві з домофоном; "
    "оплатити з ремонтного фонду.",
    "rule": "two_thirds",
}
MANAGER = {
    "title": "Змінити управителя будинку",
    "proposed_decision": "Розірвати договір з ТОВ «Житло-Сервіс» і укласти договір з "
    "ТОВ «Дбайливий дім» на умовах, доданих до порядку денного.",
    "rule": "two_thirds",
}
FUND = {
    "title": "Внесок до ремонтного фонду",
    "proposed_decision": "Встановити внесок 2 грн з квадратного метра на місяць.",
    "rule": "custom",
    "threshold": (3, 4),
}


@dataclass
class DemoMeeting:
    """A meeting of the demo: the building (index in `residents.demo_buildings.ASSOCIATIONS`),
    the state it is shown in, the share of the building's area that votes on paper, how the
    votes lean (chance of "for"), and its comments."""

    building: int
    title: str
    items: list
    state: str
    paper_share: Fraction = Fraction(0)
    lean_for: float = 0.8
    proxy: bool = False
    cancel_reason: str = ""
    comments: list = field(default_factory=list)


MEETINGS = [
    DemoMeeting(
        0,
        "Ворота у двір",
        [GATES, CARDS],
        "published",
        Fraction(3, 5),
        0.85,
        proxy=True,
        comments=[
            ("co-owner", 0, "Чи буде хвіртка для пішоходів?"),
            ("board", 0, "Так, хвіртка з тим самим ключем є в кошторисі."),
        ],
    ),
    DemoMeeting(1, "Нові вхідні двері", [DOOR], "published", Fraction(1, 4), 0.7),
    DemoMeeting(
        1,
        "Нова керуюча компанія",
        [MANAGER, FUND],
        "counted",
        Fraction(3, 5),
        0.75,
        proxy=True,
    ),
    DemoMeeting(
        2,
        "Нові вхідні двері та домофон",
        [DOOR, FUND],
        "voting",
        Fraction(1, 4),
        0.7,
        proxy=True,
        comments=[
            ("co-owner", 0, "Які двері пропонують — з доводчиком?"),
            ("board", 0, "З доводчиком і магнітним замком; комерційна пропозиція в додатку."),
            ("co-owner", None, "Дякую за збори онлайн, так зручніше."),
        ],
    ),
    DemoMeeting(
        3,
        "Зміна управителя будинку",
        [MANAGER],
        "convened",
        comments=[("co-owner", 0, "Чи порівнювали тарифи двох компаній?")],
    ),
    DemoMeeting(4, "Ворота у двір і шлагбаум", [GATES], "draft"),
    DemoMeeting(
        4,
        "Заміна ліфта",
        [DOOR],
        "cancelled",
        cancel_reason="Ліфт замінить місто за програмою співфінансування: збори не потрібні.",
    ),
]
# Days from now: (vote opens, vote closes), by the state the meeting is shown in.
TIMES = {
    "draft": (30, 37),
    "convened": (10, 17),
    "voting": (-2, 5),
    "counted": (-12, -1),
    "published": (-40, -26),
    "cancelled": (20, 27),
}
ORDER = ("draft", "convened", "voting", "counted", "published")


@contextmanager
def _emails_dropped():
    """The demo's co-owners are invented (example.org): notices are made and dropped."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


def _buildings() -> list[Building | None]:
    from residents.demo_buildings import ASSOCIATIONS

    found = {b.address: b for b in Building.objects.select_related("association")}
    return [found.get(spec[3]) for spec in ASSOCIATIONS]


def _board(building: Building):
    membership = (
        Membership.objects.filter(
            organization=building.association,
            role__in=(Membership.Role.OWNER, Membership.Role.ADMIN),
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed(*, progress: Progress) -> None:
    buildings = _buildings()
    people = list(demo_users()[:40])
    rng = demo_random("meetings")
    for spec in progress.iterate("meetings: meetings", MEETINGS):
        building = buildings[spec.building] if spec.building < len(buildings) else None
        if building is None or building.association is None:
            continue
        board = _board(building)
        if board is None or Meeting.objects.filter(building=building, title=spec.title).exists():
            continue
        with _emails_dropped(), transaction.atomic():
            _meeting(spec, building, board, people, rng)


def _meeting(spec: DemoMeeting, building, board, people, rng) -> None:
    opens_in, closes_in = TIMES[spec.state]
    now = timezone.now()
    opens = (now + timedelta(days=opens_in)).replace(minute=0, second=0, microsecond=0)
    closes = (now + timedelta(days=closes_in)).replace(minute=0, second=0, microsecond=0)
    meeting = meeting_create(
        building=building,
        by=board,
        title=spec.title,
        description="Збори співвласників у формі письмового голосування на платформі.",
        items=spec.items,
        voting_opens_at=opens,
        voting_closes_at=closes,
    )
    target = "convened" if spec.state == "cancelled" else spec.state
    if ORDER.index(target) >= ORDER.index("convened"):
        notice = opens - timedelta(days=meeting.notice_days, hours=1)
        meeting = meeting_convene(meeting=meeting, by=board, now=min(notice, now))
        _comments(spec, meeting, board)
    if spec.state == "cancelled":
        meeting_cancel(meeting=meeting, by=board, reason=spec.cancel_reason, now=now)
        return
    if ORDER.index(target) >= ORDER.index("voting"):
        meeting = meeting_open_voting(meeting=meeting, now=opens)
        _votes(spec, meeting, board, people, rng, at=min(opens + timedelta(days=1), now))
    if ORDER.index(target) >= ORDER.index("counted"):
        meeting = meeting_count(meeting=meeting, now=closes)
    if target == "published":
        meeting_publish(meeting=meeting, by=board, now=closes + timedelta(days=1))


def _comments(spec: DemoMeeting, meeting, board) -> None:
    attribute = (
        VerifiedAttribute.objects.valid()
        .filter(kind=VerifiedAttribute.Kind.CO_OWNER, building=meeting.building)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    coowner = attribute.user if attribute else None
    items = list(meeting.items.order_by("position"))
    for who, item_index, body in spec.comments:
        author = board if who == "board" else coowner
        if author is None:
            continue
        item = items[item_index] if item_index is not None else None
        comment_post(meeting=meeting, by=author, body=body, item=item)


def _choice(rng, lean_for: float) -> str:
    draw = rng.random()
    if draw < lean_for:
        return "for"
    return "against" if draw < lean_for + (1 - lean_for) * 2 / 3 else "abstain"


def _votes(spec: DemoMeeting, meeting, board, people, rng, *, at) -> None:
    """Online votes of the co-owners with accounts, a proxy for one share without one, and
    paper ballots for others until `paper_share` of the area has voted on paper."""
    items = list(meeting.items.order_by("position"))
    rights = list(meeting.rights.order_by("unit_number", "pk"))
    for right in rights:
        if right.user_id is not None:
            votes_cast(
                meeting=meeting,
                by=right.user,
                right=right,
                choices={item.pk: _choice(rng, spec.lean_for) for item in items},
                now=at,
            )
    offline = [right for right in rights if right.user_id is None]
    rng.shuffle(offline)
    if spec.proxy and offline and people:
        proxied = offline.pop()
        holders = {right.user_id for right in rights}
        representative = next((p for p in people if p.pk not in holders), None)
        if representative is not None:
            proxy_record(
                meeting=meeting, by=board, right=proxied, proxy_user=representative, now=at
            )
            votes_cast(
                meeting=meeting,
                by=representative,
                right=proxied,
                choices={item.pk: _choice(rng, spec.lean_for) for item in items},
                now=at,
            )
    total = Fraction(meeting.total_area)
    stack, weight = [], Fraction(0)
    for right in offline:
        if weight >= spec.paper_share * total:
            break
        stack.append((right, {item.pk: _choice(rng, spec.lean_for) for item in items}))
        weight += right.weight
    if stack:
        paper_ballots_enter(meeting=meeting, by=board, ballots=stack, now=at)
