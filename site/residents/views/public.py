"""Buildings in public (`/buildings/`): the list by district and each building's public facts
(address, district, units, total area, association), never who owns or lives where. Also the
page an invitation email links to, which is personal (sign-in required)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from django_ratelimit.decorators import ratelimit

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.params import page_of
from config.sharedpages import shared_page
from residents import selectors_buildings as selectors
from residents.errors import ResidentsError
from residents.services import register as services

limit_writes = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)


@shared_page
def buildings(request):
    page = page_of(request, selectors.buildings_public(), per_page=50)
    groups = []
    for building in page.object_list:
        if not groups or groups[-1]["district"] != building.district:
            groups.append({"district": building.district, "buildings": []})
        groups[-1]["buildings"].append(building)
    return render(request, "residents/buildings.html", {"page_obj": page, "groups": groups})


@shared_page
def building(request, pk):
    found = selectors.building_public(pk)
    if found is None:
        raise Http404
    return render(request, "residents/building.html", {"building": found})


@login_required
@limit_writes
def ownership_invitation(request, token):
    found = services.ownership_from_token(token)
    if found is None:
        return render(request, "residents/building_invitation.html", {"invalid": True}, status=404)
    ownership, _inviter = found
    if request.method == "POST":
        try:
            services.ownership_accept(token=token, user=request.user)
        except ResidentsError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("residents:ownership_invitation", token)
        messages.success(
            request,
            _("You are now a verified co-owner in %(address)s.")
            % {"address": ownership.unit.building.address},
        )
        return redirect("profiles:cabinet")
    state = services.invitation_state(ownership)
    return render(
        request,
        "residents/building_invitation.html",
        {
            "ownership": ownership,
            "building": ownership.unit.building,
            "state": state,
            "open": state == services.InvitationState.INVITED,
            "is_for_me": services.invitation_is_for(ownership=ownership, user=request.user),
        },
    )


urlpatterns = [
    path("", buildings, name="buildings"),
    path("<id:pk>/", building, name="building"),
    path("invitation/<str:token>/", ownership_invitation, name="ownership_invitation"),
]
