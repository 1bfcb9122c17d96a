"""Open data (JSON and CSV of each petition and of the list) and the dossier PDF.

Plain Django URLs with file extensions (`/petitions/12.json`): stable addresses for the people
who reuse the data, independent of how editors arrange the pages. Formats: `opendata`.
"""

import json

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from petitions import opendata, selectors
from petitions.dossier import dossier_pdf
from petitions.models import PetitionPage


def _published(petition_id: int) -> PetitionPage:
    petitions = PetitionPage.objects.live().select_related("authority", "district")
    return get_object_or_404(petitions, pk=petition_id)


def _json(document: dict) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def _csv(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def list_json(request):
    petitions = selectors.petitions_listing(status="all", order="recent")
    return _json(opendata.list_document(petitions))


def list_csv(request):
    petitions = selectors.petitions_listing(status="all", order="recent")
    return _csv(opendata.list_csv(petitions), "petitions.csv")


def petition_json(request, petition_id: int):
    petition = _published(petition_id)
    return _json(opendata.petition_document(petition, selectors.signature_breakdown(petition)))


def petition_csv(request, petition_id: int):
    petition = _published(petition_id)
    body = opendata.petition_csv(petition, selectors.signature_breakdown(petition))
    return _csv(body, f"petition-{petition.pk}.csv")


def petition_dossier(request, petition_id: int):
    """For delivery to the authority: its members, moderators and the creator may download it."""
    petition = _published(petition_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.can_download_dossier(request.user, petition):
        return HttpResponseForbidden(_("Only the creator, moderators and the authority."))
    response = HttpResponse(dossier_pdf(petition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="petition-{petition.pk}-dossier.pdf"'
    return response
