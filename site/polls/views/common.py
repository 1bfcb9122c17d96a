"""What the poll views share: JSON errors and the audience said in words."""

import json

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _

from config.views import json_error  # noqa: F401  (the views import it from here)
from residents.models import Audience

MAX_JSON_BYTES = 16 * 1024  # a ballot is under 2 KB; anything far larger is not one


class BadRequest(Exception):
    """A request whose body is not what the endpoint takes: a 4xx with a clear message."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def json_body(request) -> dict:
    """The request's JSON object, or BadRequest: too large, not JSON, not an object."""
    too_large = BadRequest("too_large", _("The request is too large."), status=413)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and (len(declared) > 9 or int(declared) > MAX_JSON_BYTES):
        raise too_large  # refused before the body is read
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > MAX_JSON_BYTES:
        raise too_large
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("not_json", _("The request is not valid JSON.")) from None
    if not isinstance(value, dict):
        raise BadRequest("not_an_object", _("The request must be a JSON object."))
    return value


def audience_in_words(audience: Audience) -> list[str]:
    """Who may vote, as conditions that all apply, naming places, professions and
    associations, never people."""
    words = []
    if audience.whole_city:
        words.append(_("a verified residence in the city"))
    districts = [d.name for d in audience.districts.all()]
    if districts:
        words.append(_("a verified residence in: %(names)s") % {"names": ", ".join(districts)})
    buildings = [b.address for b in audience.buildings.all()]
    if buildings:
        if audience.building_roles == Audience.BuildingRoles.CO_OWNERS:
            text = _("co-ownership of a unit at: %(names)s")
        else:
            text = _("co-ownership of a unit, or a verified residence, at: %(names)s")
        words.append(text % {"names": "; ".join(buildings)})
    competencies = [str(c) for c in audience.competencies.all()]
    if competencies:
        words.append(
            _("a verified profession among: %(names)s") % {"names": ", ".join(competencies)}
        )
    organizations = [o.name for o in audience.organizations.all()]
    if organizations:
        words.append(_("membership of: %(names)s") % {"names": ", ".join(organizations)})
    return words
