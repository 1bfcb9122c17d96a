"""Open data of the reports (`reports.opendata`): every public report as JSON or CSV, for
anyone and any site (CORS open), from the shared page cache like the other public pages."""

import json

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from config.sharedpages import shared_page
from reports import opendata


@shared_page
@require_safe
def opendata_view(request, format: str):
    reports = opendata.public_reports()
    if format == "json":
        body = json.dumps(opendata.reports_document(reports), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif format == "csv":
        response = HttpResponse(
            opendata.reports_csv(reports), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="reports.csv"'
    else:
        raise Http404
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response
