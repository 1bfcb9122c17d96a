from django import template
from django.utils import formats

from petitions.links import page_path
from petitions.states import State

register = template.Library()

BADGES = {
    State.OPEN: "badge--ok",
    State.AWAITING_RESPONSE: "badge--warn",
    State.RESPONDED: "badge--ok",
    State.REJECTED: "badge--error",
    State.HIDDEN: "badge--error",
}


@register.simple_tag
def petition_url(page, route: str = "") -> str:
    """A petition page (or one of its routes) in the reader's language."""
    return page_path(page, route)


@register.filter
def state_badge(state: str) -> str:
    return BADGES.get(state, "")


@register.filter
def grouped(number) -> str:
    """12345 → "12 345" in Ukrainian, "12,345" in English."""
    return formats.number_format(number or 0, force_grouping=True)


@register.filter
def percent_of(value, goal) -> int:
    return min(100, int(100 * (value or 0) / goal)) if goal else 0
