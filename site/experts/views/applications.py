"""Becoming an expert: one form for the profile and a competency application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from experts.errors import ExpertsError
from experts.forms import ApplicationForm, split_tags
from experts.models import ExpertProfile
from experts.services import expert_apply
from experts.views.base import rate_limit, render_route


def _initial(user) -> dict:
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        return {}
    return {
        "statement": profile.statement,
        "credentials": profile.credentials,
        "district": profile.district_id,
        "tags": ", ".join(sorted(profile.tags.names())),
    }


@login_required
@rate_limit("10/m")
def apply(request, *, page):
    form = ApplicationForm(request.POST or None, initial=_initial(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = expert_apply(
                user=request.user,
                statement=data["statement"],
                credentials=data["credentials"],
                district=data["district"],
                tags=split_tags(data["tags"]),
                competency=data["competency"],
                evidence=data["evidence"],
            )
        except ExpertsError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. Staff will check your evidence for “%(competency)s”.")
                % {"competency": claim.tag.label},
            )
            return redirect(
                page.url + page.reverse_subpage("expert", args=[claim.content_object_id])
            )
    return render_route(
        request,
        page,
        "experts/apply.html",
        {"form": form, "is_expert": ExpertProfile.objects.filter(user=request.user).exists()},
    )
