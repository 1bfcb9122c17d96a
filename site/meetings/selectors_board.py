"""Reads of the board's pages (and of an initiative group's): the buildings a draft may be for,
the notices sent, the whole discussion with its hidden comments, who may be named chair and
how far an initiative group is from its threshold."""

from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from meetings import charts
from meetings.models import Comment, EmailSent, Meeting, Proxy
from meetings.selectors import (
    building_total_area,
    initiative_threshold,
    initiative_weight,
    rights_of_meeting,
)
from profiles.models import Membership
from residents.models import Building, VerifiedAttribute
from residents.services.register import REGISTER_ROLES


def association_buildings(association) -> QuerySet:
    return Building.objects.filter(association=association).order_by("address")


def coowned_buildings(association, user) -> QuerySet:
    """The association's buildings `user` is a verified co-owner in, now."""
    if not user.is_authenticated:
        return Building.objects.none()
    held = VerifiedAttribute.objects.valid().filter(user=user, kind=VerifiedAttribute.Kind.CO_OWNER)
    return association_buildings(association).filter(pk__in=held.values("building_id"))


def initiatives_of(association, user) -> QuerySet:
    """The initiative groups (draft meetings) of the buildings `user` co-owns, newest first."""
    return (
        Meeting.objects.filter(
            convened_by=Meeting.ConvenedBy.INITIATIVE,
            building__in=coowned_buildings(association, user),
        )
        .select_related("building")
        .order_by("-created_at", "-pk")
    )


def notices_sent(meeting: Meeting) -> int:
    """How many co-owners the meeting's notice has been emailed to so far."""
    return EmailSent.objects.filter(meeting=meeting, kind=EmailSent.Kind.NOTICE).count()


def rights_for_proxy(meeting: Meeting) -> QuerySet:
    """The rights that have no active proxy (one may be recorded for them)."""
    active = Proxy.objects.filter(right__meeting=meeting, revoked_at__isnull=True)
    return rights_of_meeting(meeting).exclude(pk__in=active.values("right_id"))


def comments_for_moderation(meeting: Meeting) -> list[Comment]:
    """Every comment of the meeting, hidden ones too, the meeting's first, then by item."""
    comments = Comment.objects.filter(meeting=meeting).select_related(
        "author__profile", "item", "hidden_by__profile"
    )
    return sorted(
        comments,
        key=lambda c: (c.item.position if c.item_id else 0, c.created_at, c.pk),
    )


def chair_candidates(meeting: Meeting) -> QuerySet:
    """Who may be named chair: the association's board and the co-owners holding a right."""
    board = Membership.objects.filter(
        organization_id=meeting.organization_id, role__in=REGISTER_ROLES
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=board) | Q(meeting_rights__meeting=meeting))
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )


def initiative_progress(meeting: Meeting) -> dict:
    """The area the group holds against the area it needs, as the meeting pages write areas
    and shares (`meetings.charts`), and whether it is enough."""
    weight, needed = initiative_weight(meeting), initiative_threshold(meeting)
    total = Fraction(building_total_area(meeting.building))
    return {
        "weight_m2": charts.area_text(weight),
        "needed_m2": charts.area_text(needed),
        "weight_percent": charts.percent_text(weight / total if total else Fraction(0)),
        "needed_percent": charts.percent_text(needed / total if total else Fraction(0)),
        "reached": needed > 0 and weight >= needed,
        "members": meeting.initiative.filter(user__isnull=False).count(),
    }
