"""What the residents views of the site and of the Wagtail admin share: how a service's
refusal reaches the person who asked."""

from django.contrib import messages

from residents.errors import ResidentsError


def error_text(error: ResidentsError) -> str:
    """A refusal as one sentence (a service may give several reasons)."""
    return " ".join(error.messages)


def run_and_report(request, action, done: str) -> bool:
    """Run `action` (a service call that needs no form): its refusal, or else `done`, becomes
    the message on the next page. Returns whether it went through."""
    try:
        action()
    except ResidentsError as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, done)
    return True
