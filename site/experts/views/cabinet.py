"""The full lists behind the cabinet's experts section: my projects, my ratings and my
consultations. The cabinet (`/account/`) shows the first few of each; these pages list them
all. Each page holds two lists, each paginated by its own query parameter."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.params import page_of
from experts.selectors.cabinet import (
    answers_written_by,
    coordinated_projects,
    participations_of,
    questions_asked_by,
    ratings_given_by,
    ratings_received_by,
)
from experts.views.base import PER_PAGE


def _lists(request, **lists) -> dict:
    """A page of each list, read from the query parameter named after it; paging through one
    list keeps the others where they were."""
    pages = {
        param: page_of(request, items, per_page=PER_PAGE, param=param)
        for param, items in lists.items()
    }
    return {
        param: {
            "page": page,
            "param": param,
            "query_string": urlencode(
                {other: p.number for other, p in pages.items() if other != param and p.number > 1}
            ),
        }
        for param, page in pages.items()
    }


@login_required
def projects_mine(request):
    """Projects I coordinate, and those I was asked to join: my role, whether I am listed,
    and the invitations still waiting for my answer."""
    lists = _lists(
        request,
        coordinated=coordinated_projects(request.user),
        participations=participations_of(request.user),
    )
    return render(request, "experts/my_projects.html", lists)


@login_required
def ratings_mine(request):
    """Ratings I gave (hidden ones marked) and the ratings of my work that count."""
    lists = _lists(
        request,
        given=ratings_given_by(request.user),
        received=ratings_received_by(request.user),
    )
    return render(request, "experts/my_ratings.html", lists)


@login_required
def consultations_mine(request):
    """Questions I asked and answers I wrote (hidden ones marked)."""
    lists = _lists(
        request,
        questions=questions_asked_by(request.user),
        answers=answers_written_by(request.user),
    )
    return render(request, "experts/my_consultations.html", lists)
