"""Making a report: checking what was given, routing it to the responsible body, confirming a
report made without an account, and sending it to the body."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from profiles.exceptions import ProfilesError
from profiles.images import picture_reencode
from reports import emails
from reports.models import Category, Open311Key, Report, ReportPhoto, ReportUpdate
from reports.models.reports import DESCRIPTION_MAX
from reports.permissions import has_confirmed_email
from reports.services.common import email_clean, report_lock, text_clean, timeline_add
from reports.services.routing import district_at, route_resolve
from reports.states import ReportError, State

PHOTO_LONGEST_SIDE = 2048


def _coordinate(value, *, low: int, high: int) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ReportError(_("The point on the map is not valid."), code="bad_point") from error
    if not number.is_finite() or not low <= number <= high:
        raise ReportError(_("The point on the map is not valid."), code="bad_point")
    return number.quantize(Decimal("0.000001"))


def _place(*, category, latitude, longitude, address, district):
    """(latitude, longitude, address, district) of a place category's report."""
    address = text_clean(address, label=_("address or place"), max_length=200, required=False)
    has_point = latitude not in (None, "") or longitude not in (None, "")
    if has_point:
        if latitude in (None, "") or longitude in (None, ""):
            raise ReportError(_("The point on the map is not valid."), code="bad_point")
        lat = _coordinate(latitude, low=-90, high=90)
        lon = _coordinate(longitude, low=-180, high=180)
        found = district_at(latitude=lat, longitude=lon)
        if found is None:
            raise ReportError(
                _("This point is outside the city. Put the marker where the problem is."),
                code="outside",
            )
        return lat, lon, address, found
    if not address or district is None:
        raise ReportError(
            _("Put the problem on the map, or give its address and choose its district."),
            code="place_required",
        )
    from config.models import District

    if not isinstance(district, District):
        raise ReportError(_("Choose a district from the list."), code="bad_district")
    return None, None, address, district


def _answers(category: Category, attributes) -> dict:
    """The answers to the category's questions, checked against each question's type."""
    from reports.models import CategoryAttribute as A

    attributes = attributes or {}
    if not isinstance(attributes, dict):
        raise ReportError(_("The answers to the questions are not valid."), code="bad_answers")
    cleaned = {}
    for question in category.attributes.all():
        value = attributes.get(question.code)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if question.required:
                raise ReportError(
                    _("Answer the question “%(question)s”.") % {"question": question.question},
                    code="answer_required",
                )
            continue
        keys = {key for key, _label in question.value_choices()}
        bad = ReportError(
            _("The answer to “%(question)s” is not valid.") % {"question": question.question},
            code="bad_answer",
        )
        if question.datatype == A.Datatype.MULTIVALUELIST:
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) and v in keys for v in values):
                raise bad
            cleaned[question.code] = list(dict.fromkeys(values))
        elif question.datatype == A.Datatype.SINGLEVALUELIST:
            if not isinstance(value, str) or value not in keys:
                raise bad
            cleaned[question.code] = value
        elif question.datatype == A.Datatype.NUMBER:
            try:
                number = Decimal(str(value))
            except (InvalidOperation, ValueError) as error:
                raise bad from error
            if not number.is_finite() or isinstance(value, bool):
                raise bad
            cleaned[question.code] = str(number)
        elif question.datatype == A.Datatype.DATETIME:
            try:
                parsed = parse_datetime(value) if isinstance(value, str) else None
            except ValueError as error:  # well formed but impossible: 2026-02-30T10:00
                raise bad from error
            if parsed is None:
                raise bad
            cleaned[question.code] = value
        else:
            limit = 200 if question.datatype == A.Datatype.STRING else 2000
            if not isinstance(value, str) or len(value) > limit or "\x00" in value:
                raise bad
            cleaned[question.code] = value
    return cleaned


def _photos(photos) -> list:
    photos = [photo for photo in (photos or ()) if photo]
    if len(photos) > ReportPhoto.MAX_PER_REPORT:
        raise ReportError(
            _("At most %(count)s photos.") % {"count": ReportPhoto.MAX_PER_REPORT},
            code="too_many_photos",
        )
    encoded = []
    for upload in photos:
        try:
            encoded.append(picture_reencode(upload, longest_side=PHOTO_LONGEST_SIDE))
        except ProfilesError as error:
            raise ReportError(error.messages[0], code="bad_photo") from error
    return encoded


def _media_url(value) -> str:
    url = value.strip() if isinstance(value, str) else ""
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ReportError(
            _("The media link is not a valid web address."), code="bad_url"
        ) from error
    if len(url) > 500:
        raise ReportError(_("The media link is too long."), code="bad_url")
    return url


def report_create(
    *,
    category,
    title,
    description,
    latitude=None,
    longitude=None,
    address="",
    district=None,
    provider=None,
    attributes=None,
    photos=(),
    reporter=None,
    reporter_email="",
    reporter_name="",
    show_name=False,
    source=Report.Source.WEB,
    app_key=None,
    media_url="",
    now: datetime | None = None,
) -> Report:
    """A new report, routed to its body. A signed-in reporter with a confirmed email makes an
    open report, sent to the body at once; anyone else gets a confirmation email and the report
    waits, unconfirmed and unseen, until they open its link. Nothing is written on an error."""
    now = now or timezone.now()
    if not isinstance(category, Category) or not category.active:
        raise ReportError(_("Choose a category from the list."), code="bad_category")
    title = text_clean(title, label=_("title"), max_length=120)
    description = text_clean(description, label=_("description"), max_length=DESCRIPTION_MAX)
    if category.needs_place:
        if provider is not None:
            raise ReportError(
                _("A problem at a place does not name a provider."), code="provider_not_asked"
            )
        latitude, longitude, address, district = _place(
            category=category,
            latitude=latitude,
            longitude=longitude,
            address=address,
            district=district,
        )
    else:
        from profiles.models import Organization

        if not isinstance(provider, Organization):
            raise ReportError(
                _("Choose the provider you complain about."), code="provider_required"
            )
        if latitude not in (None, "") or longitude not in (None, ""):
            raise ReportError(
                _("A complaint about a provider takes no point on the map."), code="no_point"
            )
        latitude = longitude = None
        address = text_clean(address, label=_("address or place"), max_length=200, required=False)
    answers = _answers(category, attributes)
    reporter_name = text_clean(reporter_name, label=_("name"), max_length=100, required=False)
    media_url = _media_url(media_url)
    if source not in Report.Source.values:
        raise ReportError(_("Unknown source."), code="bad_source")
    if app_key is not None and not isinstance(app_key, Open311Key):
        raise ReportError(_("Unknown application."), code="bad_key")
    signed_in = reporter is not None and getattr(reporter, "is_authenticated", False)
    confirmed = signed_in and has_confirmed_email(user=reporter)
    if signed_in:
        reporter_email = email_clean(reporter_email or reporter.email)
    else:
        reporter = None
        reporter_email = email_clean(reporter_email)
    body = route_resolve(category=category, district=district)
    encoded = _photos(photos)

    with transaction.atomic():
        report = Report.objects.create(
            category=category,
            body=body,
            title=title,
            description=description,
            latitude=latitude,
            longitude=longitude,
            address=address,
            district=district,
            provider=provider if not category.needs_place else None,
            attributes=answers,
            media_url=media_url,
            reporter=reporter,
            reporter_email="" if confirmed else reporter_email,
            reporter_name=reporter_name,
            show_name=bool(show_name),
            source=source,
            app_key=app_key,
            state=State.UNCONFIRMED,
            created_at=now,
            updated_at=now,
        )
        for order, content in enumerate(encoded):
            ReportPhoto.objects.create(
                report=report, file=content, sort_order=order, created_at=now
            )
        if confirmed:
            _confirmed(report, now=now)
        else:
            report_id, email, user = report.pk, reporter_email, reporter

            def ask():
                emails.confirmation_send(
                    kind="report",
                    pk=report_id,
                    email=email,
                    report=Report.objects.get(pk=report_id),
                    user=user,
                )

            on_commit_robust(ask)
    return report


def _confirmed(report: Report, *, now: datetime) -> None:
    """UNCONFIRMED → OPEN on a locked (or just created) report, with its timeline note, and
    the body told after commit."""
    report.state = State.OPEN
    report.confirmed_at = now
    report.updated_at = now
    report.save(update_fields=["state", "confirmed_at", "updated_at"])
    timeline_add(
        report=report,
        kind=ReportUpdate.Kind.SITE,
        at=now,
        state_before=State.UNCONFIRMED,
        state_after=State.OPEN,
    )
    report_id = report.pk
    on_commit_robust(lambda: report_send_to_body(report=Report.objects.get(pk=report_id)))


def report_confirm(*, report: Report, now: datetime | None = None) -> Report:
    """The reporter opened the confirmation link: the report becomes open and goes to the
    body. Confirming again changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(report)
        if locked.state == State.UNCONFIRMED:
            _confirmed(locked, now=now)
    return locked


def report_send_to_body(*, report: Report) -> None:
    """Email the responsible body the report with its signed link, and note when (a body with
    no address to write to is left unsent; its members still see it in their cabinet)."""
    report = Report.objects.select_related("category", "body", "district", "provider").get(
        pk=report.pk
    )
    if emails.report_to_body_send(report=report):
        Report.objects.filter(pk=report.pk).update(sent_at=timezone.now())
