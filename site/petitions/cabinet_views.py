"""The full lists behind the cabinet's petitions section: my petitions and my signatures.

The cabinet (`/account/`) shows the latest few of each; these pages list them all, paginated.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.params import page_of
from petitions.links import page_path
from petitions.selectors import my_petitions, my_signatures, petition_index

PAGE_SIZE = 20


def _page(request, items):
    return page_of(request, items, per_page=PAGE_SIZE)


@login_required
def petitions_mine(request):
    """Every petition I started, in every state, with where each one stands."""
    index = petition_index()
    return render(
        request,
        "petitions/my_petitions.html",
        {
            "page": _page(request, my_petitions(request.user).select_related("authority")),
            "index_url": index.localized.url if index else "",
            "drafts_url": page_path(index, "drafts/") if index else "",
        },
    )


@login_required
def signatures_mine(request):
    """Every signature of mine, confirmed or waiting for the email link."""
    return render(
        request,
        "petitions/my_signatures.html",
        {"page": _page(request, my_signatures(request.user))},
    )
