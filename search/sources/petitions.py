"""Petitions in search: published ones only (open, awaiting a response, responded, closed).

Drafts, petitions gathering support or awaiting moderation, rejected and hidden petitions are
never indexed (`petitions.states.PUBLISHED_STATES`). Popularity is the confirmed-signature
total, from the petitions app's own tallies (`petitions.selectors.with_totals`).
"""

from django.conf import settings

from petitions.links import page_path
from petitions.models import PetitionResponse
from petitions.selectors import with_totals
from petitions.states import PUBLISHED_STATES, State
from search.models import DocumentType
from search.sources import languages
from search.sources.pages import PageSource


class PetitionSource(PageSource):
    name = "petitions.petition"
    model = "petitions.PetitionPage"
    weight = 1.1
    statuses = {f"petition_{state}": State(state).label for state in sorted(PUBLISHED_STATES)}

    def candidates(self):
        published = super().candidates().filter(state__in=PUBLISHED_STATES)
        return with_totals(published.select_related("locale", "authority"))

    def load(self, pks):
        return self.candidates().in_bulk(list(pks))

    def page_document(self, page) -> dict | None:
        if page.state not in PUBLISHED_STATES:
            return None
        response = PetitionResponse.objects.filter(petition=page).first()
        body = [page.additional_details, page.authority.name]
        if response is not None:
            body += [response.summary, response.body]
        return {
            "type": DocumentType.PETITION,
            "summary": page.background,
            "body": " ".join(part for part in body if part),
            "district_id": page.district_id,
            "status": f"petition_{page.state}",
            "date": page.opened_at or page.first_published_at,
            "popularity": getattr(page, "total", 0),
            "urls": {
                code: page_path(page, language=code)
                for code in languages()
                if code != settings.LANGUAGE_CODE
            },
        }

    def watched(self):
        """A response adds text. Counts and threshold moves are written with `update()`: the
        petitions services announce them (`search.signals.objects_changed`)."""
        return {
            **super().watched(),
            "petitions.PetitionResponse": lambda response: [response.petition_id],
        }


SOURCES = [PetitionSource()]
