"""Support and its withdrawal: one button each on the idea's page, for a signed-in person with
a confirmed email while the idea gathers support. Rate-limited per client address and per
person; the count is kept exact by the service (`support_give`), which also moves the idea to
review when this support reaches its threshold."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from ideas import permissions, services
from ideas.states import IdeaError
from ideas.views.common import back_to, error_text, idea_for

limit_ip = ratelimit(key="ip", rate="60/m", method="POST", block=True)
limit_person = ratelimit(key="user_or_ip", rate="20/m", method="POST", block=True)


@limit_ip
@limit_person
@require_POST
def give(request, slug):
    idea = idea_for(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(idea.get_absolute_url())
    refusal = permissions.support_refusal(user=request.user, idea=idea)
    if refusal is not None:
        messages.error(request, refusal)
        return back_to(idea, "support")
    try:
        services.support_give(idea=idea, user=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you: your support is counted."))
    return back_to(idea, "support")


@limit_ip
@limit_person
@require_POST
def withdraw(request, slug):
    idea = idea_for(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(idea.get_absolute_url())
    try:
        services.support_withdraw(idea=idea, user=request.user)
    except IdeaError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your support is withdrawn."))
    return back_to(idea, "support")
