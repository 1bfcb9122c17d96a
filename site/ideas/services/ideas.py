"""Writing an idea: the draft and its attachments, publication, and hiding by moderators.

A draft is its author's alone; publication freezes the threshold (from the settings, for the
idea's district or the whole city), opens the support period of `IDEA_SUPPORT_DAYS` and gives
the author's own support. After publication only a moderator edits the text (to fix it), and
hiding is a flag beside the state, so moderation never loses an idea's place in its life.
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.models import District
from config.transactions import on_commit_robust
from ideas.models import Idea, IdeaAttachment, Support
from ideas.permissions import can_edit, can_moderate
from ideas.services.common import (
    idea_lock,
    require_confirmed,
    require_moderator,
    state_move,
    text_clean,
)
from ideas.states import IdeaError, State
from profiles.exceptions import ProfilesError
from profiles.images import picture_reencode
from profiles.models import Membership, Organization
from profiles.text import latin_slug

# Paths under /ideas/ that are pages, not ideas.
RESERVED_SLUGS = {"new", "map", "feed", "data", "moderation", "reports", "mine"}
SLUG_LENGTH = 70
SLUG_ATTEMPTS = 20
MAX_TOPICS = 10
TOPIC_LENGTH = 100
MAX_ATTACHMENTS = 10
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PICTURE_SIDE = 2000
# Who may change which fields: the author (a draft), a moderator (text fixes at any time).
DRAFT_FIELDS = {
    "title",
    "summary",
    "description",
    "district",
    "organization",
    "topics",
    "address",
    "latitude",
    "longitude",
    "estimated_cost",
}
TEXT_FIELDS = {"title", "summary", "description", "address"}


def _slug_base(title: str) -> str:
    return latin_slug(title, max_length=SLUG_LENGTH) or "idea"


def _free_slug(base: str) -> str:
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Idea.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _decimal(value, *, label: str, low=None, high=None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise IdeaError(
            _("“%(field)s” must be a number.") % {"field": label}, code="bad_number"
        ) from None
    if (
        not number.is_finite()
        or (low is not None and number < low)
        or (high is not None and number > high)
    ):
        raise IdeaError(_("“%(field)s” is out of range.") % {"field": label}, code="out_of_range")
    return number


def _topics(values) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    try:
        names = [
            text_clean(v, label=_("topic"), max_length=TOPIC_LENGTH, required=False) for v in values
        ]
    except TypeError:
        raise IdeaError(_("The topics are not valid."), code="bad_topics") from None
    names = list(dict.fromkeys(name for name in names if name))
    if len(names) > MAX_TOPICS:
        raise IdeaError(
            _("Choose at most %(max)s topics.") % {"max": MAX_TOPICS}, code="too_many_topics"
        )
    return names


def _clean_fields(fields: dict, *, author) -> dict:
    """Each given field cleaned to what the model stores, or IdeaError with a clear message."""
    clean = {}
    limits = {"title": 150, "summary": 300, "description": 10_000}
    labels = {"title": _("title"), "summary": _("in one sentence"), "description": _("description")}
    for name, limit in limits.items():
        if name in fields:
            clean[name] = text_clean(fields[name], label=labels[name], max_length=limit)
    if "address" in fields:
        clean["address"] = text_clean(
            fields["address"], label=_("address or place"), max_length=200, required=False
        )
    if "district" in fields:
        district = fields["district"]
        if district is not None and not isinstance(district, District):
            raise IdeaError(_("Choose a district from the list."), code="bad_district")
        clean["district"] = district
    if "organization" in fields:
        organization = fields["organization"]
        if organization is not None and (
            not isinstance(organization, Organization)
            or not Membership.objects.filter(organization=organization, user=author).exists()
        ):
            raise IdeaError(
                _("You can propose ideas only for an organization you are a member of."),
                code="not_a_member",
            )
        clean["organization"] = organization
    if "latitude" in fields or "longitude" in fields:
        latitude = _decimal(fields.get("latitude"), label=_("latitude"), low=-90, high=90)
        longitude = _decimal(fields.get("longitude"), label=_("longitude"), low=-180, high=180)
        if (latitude is None) != (longitude is None):
            raise IdeaError(
                _("Give both the latitude and the longitude of the place, or neither."),
                code="half_a_point",
            )
        clean["latitude"] = None if latitude is None else latitude.quantize(Decimal("0.000001"))
        clean["longitude"] = None if longitude is None else longitude.quantize(Decimal("0.000001"))
    if "estimated_cost" in fields:
        cost = _decimal(
            fields["estimated_cost"], label=_("estimated cost, UAH"), low=0, high=Decimal("1e12")
        )
        clean["estimated_cost"] = None if cost is None else cost.quantize(Decimal("0.01"))
    if "topics" in fields:
        clean["topics"] = _topics(fields["topics"] or ())
    return clean


def _full_clean(idea: Idea) -> None:
    try:
        idea.full_clean(exclude=["slug", "author", "organization", "district"])
    except ValidationError as error:
        raise IdeaError(error.messages, code="invalid") from error


def idea_create(
    *,
    author,
    title: str,
    summary: str,
    description: str,
    district=None,
    organization=None,
    topics=(),
    address: str = "",
    latitude=None,
    longitude=None,
    estimated_cost=None,
) -> Idea:
    """A draft by `author` (who needs a confirmed email), with a unique address (slug) made
    from its title; a later change of title keeps the address, so links stay valid."""
    require_confirmed(author, _("Confirm your email address before proposing an idea."))
    clean = _clean_fields(
        {
            "title": title,
            "summary": summary,
            "description": description,
            "district": district,
            "organization": organization,
            "topics": topics,
            "address": address,
            "latitude": latitude,
            "longitude": longitude,
            "estimated_cost": estimated_cost,
        },
        author=author,
    )
    names = clean.pop("topics")
    idea = Idea(author=author, state=State.DRAFT, **clean)
    _full_clean(idea)
    base = _slug_base(idea.title)
    for _attempt in range(SLUG_ATTEMPTS):
        idea.slug = _free_slug(base)
        try:
            with transaction.atomic():
                idea.save()
                if names:
                    idea.topics.set(names)
            return idea
        except IntegrityError:  # someone took the same address a moment before
            idea.pk = None
            idea._state.adding = True
            base = f"{_slug_base(idea.title)[: SLUG_LENGTH - 7]}-{uuid.uuid4().hex[:6]}"
    raise IdeaError(_("Could not give the idea an address; try again."), code="slug")


def idea_update(*, idea: Idea, by, **fields) -> Idea:
    """Change a draft (its author), or fix the text of any idea (a moderator: title, summary,
    description, address)."""
    if not can_edit(user=by, idea=idea):
        raise IdeaError(_("You cannot change this idea."), code="not_allowed")
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise IdeaError(
            _("These cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="bad_fields",
        )
    with transaction.atomic():
        locked = idea_lock(idea)
        own_draft = locked.state == State.DRAFT and locked.author_id == by.pk
        if not own_draft:
            if not can_moderate(user=by):
                raise IdeaError(_("Only a draft can be changed by its author."), code="not_a_draft")
            if set(fields) - TEXT_FIELDS:
                raise IdeaError(
                    _("After publication only the text of an idea can be corrected."),
                    code="text_only",
                )
        clean = _clean_fields(fields, author=locked.author)
        names = clean.pop("topics", None)
        for name, value in clean.items():
            setattr(locked, name, value)
        _full_clean(locked)
        locked.save()
        if names is not None:
            locked.topics.set(names)
    return locked


def _picture_file(upload) -> ContentFile:
    """The picture re-encoded from its pixels (dropping EXIF with its GPS position and the
    camera's serial number), at most PICTURE_SIDE on its longer side, as JPEG."""
    try:
        return picture_reencode(upload, longest_side=PICTURE_SIDE)
    except ProfilesError as error:
        raise IdeaError(error.messages, code="bad_picture") from error


def _document_file(upload) -> ContentFile:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise IdeaError(_("The document is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise IdeaError(_("Attach documents as PDF."), code="not_pdf")
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")


def _require_draft_editor(*, idea: Idea, by) -> None:
    if idea.state != State.DRAFT or not (idea.author_id == by.pk or can_moderate(user=by)):
        raise IdeaError(
            _(
                "Pictures and documents can be changed only while the idea is a draft, "
                "by its author."
            ),
            code="not_allowed",
        )


def idea_attachment_add(*, idea: Idea, by, kind: str, file, title: str) -> IdeaAttachment:
    """A picture (JPEG, PNG or WebP of at most 5 MB, stored re-encoded) or a PDF document (at
    most 10 MB) for a draft; the name the browser sent is never used."""
    require_confirmed(by, _("Confirm your email address first."))
    if kind not in IdeaAttachment.Kind.values:
        raise IdeaError(_("Choose a picture or a document."), code="bad_kind")
    title = text_clean(title, label=_("description"), max_length=200)
    if file is None or not hasattr(file, "read") or not hasattr(file, "size"):
        raise IdeaError(_("Choose a file to upload."), code="no_file")
    content = _picture_file(file) if kind == IdeaAttachment.Kind.PICTURE else _document_file(file)
    with transaction.atomic():
        locked = idea_lock(idea)
        _require_draft_editor(idea=locked, by=by)
        existing = locked.attachments.count()
        if existing >= MAX_ATTACHMENTS:
            raise IdeaError(
                _("An idea has at most %(max)s pictures and documents.") % {"max": MAX_ATTACHMENTS},
                code="too_many",
            )
        attachment = IdeaAttachment(idea=locked, kind=kind, title=title, sort_order=existing)
        attachment.file.save(content.name, content, save=False)
        attachment.save()
    return attachment


def idea_attachment_remove(*, attachment: IdeaAttachment, by) -> None:
    with transaction.atomic():
        locked = idea_lock(attachment.idea)
        _require_draft_editor(idea=locked, by=by)
        stored = attachment.file.name
        storage = attachment.file.storage
        attachment.delete()
        on_commit_robust(lambda: storage.delete(stored) if stored else None)


def threshold_for(district) -> int:
    """Supporters an idea needs: the district's threshold, or the city's for a city-wide idea."""
    return (
        settings.IDEA_THRESHOLD_DISTRICT if district is not None else settings.IDEA_THRESHOLD_CITY
    )


def idea_publish(*, idea: Idea, by, now: datetime | None = None) -> Idea:
    """Draft → gathering support, by its author: the threshold is frozen, the support period
    opens, and the author's own support is the first."""
    from ideas.services.support import threshold_check

    now = now or timezone.now()
    require_confirmed(by, _("Confirm your email address before publishing an idea."))
    with transaction.atomic():
        locked = idea_lock(idea)
        if locked.author_id != by.pk:
            raise IdeaError(_("Only the author can publish this idea."), code="not_allowed")
        state_move(locked, State.PUBLISHED, at=now, actor=by)
        locked.threshold = threshold_for(locked.district)
        locked.published_at = now
        locked.support_ends_at = now + timedelta(days=settings.IDEA_SUPPORT_DAYS)
        Support.objects.create(idea=locked, user=by, created_at=now)
        locked.support_count = 1
        threshold_check(locked, now=now)
        locked.save()
    return locked


def idea_hide(*, idea: Idea, by, reason: str) -> Idea:
    """Take an idea off every public page (unlawful content); its state and supporters stay."""
    require_moderator(by)
    reason = text_clean(reason, label=_("why it was hidden"), max_length=300)
    with transaction.atomic():
        locked = idea_lock(idea)
        if locked.hidden_at is not None:
            raise IdeaError(_("This idea is already hidden."), code="already_hidden")
        locked.hidden_at = timezone.now()
        locked.hidden_reason = reason
        locked.hidden_by = by
        locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    return locked


def idea_unhide(*, idea: Idea, by) -> Idea:
    require_moderator(by)
    with transaction.atomic():
        locked = idea_lock(idea)
        if locked.hidden_at is None:
            raise IdeaError(_("This idea is not hidden."), code="not_hidden")
        locked.hidden_at = None
        locked.hidden_reason = ""
        locked.hidden_by = None
        locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    return locked
