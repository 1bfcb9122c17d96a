"""The full list behind the cabinet's library section: every contribution of mine.

The cabinet (`/account/`) shows the latest few; this page lists them all, paginated, with
where each one stands in the editors' review.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wagtail.models import Locale

from config.params import page_of
from library.selectors import contributions_of, library_index_for

PAGE_SIZE = 20


@login_required
def contributions_mine(request):
    """Every guide and case study I proposed, in every review state."""
    page = page_of(request, contributions_of(user=request.user), per_page=PAGE_SIZE)
    return render(
        request,
        "library/my_contributions.html",
        {"page": page, "index": library_index_for(locale=Locale.get_active())},
    )
