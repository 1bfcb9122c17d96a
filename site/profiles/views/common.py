"""Helpers shared by the views."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404

from django_ratelimit.decorators import ratelimit

from profiles.exceptions import ProfilesError

PAGE_SIZE = 20

# Every public write is rate limited: per account when signed in, else per address.
limit_writes = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)


def page_of(request, items, *, per_page: int = PAGE_SIZE, param: str = "page"):
    try:
        number = int(request.GET.get(param, 1))
    except ValueError:
        number = 1
    return Paginator(items, per_page).get_page(number)


def error_message(error: ProfilesError) -> str:
    return " ".join(error.messages)


def report_error(request, error: ProfilesError) -> None:
    messages.error(request, error_message(error))


def page_number(request, param: str = "page") -> int:
    try:
        return max(1, int(request.GET.get(param, 1)))
    except ValueError as error:
        raise Http404 from error
