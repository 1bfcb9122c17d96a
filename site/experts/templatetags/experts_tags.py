"""Template helpers: URLs of the experts' page routes, and a project in the reader's language."""

from django import template

from config import layout
from experts.selectors.urls import directory_url, route_url

register = template.Library()


@register.simple_tag(takes_context=True)
def experts_url(context, name: str, *args) -> str:
    """A route of the expert directory, e.g. {% experts_url "expert" expert.pk %}."""
    return directory_url(name, *args, request=context.get("request"))


@register.simple_tag(takes_context=True)
def page_route(context, page, name: str, *args) -> str:
    """A route of a routable page, e.g. {% page_route project "rate" expert.pk %}."""
    return route_url(page, name, *args, request=context.get("request"))


@register.filter
def localized(page):
    """The page in the reader's language when it is translated (and live), else itself."""
    return layout.localized(page) if page is not None else None
