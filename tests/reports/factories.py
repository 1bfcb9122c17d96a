"""Categories, routes, bodies and reports for the reports tests.

`report_in(state)` builds a report already in a state, with the dates that state implies, so a
test starts where its behaviour starts; moving between states is what the services do and what
test_states checks. Places default to points inside the first demo district's outline.
"""

from datetime import timedelta
from decimal import Decimal
from itertools import count
from uuid import uuid4

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from config.maps import inner_point
from profiles.models import Membership, Organization
from reports.models import Category, CategoryAttribute, Report, ReportUpdate, Route
from reports.states import CLOSED_STATES, PUBLIC_STATES, WORKING_STATES, State
from tests.factories import UserFactory
from tests.petitions.factories import AuthorityFactory

_numbers = count(1)


def person(*, email: str | None = None, confirmed: bool = True, **fields):
    email = email or f"report-person-{next(_numbers)}-{uuid4().hex[:6]}@example.org"
    return UserFactory(email=email, confirmed=confirmed, **fields)


def signed_in(user) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def body(**fields) -> Organization:
    """A recognised municipal body (verified, authority granted)."""
    return AuthorityFactory(**fields)


def body_member(organization: Organization, *, role: str = Membership.Role.ADMIN, **fields):
    """A person who acts for the body: an administrator of its organization page."""
    user = person(**fields)
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def moderator(**fields):
    """A staff account holding `reports.moderate_report`."""
    user = person(is_staff=True, **fields)
    user.user_permissions.add(Permission.objects.get(codename="moderate_report"))
    return user


def editor(**fields):
    """A staff account in the group "Editors"."""
    user = person(is_staff=True, **fields)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


def category(
    code: str | None = None, *, kind: str = Category.Kind.PLACE, group: str = "roads", **fields
) -> Category:
    code = code or f"pothole-{next(_numbers)}"
    defaults = {
        "name_uk": f"Яма на дорозі {code}",
        "name_en": f"Pothole {code}",
        "description_uk": "Вибоїна в асфальті.",
        "description_en": "A hole in the road surface.",
    }
    defaults.update(fields)
    return Category.objects.create(code=code, kind=kind, group=group, **defaults)


def attribute(cat: Category, code: str = "depth", **fields) -> CategoryAttribute:
    values = {
        "question_uk": "Наскільки глибока?",
        "question_en": "How deep is it?",
        "datatype": CategoryAttribute.Datatype.SINGLEVALUELIST,
        "required": True,
        "values": [
            {"key": "shallow", "name_uk": "Неглибока", "name_en": "Shallow"},
            {"key": "deep", "name_uk": "Глибока", "name_en": "Deep"},
        ],
    }
    values.update(fields)
    return CategoryAttribute.objects.create(category=cat, code=code, **values)


def route(cat: Category, organization: Organization, district=None) -> Route:
    return Route.objects.create(category=cat, body=organization, district=district)


def point_in(district, *, margin: float = 0.002) -> tuple[Decimal, Decimal]:
    """(latitude, longitude) inside the district's outline, as the model stores them."""
    lon, lat = inner_point(district.boundary, margin=margin)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def report_in(
    state: str = State.OPEN,
    *,
    cat: Category,
    organization: Organization,
    district=None,
    reporter=None,
    reporter_email: str = "",
    title: str = "Яма біля зупинки",
    created_at=None,
    **fields,
) -> Report:
    """A report in `state`, as the services would have left it (without the timeline of
    updates, which `official_update` adds where a test needs it). A duplicate needs
    `duplicate_of=`."""
    now = timezone.now()
    created = created_at or now - timedelta(days=3)
    values = {"created_at": created, "updated_at": created}
    if district is not None and cat.needs_place and "latitude" not in fields:
        values["latitude"], values["longitude"] = point_in(district)
    if state in PUBLIC_STATES:
        values.update(confirmed_at=created, sent_at=created)
    if state in WORKING_STATES or state == State.FIXED or state in CLOSED_STATES:
        values["first_response_at"] = created + timedelta(days=1)
    if state == State.FIXED:
        values["fixed_at"] = created + timedelta(days=2)
    if state in CLOSED_STATES:
        values["closed_at"] = created + timedelta(days=2)
    if not reporter and not reporter_email:
        reporter_email = f"reporter-{uuid4().hex[:8]}@example.org"
    values.update(fields)
    return Report.objects.create(
        category=cat,
        body=organization,
        district=district,
        title=title,
        description="Глибока вибоїна на проїжджій частині, машини об'їжджають по зустрічній.",
        reporter=reporter,
        reporter_email=reporter_email,
        state=state,
        **values,
    )


def official_update(report: Report, *, state: str = "", text: str = "Працюємо.", at=None):
    """An official update as the body's service writes it (without the state bookkeeping)."""
    return ReportUpdate.objects.create(
        report=report,
        kind=ReportUpdate.Kind.OFFICIAL,
        body=report.body,
        text=text,
        state_before=report.state,
        state_after=state,
        confirmed_at=at or timezone.now(),
        created_at=at or timezone.now(),
    )
