"""The key holder's page (`/polls/<slug>/key/`): the key ceremony of a poll's results keys.

While the poll is a draft, a holder who has given no key yet creates one: their browser makes
the pair (`static/polls/keyholder.js`), saves it as a file and posts only the public half;
without JavaScript, `tools/verify_poll.py keygen` makes the same file and its public half is
pasted. Once the poll has closed, the holder gives the private half from that file. Only the
poll's key holders see the page (404 for anyone else, drafts are not public); the services
check the same again (`polls.services.keys`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from django_ratelimit.decorators import ratelimit

from polls import selectors
from polls.errors import PollError
from polls.forms import KeyForm
from polls.models import Poll
from polls.services.keys import poll_key_private_give, poll_key_public_give


def _half_asked(holder) -> str | None:
    """Which half of the key the page asks for now, if any."""
    poll = holder.poll
    if not poll.is_secret:
        return None
    if poll.state == Poll.State.DRAFT:
        # Given already: a new key replaces it (for a holder who lost the file).
        return "public_key"
    if poll.state == Poll.State.CLOSED and holder.private_key is None:
        return "private_key"
    return None


def _back_link(request, poll: Poll) -> str | None:
    """Where the person prepares the poll, when they do; otherwise its public page."""
    if poll.creator_id == request.user.pk:
        if poll.creator_kind == Poll.CreatorKind.BOARD and poll.organization:
            return reverse("polls_board:detail", args=[poll.organization.slug, poll.pk])
        if request.user.is_staff:
            return reverse("polls_admin:detail", args=[poll.pk])
    if poll.state != Poll.State.DRAFT:
        return reverse("polls:detail", args=[poll.slug])
    return None


@never_cache
@login_required
@ratelimit(key="user_or_ip", rate="20/m", method="POST", block=True)
@require_http_methods(["GET", "HEAD", "POST"])
def key(request, slug):
    holder = selectors.key_holding(slug, request.user)
    if holder is None:
        raise Http404
    poll = holder.poll
    half = _half_asked(holder)
    form = KeyForm(request.POST if request.method == "POST" else None, half=half or "public_key")
    if request.method == "POST":
        if half is None:
            messages.error(request, _("This page asks for no key now."))
            return redirect("polls:key", poll.slug)
        if form.is_valid():
            give = poll_key_public_give if half == "public_key" else poll_key_private_give
            try:
                give(poll=poll, user=request.user, **{half: form.cleaned_data["key"]})
            except PollError as error:
                form.add_error(None, str(error.message))
            else:
                if half == "public_key":
                    done = _("Your public key is registered. Keep your key file safe.")
                else:
                    done = _("Your private key is given. Thank you: the poll can be counted.")
                messages.success(request, done)
                return redirect("polls:key", poll.slug)
    others = [h for h in selectors.key_holders_of(poll) if h.pk != holder.pk]
    context = {
        "poll": poll,
        "holder": holder,
        "half": half,
        "form": form,
        "key_field": form[half] if half else None,
        "others": others,
        "back_link": _back_link(request, poll),
        "file_name": f"spilno-poll-{poll.pk}-results-key-{holder.position}.json",
        "key_data": {
            "poll": poll.pk,
            "position": holder.position,
            "file_name": f"spilno-poll-{poll.pk}-results-key-{holder.position}.json",
            "messages": {
                "creating": _("Creating your key in this browser…"),
                "created": _(
                    "Your key file is saved. Check that it is in your downloads, keep it "
                    "safe, then register your public key below."
                ),
                "failed": _("This browser could not create a key. Nothing was sent."),
                "unreadable": _("This file is not a results key file."),
                "other_poll": _("This key file belongs to another poll or key holder."),
                "read": _("The key is read from your file. Give it with the button below."),
            },
        },
    }
    return render(request, "polls/key.html", context, status=400 if form.errors else 200)


urlpatterns = [path("<slug:slug>/key/", key, name="key")]
