"""Helpers shared by the views."""

from django.contrib import messages

from django_ratelimit.decorators import ratelimit

from profiles.exceptions import ProfilesError

# Every public write is rate limited: per account when signed in, else per address.
limit_writes = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)


def error_message(error: ProfilesError) -> str:
    return " ".join(error.messages)


def report_error(request, error: ProfilesError) -> None:
    messages.error(request, error_message(error))
