from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from profiles.selectors import cabinet_sections


@login_required
def cabinet(request):
    """The personal cabinet: everything of mine on the platform, one section per app."""
    return render(
        request, "profiles/cabinet.html", {"sections": cabinet_sections(user=request.user)}
    )
