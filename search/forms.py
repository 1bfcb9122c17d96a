"""The search page's query string: free text, sort, page and the selected facet values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.query import FACETS, Filters, Sort

MAX_VALUES = 20


class SearchForm(forms.Form):
    """Read from GET, so a search is a link: it can be bookmarked, shared and filtered with
    plain checkboxes. Facet values are free strings; unknown ones simply match nothing."""

    q = forms.CharField(label=_("Search the city"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (Sort.RELEVANCE, _("Best match")),
            (Sort.NEWEST, _("Newest")),
            (Sort.POPULAR, _("Most popular")),
        ],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500)

    def parameters(self) -> dict:
        """Valid values, with defaults for whatever was missing or malformed."""
        self.is_valid()  # an invalid field drops out of cleaned_data; the others stay
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "").strip(),
            "sort": data.get("sort") or Sort.RELEVANCE,
            "page": data.get("page") or 1,
            "filters": self.filters(),
        }

    def filters(self) -> Filters:
        selected = {}
        for facet in FACETS:
            values = [value.strip()[:100] for value in self.data.getlist(facet)]
            selected[facet] = tuple(dict.fromkeys(value for value in values if value))[:MAX_VALUES]
        return Filters(**selected)
