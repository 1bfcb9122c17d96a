"""The search page and the autocomplete endpoint. Both only read."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.fragments import lazy
from config.params import query_text
from search.forms import SearchForm
from search.selectors import (
    autocomplete_titles,
    popular_tags,
    reader_language,
    search_documents,
    suggested_topics,
    visibilities_for,
)


@require_GET
def results(request):
    """Results with facets when there is something to search for; topics to start from when
    there is not."""
    form = SearchForm(request.GET)
    parameters = form.parameters()
    viewer = request.user
    # What the viewer may find depends only on their audience (`visibilities_for`): the
    # results are a fragment kept per audience (`config.fragments`), built lazily.
    context = {
        "form": form,
        "query": parameters["query"],
        "show_search_box": False,
        "audience": visibilities_for(viewer),
    }
    if parameters["query"] or parameters["filters"]:
        context["results"] = lazy(lambda: search_documents(**parameters, viewer=viewer))
    else:
        language = reader_language()
        context["topics"] = lazy(lambda: suggested_topics(viewer=viewer, language=language))
        context["popular_tags"] = lazy(lambda: popular_tags(viewer=viewer, language=language))
    return render(request, "search/results.html", context)


@require_GET
def autocomplete(request):
    """Titles for the search box as the reader types: `{"results": [{title, url, type}]}`."""
    text = query_text(request, "q", max_length=200)
    response = JsonResponse({"results": autocomplete_titles(text=text, viewer=request.user)})
    response["Cache-Control"] = "private, max-age=60"
    return response
