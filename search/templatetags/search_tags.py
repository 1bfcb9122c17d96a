"""Links that change one thing about the current search and keep the rest."""

from django import template
from django.http import QueryDict

from search.query import FACETS

register = template.Library()


def _query(request) -> QueryDict:
    query = request.GET.copy()
    query.pop("page", None)
    return query


@register.simple_tag(takes_context=True)
def search_page_url(context, page: int) -> str:
    query = _query(context["request"])
    if page > 1:
        query["page"] = page
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def search_without(context, facet: str, value: str = "") -> str:
    """This search without one selected value (or, with no value, without the whole facet)."""
    query = _query(context["request"])
    kept = [v for v in query.getlist(facet) if value and v != value]
    query.setlist(facet, kept)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def search_with_query(context, text: str) -> str:
    """This search (filters and sort kept) for other words."""
    query = _query(context["request"])
    query["q"] = text
    return f"?{query.urlencode()}"


@register.simple_tag
def search_for_tag(slug: str) -> str:
    query = QueryDict(mutable=True)
    query["tag"] = slug
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def search_without_filters(context) -> str:
    query = _query(context["request"])
    for facet in FACETS:
        query.pop(facet, None)
    return f"?{query.urlencode()}"
