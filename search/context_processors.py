"""The site-wide search box: every page's header shows it and sends it to /search/."""

from django.urls import reverse


def search_box(request):
    return {"show_search_box": True, "site_search_url": reverse("search:results")}
