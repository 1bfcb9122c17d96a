"""Reads of the petitions app: lists, counts, breakdowns, the home and cabinet sections.

Counts always come from `SignatureTally` sums, never from counting signature rows.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.models import Locale

from config.districts import all_districts
from config.fragments import lazy
from config.freshness import content_generation
from config.home import HomeSection
from config.models import District
from config.nearcache import near_get, near_set
from petitions.charts import district_bars, district_svg, timeline_bars, timeline_svg
from petitions.disclosure import Cell, suppress
from petitions.links import page_path
from petitions.models import (
    PetitionIndexPage,
    PetitionPage,
    PetitionResponse,
    Signature,
    SignatureTally,
)
from petitions.normalize import mailbox_hash, normalize_email
from petitions.services import can_moderate, can_respond, is_signable
from petitions.services.signatures import (
    PAGE_TABLE,
    PETITION_TABLE,
    SIGNABLE_AT_SQL,
    SIGNATURE_TABLE,
)
from petitions.states import PUBLIC_STATES, PUBLISHED_STATES, SUPPORT_STATES, State

SIGNING_STATES = [State.OPEN, State.AWAITING_RESPONSE, State.RESPONDED]


@dataclass(frozen=True)
class Signing:
    """Whether a petition can be reached and signed: all the signing form needs to know before
    it serves its cached page (one plain row, not the whole page)."""

    state: str
    live: bool
    signable: bool

    def reachable(self, *, through_support_link: bool) -> bool:
        """The public form serves public petitions (a state shown to the public, and its page
        live: never a draft, a petition still gathering support or a hidden one, whatever its
        page flag says); the creator's share link serves petitions still gathering supporters.
        Asked before the cache, so a petition that leaves the public states is never served
        from it."""
        if through_support_link:
            return self.state in SUPPORT_STATES
        return self.live and self.state in PUBLIC_STATES


SIGNING_READ = f"""
    SELECT p.state, pg.live, ({SIGNABLE_AT_SQL})
    FROM {PETITION_TABLE} p JOIN {PAGE_TABLE} pg ON pg.id = p.page_ptr_id
    WHERE p.page_ptr_id = %s"""  # noqa: S608 - table names from the models, values as parameters


def petition_signing(petition_id: int) -> Signing | None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(SIGNING_READ, [now, petition_id])
        row = cursor.fetchone()
    if row is None:
        return None
    state, live, signable = row
    return Signing(state=state, live=bool(live), signable=bool(signable))


class Unconfirmed(NamedTuple):
    email: str
    name: str
    language: str
    petition_id: int


UNCONFIRMED_READ = f"""
    SELECT email, name, language, petition_id FROM {SIGNATURE_TABLE}
    WHERE id = %s AND confirmed_at IS NULL AND email <> ''"""  # noqa: S608


def signature_unconfirmed(signature_id: int) -> Unconfirmed | None:
    """What the confirmation email needs of a signature still waiting for it (none once it is
    confirmed or erased). Sent for every anonymous signature: columns only, in plain SQL."""
    with connection.cursor() as cursor:
        cursor.execute(UNCONFIRMED_READ, [signature_id])
        row = cursor.fetchone()
    return Unconfirmed(*row) if row else None


def petition_index() -> PetitionIndexPage | None:
    """The index in the default language, where every petition lives."""
    return PetitionIndexPage.objects.live().filter(locale=Locale.get_default()).first()


def with_totals(petitions: QuerySet) -> QuerySet:
    total = (
        SignatureTally.objects.filter(petition=OuterRef("pk"))
        .values("petition")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return petitions.annotate(total=Coalesce(Subquery(total, output_field=IntegerField()), 0))


LIST_FILTERS = {
    "open": Q(state__in=SIGNING_STATES, closed_at__isnull=True),
    "awaiting_response": Q(state=State.AWAITING_RESPONSE),
    "responded": Q(state=State.RESPONDED),
    "hearing": Q(hearing_threshold_reached_at__isnull=False, state__in=PUBLISHED_STATES),
    "closed": Q(state__in=PUBLISHED_STATES, closed_at__isnull=False),
    "rejected": Q(state=State.REJECTED),
    "all": Q(state__in=PUBLIC_STATES),
}
LIST_FILTER_LABELS = {
    "open": pgettext_lazy("petitions filter", "Open"),
    "awaiting_response": pgettext_lazy("petitions filter", "Awaiting response"),
    "responded": pgettext_lazy("petitions filter", "Responded"),
    "hearing": pgettext_lazy("petitions filter", "For a council hearing"),
    "closed": pgettext_lazy("petitions filter", "Closed"),
    "rejected": pgettext_lazy("petitions filter", "Rejected"),
    "all": pgettext_lazy("petitions filter", "All"),
}
LIST_ORDERS = {
    "popular": ["-total", "-opened_at"],
    "recent": ["-opened_at", "-pk"],
    "closing": ["closes_at", "pk"],
}


def petitions_listing(*, status: str = "open", order: str = "popular") -> QuerySet:
    petitions = PetitionPage.objects.live().filter(LIST_FILTERS.get(status, LIST_FILTERS["open"]))
    petitions = with_totals(petitions.select_related("district", "authority"))
    return petitions.order_by(*LIST_ORDERS.get(order, LIST_ORDERS["popular"]))


def petitions_overdue(*, now=None) -> QuerySet:
    petitions = PetitionPage.objects.live().filter(
        state=State.AWAITING_RESPONSE, response_deadline__lt=now or timezone.now()
    )
    return with_totals(petitions.select_related("authority")).order_by("response_deadline")


def petitions_moderation_overdue(*, now=None) -> QuerySet:
    """Petitions whose supporters are complete but that moderators have not decided on by
    their moderation deadline (`PetitionSettings.moderation_days`), the longest waiting first."""
    petitions = PetitionPage.objects.filter(
        state=State.AWAITING_MODERATION, moderation_deadline__lt=now or timezone.now()
    )
    return with_totals(petitions.select_related("creator", "authority")).order_by(
        "moderation_deadline", "pk"
    )


@dataclass(frozen=True)
class Breakdown:
    total: int
    districts: list[tuple[District, Cell]]
    days: list[tuple[date, Cell]]


def _days_span(petition: PetitionPage, recorded: dict[date, int]) -> list[date]:
    today = timezone.localdate()
    starts = [timezone.localdate(petition.opened_at)] if petition.opened_at else []
    first = min(starts + list(recorded), default=today)
    end = today
    if petition.closed_at or petition.closes_at:
        end = min(today, timezone.localdate(petition.closed_at or petition.closes_at))
    end = max([end, *recorded])
    return [first + timedelta(days=i) for i in range((end - first).days + 1)]


def signature_breakdown(petition: PetitionPage) -> Breakdown:
    """One read of the petition's tally rows (a few hundred at most), summed here per district
    and per day; the districts come from their cache."""
    per_district: Counter = Counter()
    per_day: Counter = Counter()
    rows = SignatureTally.objects.filter(petition=petition).values_list(
        "district_id", "day", "count"
    )
    for district_id, day, count in rows:
        per_district[district_id] += count
        per_day[day] += count
    districts = all_districts()
    district_counts = [per_district.get(d.pk, 0) for d in districts]
    days = _days_span(petition, per_day)
    day_counts = [per_day.get(day, 0) for day in days]
    return Breakdown(
        total=sum(district_counts),
        districts=list(zip(districts, suppress(district_counts), strict=True)),
        days=list(zip(days, suppress(day_counts), strict=True)),
    )


# A chart drawn for one set of counts never changes; new counts make a new key. The timeout
# only lets old versions go.
CHARTS_TIMEOUT = 3600


def charts_section(petition: PetitionPage, breakdown: Breakdown) -> SafeString:
    """The petition's two charts with the tables of the same numbers, as HTML, drawn once per
    version of its counts: the key carries a digest of every number, district name and day
    the section shows (so of the tally rows, and of today, which ends the day span) and the
    language, so a new signature, a renamed district or a new day draws it again and nothing
    else does. The same for every reader: nothing of the person is in it."""
    numbers = (
        [(district.pk, district.name, cell.count) for district, cell in breakdown.districts],
        [(day.toordinal(), cell.count) for day, cell in breakdown.days],
    )
    version = hashlib.sha256(repr(numbers).encode()).hexdigest()[:32]
    key = f"petitions:charts:{petition.pk}:{translation.get_language()}:{version}"
    html = near_get(key)
    if html is None:
        district_chart = district_bars([(d.name, cell) for d, cell in breakdown.districts])
        timeline_chart = timeline_bars(breakdown.days)
        html = render_to_string(
            "petitions/includes/charts.html",
            {
                "breakdown": breakdown,
                "district_chart": district_chart | {"svg": district_svg(district_chart)},
                "timeline_chart": timeline_chart | {"svg": timeline_svg(timeline_chart)},
            },
        )
        near_set(key, html, CHARTS_TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by the template above, escaped there


def progress(petition: PetitionPage, total: int) -> dict | None:
    """How far the petition is from its next goal: the response, then the hearing."""
    if petition.state in (State.GATHERING_SUPPORT, State.AWAITING_MODERATION):
        goal, label = petition.supporters_required + 1, _("supporters needed for moderation")
    elif petition.response_threshold and total < petition.response_threshold:
        goal, label = petition.response_threshold, _("signatures for an official response")
    elif petition.hearing_threshold and total < petition.hearing_threshold:
        goal, label = petition.hearing_threshold, _("signatures for a council hearing")
    else:
        return None
    return {"goal": goal, "label": label, "value": min(total, goal)}


# Signatures whose signer's name may be shown: asked for, counted and not erased.
NAMED_PUBLICLY = Q(
    show_name=True,
    confirmed_at__isnull=False,
    invalidated_at__isnull=True,
    erased_at__isnull=True,
)


def public_names(petition: PetitionPage, limit: int = 20) -> list[str]:
    return list(
        Signature.objects.filter(NAMED_PUBLICLY, petition=petition)
        .order_by("-confirmed_at")
        .values_list("name", flat=True)[:limit]
    )


def signature_of(petition: PetitionPage, user) -> Signature | None:
    """The person's signature of this petition, erased or not (found by its mailbox hash)."""
    if not user.is_authenticated:
        return None
    return Signature.objects.filter(
        petition=petition, mailbox_hash=mailbox_hash(normalize_email(user.email))
    ).first()


def can_download_dossier(user, petition: PetitionPage) -> bool:
    return user.is_authenticated and (
        user.pk == petition.creator_id or can_moderate(user) or can_respond(user, petition)
    )


POWERS_TIMEOUT = 30


def links_for(user, petition: PetitionPage) -> tuple[bool, bool]:
    """(may post the official response now, may download the dossier): which of those links
    the petition's page shows this person. Their answers are kept per person and authority
    under the content generation, which moves when their account or a membership is saved;
    `POWERS_TIMEOUT` bounds how long a change to a group's permissions goes unseen. Only the
    links: the response form and the dossier check the person themselves."""
    if not user.is_authenticated:
        return False, False
    key = f"petitions:powers:{content_generation()}:{user.pk}:{petition.authority_id}"
    powers = near_get(key)
    if powers is None:
        powers = (can_respond(user, petition), can_moderate(user))
        near_set(key, powers, POWERS_TIMEOUT)
    responder, moderator = powers
    return (
        petition.state == State.AWAITING_RESPONSE and responder,
        user.pk == petition.creator_id or moderator or responder,
    )


def petition_page_context(*, petition: PetitionPage, request) -> dict:
    """What the petition's page shows. The parts that are the same for every reader are built
    lazily: their fragments of the page are kept (`config.fragments`), and a kept fragment
    does not pay for them; what is the reader's own (their signature, what they may do) is
    built for each request."""
    user = request.user
    breakdown = lazy(lambda: signature_breakdown(petition))
    links = lazy(lambda: links_for(user, petition))
    shown = petition.state != State.REJECTED
    return {
        "breakdown": breakdown,
        "charts": lazy(lambda: charts_section(petition, breakdown()) if shown else ""),
        "progress": lazy(lambda: progress(petition, breakdown().total)),
        "public_names": lazy(lambda: public_names(petition)),
        "response": lazy(lambda: getattr(petition, "response", None)),
        "signable": lazy(lambda: is_signable(petition)),
        "my_signature": lazy(lambda: signature_of(petition, user)),
        "just_confirmed": request.GET.get("signature"),
        "can_respond": lazy(lambda: links()[0]),
        "can_download_dossier": lazy(lambda: links()[1]),
        "sign_url": reverse("petitions:sign", kwargs={"petition_id": petition.pk}),
        "index_url": lazy(lambda: page_path(petition.get_parent())),
        "json_url": reverse("petitions:petition_json", kwargs={"petition_id": petition.pk}),
        "csv_url": reverse("petitions:petition_csv", kwargs={"petition_id": petition.pk}),
        "dossier_url": reverse("petitions:dossier", kwargs={"petition_id": petition.pk}),
        "respond_url": lazy(lambda: page_path(petition, "respond/")),
    }


def home_section(*, request) -> HomeSection | None:
    """Petitions gathering signatures now, the most signed first, with their progress."""
    index = petition_index()
    if index is None:
        return None
    petitions = list(petitions_listing(status="open", order="popular")[:4])
    if not petitions:
        return None
    items = [{"petition": p, "total": p.total, "progress": progress(p, p.total)} for p in petitions]
    localized = index.localized
    return HomeSection(
        template="petitions/includes/home_section.html",
        context={"items": items, "index_url": localized.url, "index": localized},
    )


def my_signatures(user) -> QuerySet:
    mine = Q(user=user)
    if user.email:
        mine |= Q(normalized_email=normalize_email(user.email))
    return (
        Signature.objects.filter(mine)
        .exclude(petition__state=State.HIDDEN)
        .select_related("petition")
        .order_by("-created_at")
    )


CABINET_PREVIEW = 5


def cabinet_section(*, user):
    """My petitions (drafts and share links included) and my signatures, the latest few."""
    from profiles.selectors import CabinetSection

    created = my_petitions(user)
    signatures = my_signatures(user)
    index = petition_index()
    return CabinetSection(
        title=_("Petitions"),
        template="petitions/includes/cabinet_section.html",
        context={
            "created": list(created[:CABINET_PREVIEW]),
            "created_count": created.count(),
            "signatures": list(signatures[:CABINET_PREVIEW]),
            "signature_count": signatures.count(),
            "index_url": index.localized.url if index else "",
        },
    )


def activity_for(*, subject, viewer, limit: int) -> list:
    """Public petition activity for a profile or organization page (`profiles.activity`).

    A person: the petitions they created, and those they signed with "show my name publicly"
    (other signatures are private and never listed). An organization: the petitions it
    answered officially. Only published petitions count: never drafts, petitions gathering
    support or awaiting moderation, rejected or hidden ones.
    """
    from profiles.activity import ActivityItem, page_date
    from profiles.models import Organization, User

    published = PetitionPage.objects.live().public().filter(state__in=PUBLISHED_STATES)
    items: list[ActivityItem] = []
    if isinstance(subject, Organization):
        responses = (
            PetitionResponse.objects.filter(organization=subject, petition__in=published)
            .select_related("petition")
            .order_by("-published_at", "-pk")[:limit]
        )
        items += [
            _activity_item(r.petition, date=r.published_at, role=_("answered")) for r in responses
        ]
    elif isinstance(subject, User):
        created = published.filter(creator=subject).order_by("-opened_at", "-pk")[:limit]
        items += [
            _activity_item(p, date=p.opened_at or page_date(p, subject=subject), role=_("created"))
            for p in created
        ]
        signed = (
            Signature.objects.filter(
                NAMED_PUBLICLY, user=subject, is_creator=False, petition__in=published
            )
            .select_related("petition")
            .order_by("-confirmed_at", "-pk")[:limit]
        )
        items += [
            _activity_item(s.petition, date=s.confirmed_at or s.created_at, role=_("signed"))
            for s in signed
        ]
    items.sort(key=lambda item: item.date, reverse=True)
    return items[:limit]


def _activity_item(petition: PetitionPage, *, date, role):
    from profiles.activity import ActivityItem

    return ActivityItem(
        date=date,
        kind=str(_("Petition")),
        title=petition.public_title,
        url=page_path(petition),
        role=str(role),
    )


def my_petitions(user) -> QuerySet:
    """The petitions a person started, in every state, newest first: for their cabinet."""
    return with_totals(PetitionPage.objects.filter(creator=user)).order_by("-pk")


def signing_rates(petition: PetitionPage, *, group_by: str, limit: int = 50) -> list[dict]:
    """Signatures of a petition per network (keyed hash of the /24 or /48) or email domain,
    the busiest first: what a moderator looks at to spot a flood."""
    hour_ago = timezone.now() - timedelta(hours=1)
    day_ago = timezone.now() - timedelta(days=1)
    valid = Q(invalidated_at__isnull=True)
    return list(
        Signature.objects.filter(petition=petition)
        .exclude(**{group_by: ""})
        .values(group_by)
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=valid & Q(confirmed_at__isnull=False)),
            pending=Count("pk", filter=valid & Q(confirmed_at__isnull=True)),
            invalidated=Count("pk", filter=Q(invalidated_at__isnull=False)),
            last_hour=Count("pk", filter=Q(created_at__gte=hour_ago)),
            last_day=Count("pk", filter=Q(created_at__gte=day_ago)),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .order_by("-last_hour", "-total")[:limit]
    )
