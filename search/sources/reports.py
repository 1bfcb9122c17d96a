"""Problem reports in search: public ones only (confirmed, not hidden by a moderator:
`Report.objects.public()`). An unconfirmed or hidden report gets no document and loses the one
it had. Nobody's name or email is indexed: the title, description, category and the body
responsible, the place's address and the provider complained about. Popularity is the number
of "me too"s; the status is the report's state."""

from django.urls import reverse
from django.utils import translation

from reports.models import Report
from reports.states import PUBLIC_STATES, State
from search.models import DocumentType
from search.sources import Document, Source, languages


def _urls(pk: int) -> tuple[str, dict[str, str]]:
    urls = {}
    for code in languages():
        with translation.override(code):
            urls[code] = reverse("reports:detail", kwargs={"pk": pk})
    return urls[languages()[0]], urls


class ReportSource(Source):
    name = "reports.report"
    model = "reports.Report"
    statuses = {f"report_{state}": State(state).label for state in sorted(PUBLIC_STATES)}

    def candidates(self):
        return Report.objects.public().select_related("category", "body", "provider")

    def document(self, report):
        if not report.is_public:
            return None
        url, urls = _urls(report.pk)
        category = report.category
        body = [report.description, report.address, report.body.name]
        if report.provider_id:
            body.append(report.provider.name)
        return Document(
            type=DocumentType.REPORT,
            title=report.title,
            summary=f"{category.name_uk} / {category.name_en}",
            body=" ".join(part for part in body if part),
            tags=[],
            district_id=report.district_id,
            status=f"report_{report.state}",
            date=report.created_at,
            popularity=report.supporter_count,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )


SOURCES = [ReportSource()]
