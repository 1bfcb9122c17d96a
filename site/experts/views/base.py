"""Helpers every experts view uses."""

from functools import wraps

from django.core.paginator import Page as PaginatorPage
from django.template.response import TemplateResponse

from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from config.params import page_of
from config.views import rate_limited

PER_PAGE = 20


def render_route(request, page, template: str, context: dict, status: int = 200):
    """Render a page route with the page in the context, as Wagtail's own serve does."""
    return TemplateResponse(request, template, {"page": page, **context}, status=status)


def paginate(request, items, per_page: int = PER_PAGE) -> PaginatorPage:
    return page_of(request, items, per_page=per_page)


def message_of(error) -> str:
    return " ".join(error.messages)


def rate_limit(rate: str, *, key: str = "user_or_ip"):
    """django-ratelimit on POST, answered with the site's 429 page (page routes are served by
    Wagtail, outside any middleware that would translate the refusal)."""

    def decorator(view):
        limited = ratelimit(key=key, rate=rate, method="POST", block=True)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return limited(request, *args, **kwargs)
            except Ratelimited as refusal:
                return rate_limited(request, refusal)

        return wrapped

    return decorator
