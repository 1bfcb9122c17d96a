"""The Open311 GeoReport v2 endpoints. Each view answers in the format its path ends with
(`.json` or `.xml`); every refusal is the spec's error list with its HTTP status (400 bad input,
403 a key that may not do this, 404 nothing there, 405 wrong method, 429 too fast).

Beyond the spec, documented in `discovery`: paging (`page_size` ≤ 1000, `page`) and
`agency_responsible` on `requests`; `provider` (an organization's slug, for complaints about a
provider), `district` (a district's slug, for a place given by address only), `title` and
`media` (up to three photos, multipart) on a new request; and FixMyStreet's update extension
`servicerequestupdates` (GET: public updates; POST: a body's own system, with its key, on its
body's reports; statuses are our state names, OPEN/CLOSED, or FixMyStreet's names)."""

import functools
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator, validate_email
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from django_ratelimit.core import is_ratelimited

from config.models import District
from profiles.models import Organization
from reports import services
from reports.models import Category, CategoryAttribute, Report, ReportPhoto, ReportUpdate
from reports.models.reports import DESCRIPTION_MAX, UPDATE_MAX
from reports.open311 import parse
from reports.open311.errors import Open311Error, bad_request, forbidden, not_found
from reports.open311.formats import FORMATS, render, render_error
from reports.states import FINISHED_STATES, OPEN_STATES, State

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The date this API last changed in what it accepts or returns.
CHANGESET = "2026-12-07T00:00:00+02:00"
DEFAULT_DAYS = 90
MAX_PHOTOS = 3
# Writes: an app's users usually post from their own phones (per address), an app's server
# for many people (per key).
RATE_PER_IP = "20/m"
RATE_PER_KEY = "120/m"


def jurisdiction() -> str:
    return getattr(settings, "OPEN311_JURISDICTION", "") or "spilno"


def endpoint(*methods: str, limited: bool = False):
    """Checks the format, method and `jurisdiction_id` of an Open311 view, answers in the
    request's language and turns `Open311Error` into the spec's error list. `limited` views
    are writes by apps with keys: CSRF-exempt, rate-limited per address and per key."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, fmt, **kwargs):
            if request.method == "HEAD" and "GET" in methods:
                request.method = "GET"  # answered as GET; the handler drops the body
            with translation.override(parse.language(request)):
                response = _checked(request, fmt, kwargs)
            if request.method == "GET":
                response["Access-Control-Allow-Origin"] = "*"
            return response

        def _checked(request, fmt, kwargs):
            if fmt not in FORMATS:
                return render_error(fmt, 404, _("Unknown format: use .json or .xml."))
            if request.method not in methods:
                response = render_error(fmt, 405, _("Method not allowed."))
                response["Allow"] = ", ".join(methods)
                return response
            params = request.POST if request.method == "POST" else request.GET
            given = params.get("jurisdiction_id", "").strip()
            if given and given != jurisdiction():
                return render_error(fmt, 404, _("Unknown jurisdiction_id."))
            if limited and request.method == "POST" and _too_fast(request):
                return render_error(fmt, 429, _("Too many requests. Please wait a minute."))
            try:
                return view(request, fmt, params, **kwargs)
            except Open311Error as error:
                return render_error(fmt, error.status, error.description)

        return csrf_exempt(wrapper) if limited else wrapper

    return decorate


def _too_fast(request) -> bool:
    by_ip = is_ratelimited(
        request, group="open311-ip", key="ip", rate=RATE_PER_IP, method="POST", increment=True
    )
    by_key = is_ratelimited(
        request,
        group="open311-key",
        key="post:api_key",
        rate=RATE_PER_KEY,
        method="POST",
        increment=True,
    )
    return by_ip or by_key


def _iso(value, tz=None) -> str | None:
    """A W3C datetime in Kyiv time; `tz` given when called per row (looking the current zone up
    each time was a tenth of a 1,000-row page, bench/reports.py)."""
    if not value:
        return None
    return value.astimezone(tz or timezone.get_current_timezone()).isoformat(timespec="seconds")


def _api_key(params):
    secret = params.get("api_key", "").strip()
    if not secret:
        raise bad_request(_("api_key is required."))
    key = services.open311_key_find(secret=secret)
    if key is None:
        raise forbidden(_("Invalid or revoked api_key."))
    return key


@endpoint("GET")
def discovery(request, fmt, params):
    url = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": "json"}))
    base = url.rsplit("/", 1)[0] + "/"
    contact = settings.DEFAULT_FROM_EMAIL
    data = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": _("API keys are issued by the site's staff on request: write to %(c)s.")
        % {"c": contact},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
        "jurisdiction_id": jurisdiction(),
        "documentation": _(
            "GET requests: page_size (1–%(max)d, default %(default)d) and page (from 1); "
            "agency_responsible (a body's slug or name); without dates, the last %(days)d days. "
            "POST requests: email is required (the person confirms by email; the answer has a "
            "token), provider (an organization's slug) for complaints about a provider, "
            "district (a district's slug) with address_string, title, media (up to 3 photos). "
            "servicerequestupdates follows FixMyStreet's extension: GET the public updates, "
            "POST with a body's system key to that body's reports."
        )
        % {"max": parse.PAGE_SIZE_MAX, "default": parse.PAGE_SIZE_DEFAULT, "days": DEFAULT_DAYS},
    }
    return render(fmt, "discovery", data)


@endpoint("GET")
def service_list(request, fmt, params):
    questions = CategoryAttribute.objects.filter(category=OuterRef("pk"))
    categories = Category.objects.active().annotate(has_questions=Exists(questions))
    data = [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.description,
            "metadata": category.has_questions,
            "type": "realtime",
            "keywords": category.keywords,
            "group": str(category.get_group_display()),
        }
        for category in categories
    ]
    return render(fmt, "services", data)


@endpoint("GET")
def service_definition(request, fmt, params, code):
    category = Category.objects.active().filter(code=code).first()
    if category is None:
        raise not_found(_("Unknown service_code."))
    data = {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": None,
                "order": n,
                "description": attribute.question,
                "values": [{"key": key, "name": name} for key, name in attribute.value_choices()],
            }
            for n, attribute in enumerate(category.attributes.all(), start=1)
        ],
    }
    return render(fmt, "service_definition", data)


# The columns a request's answer needs, read as plain values: at 1,000 rows a page, building
# model instances was the larger part of the time (bench/reports.py).
_REQUEST_FIELDS = (
    "pk",
    "state",
    "title",
    "description",
    "category__code",
    "category__name_uk",
    "category__name_en",
    "body__name",
    "created_at",
    "updated_at",
    "expected_at",
    "address",
    "latitude",
    "longitude",
    "media_url",
)


def _requests_values(queryset):
    notes = ReportUpdate.objects.filter(
        report=OuterRef("pk"),
        kind=ReportUpdate.Kind.OFFICIAL,
        confirmed_at__isnull=False,
        hidden_at__isnull=True,
    ).order_by("-created_at", "-pk")
    photos = ReportPhoto.objects.filter(report=OuterRef("pk")).order_by("sort_order", "pk")
    return queryset.annotate(
        status_notes=Subquery(notes.values("text")[:1]),
        photo=Subquery(photos.values("file")[:1]),
    ).values(*_REQUEST_FIELDS, "status_notes", "photo")


def _request_data(request, row: dict, english: bool, tz) -> dict:
    photo = row["photo"]
    media = request.build_absolute_uri(default_storage.url(photo)) if photo else row["media_url"]
    lat, lon = row["latitude"], row["longitude"]
    return {
        "service_request_id": row["pk"],
        "status": "closed" if row["state"] in FINISHED_STATES else "open",
        "status_notes": row["status_notes"] or "",
        "service_name": row["category__name_en" if english else "category__name_uk"],
        "service_code": row["category__code"],
        "title": row["title"],
        "description": row["description"],
        "agency_responsible": row["body__name"],
        "service_notice": "",
        "requested_datetime": _iso(row["created_at"], tz),
        "updated_datetime": _iso(row["updated_at"], tz),
        "expected_datetime": _iso(row["expected_at"], tz),
        "address": row["address"],
        "address_id": "",
        "zipcode": "",
        "lat": float(lat) if lat is not None else None,
        "long": float(lon) if lon is not None else None,
        "media_url": media or "",
    }


def _render_requests(request, fmt, rows):
    english = translation.get_language() == "en"
    tz = timezone.get_current_timezone()
    data = [_request_data(request, row, english, tz) for row in rows]
    return render(fmt, "service_requests", data)


def _date_range(params) -> tuple:
    start = parse.optional_datetime(params, "start_date")
    end = parse.optional_datetime(params, "end_date", end=True)
    if start is None and end is None:
        start = timezone.now() - timedelta(days=DEFAULT_DAYS)
    if start and end and start > end:
        raise bad_request(_("start_date must be before end_date."))
    return start, end


@csrf_exempt
def requests_endpoint(request, fmt):
    """GET: the public requests; POST: a new one, from an app with a key."""
    return _requests_post(request, fmt) if request.method == "POST" else _requests_get(request, fmt)


@endpoint("GET", "POST")
def _requests_get(request, fmt, params):
    ids = parse.request_ids(params)
    page, size = parse.page(params)
    reports = Report.objects.public()
    if ids:
        reports = reports.filter(pk__in=ids)  # the spec: ids override every other filter
    else:
        codes = parse.comma_list(params, "service_code")
        if codes:
            reports = reports.filter(category__code__in=codes)
        start, end = _date_range(params)
        if start:
            reports = reports.filter(created_at__gte=start)
        if end:
            reports = reports.filter(created_at__lte=end)
        status = parse.status(params)
        if status:
            states = OPEN_STATES if status == "open" else FINISHED_STATES
            reports = reports.filter(state__in=states)
        agencies = parse.comma_list(params, "agency_responsible")
        if agencies:
            reports = reports.filter(Q(body__slug__in=agencies) | Q(body__name__in=agencies))
    reports = reports.order_by("-created_at", "-pk")
    rows = _requests_values(reports)[(page - 1) * size : page * size]
    return _render_requests(request, fmt, rows)


@endpoint("GET", "POST", limited=True)
def _requests_post(request, fmt, params):
    key = _api_key(params)
    code = params.get("service_code", "").strip()
    if not code:
        raise bad_request(_("service_code is required."))
    category = Category.objects.active().filter(code=code).first()
    if category is None:
        raise bad_request(_("Unknown service_code."))
    email = params.get("email", "").strip()
    if not email:
        raise bad_request(_("email is required: the person confirms the report by email."))
    try:
        validate_email(email)
    except ValidationError:
        raise bad_request(_("email is not a valid email address.")) from None
    description = params.get("description", "").strip()
    if not description:
        raise bad_request(_("description is required."))
    if len(description) > DESCRIPTION_MAX:
        raise bad_request(_("description is too long (at most %(n)d).") % {"n": DESCRIPTION_MAX})
    point = parse.point(params)
    media_url = params.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise bad_request(_("media_url must be an http(s) address.")) from None
        if len(media_url) > 500:
            raise bad_request(_("media_url is too long."))
    photos = request.FILES.getlist("media")
    if len(photos) > MAX_PHOTOS:
        raise bad_request(_("At most %(n)d photos.") % {"n": MAX_PHOTOS})
    name = " ".join(
        part for part in (params.get("first_name", "").strip(), params.get("last_name", "").strip())
        if part
    )  # fmt: skip
    title = params.get("title", "").strip() or description.splitlines()[0]
    try:
        report = services.report_create(
            category=category,
            title=title[:120],
            description=description,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            address=params.get("address_string", "").strip()[:200],
            district=_named(District, params, "district", _("Unknown district.")),
            provider=_named(Organization, params, "provider", _("Unknown provider.")),
            attributes=parse.attributes(params),
            photos=photos,
            reporter_email=email,
            reporter_name=name[:100],
            source=Report.Source.OPEN311,
            app_key=key,
            media_url=media_url,
        )
    except ValidationError as error:
        raise bad_request(" ".join(error.messages)) from None
    if report.state == State.UNCONFIRMED:
        answer = {
            "token": str(report.token),
            "service_notice": _(
                "The report is published once the person confirms it by the link emailed to them."
            ),
        }
    else:
        answer = {"service_request_id": report.pk, "service_notice": ""}
    return render(fmt, "service_requests", [{**answer, "account_id": None}])


def _named(model, params, name: str, unknown: str):
    slug = params.get(name, "").strip()
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise bad_request(unknown)
    return found


@endpoint("GET")
def request_detail(request, fmt, params, pk):
    if not pk.isdigit() or len(pk) > 11:
        raise not_found(_("No such service request."))
    rows = list(_requests_values(Report.objects.public().filter(pk=int(pk))))
    if not rows:
        raise not_found(_("No such service request."))
    return _render_requests(request, fmt, rows)


@endpoint("GET")
def token(request, fmt, params, token):
    try:
        value = uuid.UUID(token)
    except ValueError:
        raise not_found(_("No such token.")) from None
    report = Report.objects.filter(token=value).only("pk", "state", "token").first()
    if report is None:
        raise not_found(_("No such token."))
    public = report.state != State.UNCONFIRMED
    data = [{"service_request_id": report.pk if public else None, "token": str(report.token)}]
    return render(fmt, "service_requests", data)


@csrf_exempt
def updates_endpoint(request, fmt):
    """FixMyStreet's `servicerequestupdates`: GET the public updates, POST a body's own."""
    return _updates_post(request, fmt) if request.method == "POST" else _updates_get(request, fmt)


@endpoint("GET", "POST")
def _updates_get(request, fmt, params):
    page, size = parse.page(params)
    start, end = _date_range(params)
    updates = ReportUpdate.objects.filter(
        confirmed_at__isnull=False,
        hidden_at__isnull=True,
        report__in=Report.objects.public().values("pk"),
    )
    ids = parse.request_ids(params)
    if ids:
        updates = updates.filter(report_id__in=ids)
    if start:
        updates = updates.filter(created_at__gte=start)
    if end:
        updates = updates.filter(created_at__lte=end)
    rows = updates.order_by("created_at", "pk").values(
        "pk", "report_id", "state_before", "state_after", "created_at", "text"
    )[(page - 1) * size : page * size]
    tz = timezone.get_current_timezone()
    data = [
        {
            "update_id": row["pk"],
            "service_request_id": row["report_id"],
            "status": (row["state_after"] or row["state_before"]).upper(),
            "updated_datetime": _iso(row["created_at"], tz),
            "description": row["text"],
            "media_url": "",
        }
        for row in rows
    ]
    return render(fmt, "service_request_updates", data)


@endpoint("GET", "POST", limited=True)
def _updates_post(request, fmt, params):
    key = _api_key(params)
    if key.body_id is None:
        raise forbidden(_("Only a body's own system key may post updates."))
    number = params.get("service_request_id", "").strip()
    if not number:
        raise bad_request(_("service_request_id is required."))
    report = _public_report(number)
    if report.body_id != key.body_id:
        raise forbidden(_("This key's body is not responsible for this request."))
    state = parse.update_state(params.get("status", ""), report.state)
    text = params.get("description", "").strip()
    if not text and not state:
        raise bad_request(_("Give a description or a new status."))
    if len(text) > UPDATE_MAX:
        raise bad_request(_("description is too long (at most %(n)d).") % {"n": UPDATE_MAX})
    now = timezone.now()
    when = parse.optional_datetime(params, "updated_datetime") or now
    if when > now + timedelta(minutes=5):
        raise bad_request(_("updated_datetime is in the future."))
    if when < report.created_at:
        raise bad_request(_("updated_datetime is before the request was made."))
    original = params.get("duplicate_of", "").strip()
    try:
        update = services.report_update_official(
            report=report,
            text=text,
            state=state,
            app_key=key,
            duplicate_of=_public_report(original) if original else None,
            expected_at=parse.optional_datetime(params, "expected_datetime"),
            now=when,
        )
    except ValidationError as error:
        raise bad_request(" ".join(error.messages)) from None
    return render(fmt, "service_request_updates", [{"update_id": update.pk}])


def _public_report(number: str) -> Report:
    report = None
    if number.isdigit() and len(number) < 12:
        report = Report.objects.public().select_related("body").filter(pk=int(number)).first()
    if report is None:
        raise not_found(_("No such service request: %(id)s.") % {"id": number[:20]})
    return report
