"""Reading an Open311 request's parameters: each function returns the clean value or raises
`Open311Error` (400) with a message naming the parameter, so nothing is written on bad input."""

import re
from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _

from reports.open311.errors import bad_request
from reports.states import FINISHED_STATES, State

PAGE_SIZE_DEFAULT = 100
PAGE_SIZE_MAX = 1000
ID_LIST_MAX = 1000
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


def language(request) -> str:
    """`?locale=` (en, en_US, uk…) first, else the browser's Accept-Language; Ukrainian unless
    English is asked for."""
    asked = request.GET.get("locale") or get_language_from_request(request) or "uk"
    return "en" if asked.lower().startswith("en") else "uk"


def w3c_datetime(value: str, name: str, *, end: bool = False) -> datetime:
    """A W3C datetime (2026-12-07T10:00:00+02:00, …Z, or a bare date: its start, or its end for
    `end`); a time without an offset is Kyiv time."""
    value = (value or "").strip()
    try:
        parsed = parse_datetime(value.replace(" ", "+")) if "T" in value else None
        if parsed is None and "T" not in value:
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.max if end else time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise bad_request(
            _("%(name)s must be a W3C datetime such as 2026-12-07T10:00:00+02:00.") % {"name": name}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def optional_datetime(params, name: str, *, end: bool = False) -> datetime | None:
    value = params.get(name, "")
    return w3c_datetime(value, name, end=end) if value.strip() else None


def comma_list(params, name: str) -> list[str]:
    values = [part.strip() for part in params.get(name, "").split(",") if part.strip()]
    if len(values) > ID_LIST_MAX:
        raise bad_request(_("At most %(n)d values of %(name)s.") % {"n": ID_LIST_MAX, "name": name})
    return values


def request_ids(params) -> list[int]:
    ids = comma_list(params, "service_request_id")
    if not all(part.isdigit() and len(part) < 12 for part in ids):
        raise bad_request(_("service_request_id must be numbers separated by commas."))
    return [int(part) for part in ids]


def positive_int(params, name: str, default: int, maximum: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= maximum:
        raise bad_request(
            _("%(name)s must be a whole number from 1 to %(max)d.") % {"name": name, "max": maximum}
        )
    return int(value)


def page(params) -> tuple[int, int]:
    """(page, page_size): page_size up to 1000 (100 unless asked), pages from 1."""
    size = positive_int(params, "page_size", PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX)
    return positive_int(params, "page", 1, 1_000_000), size


def status(params) -> str:
    value = params.get("status", "").strip().lower()
    if value not in ("", "open", "closed"):
        raise bad_request(_("status must be “open” or “closed”."))
    return value


def point(params) -> tuple[Decimal, Decimal] | None:
    """`lat` and `long` as decimals (both or neither), within the globe."""
    lat, lon = params.get("lat", "").strip(), params.get("long", "").strip()
    if not lat and not lon:
        return None
    if not lat or not lon:
        raise bad_request(_("Give both lat and long, or neither."))
    try:
        latitude, longitude = Decimal(lat), Decimal(lon)
    except InvalidOperation:
        raise bad_request(_("lat and long must be decimal degrees.")) from None
    if not (latitude.is_finite() and longitude.is_finite()):
        raise bad_request(_("lat and long must be decimal degrees."))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request(_("lat must be within ±90 and long within ±180."))
    return latitude.quantize(Decimal("0.000001")), longitude.quantize(Decimal("0.000001"))


def attributes(params) -> dict:
    """`attribute[code]=value`, and `attribute[code][]=value` repeated for a multivaluelist."""
    answers = {}
    for key in params:
        match = _ATTRIBUTE.match(key)
        if not match:
            continue
        code, many = match.groups()
        values = [v.strip() for v in params.getlist(key) if v.strip()]
        if many:
            answers[code] = values
        elif values:
            answers[code] = values[-1]
    return answers


# What a body's system may send as an update's `status`: our own state names, Open311's
# open/closed, and the names FixMyStreet's update extension uses for the same states.
_STATE_ALIASES = {
    "not_councils_responsibility": State.NOT_RESPONSIBLE,
    "no_further_action": State.UNABLE_TO_FIX,
    "internal_referral": State.NOT_RESPONSIBLE,
}


def update_state(value: str, current: str) -> str:
    """The state an update's `status` asks for, or "" when it asks for no change."""
    name = (value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if not name:
        return ""
    if name == "open":
        target = State.OPEN if current in FINISHED_STATES else ""
    elif name == "closed":
        target = "" if current in FINISHED_STATES else State.FIXED
    elif name in _STATE_ALIASES:
        target = _STATE_ALIASES[name]
    elif name in State.values and name != State.UNCONFIRMED:
        target = name
    else:
        raise bad_request(_("Unknown status “%(status)s”.") % {"status": value[:40]})
    return "" if target == current else str(target)
