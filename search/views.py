"""The search page and the autocomplete endpoint. Both only read."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.params import query_text
from search.forms import SearchForm
from search.selectors import (
    autocomplete_titles,
    popular_tags,
    reader_language,
    search_documents,
    suggested_topics,
)


@require_GET
def results(request):
    """Results with facets when there is something to search for; topics to start from when
    there is not."""
    form = SearchForm(request.GET)
    parameters = form.parameters()
    context = {"form": form, "query": parameters["query"], "show_search_box": False}
    if parameters["query"] or parameters["filters"]:
        context["results"] = search_documents(**parameters, viewer=request.user)
    else:
        language = reader_language()
        context["topics"] = suggested_topics(viewer=request.user, language=language)
        context["popular_tags"] = popular_tags(viewer=request.user, language=language)
    return render(request, "search/results.html", context)


@require_GET
def autocomplete(request):
    """Titles for the search box as the reader types: `{"results": [{title, url, type}]}`."""
    text = query_text(request, "q", max_length=200)
    response = JsonResponse({"results": autocomplete_titles(text=text, viewer=request.user)})
    response["Cache-Control"] = "private, max-age=60"
    return response
