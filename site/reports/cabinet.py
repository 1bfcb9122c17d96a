"""The reports' section of the personal cabinet (`profiles.selectors.CABINET_SECTIONS`): my
latest reports with their state, and, for a person who acts for one or more bodies, the way to
the body's cabinet (`reports:cabinet`) with how many of their reports are open."""

from django.utils.translation import gettext_lazy as _

from profiles.models import Membership, Organization
from reports.models import Report
from reports.permissions import can_act_for_body
from reports.states import OPEN_STATES

CABINET_PREVIEW = 5


def bodies_acted_for(user) -> list[Organization]:
    """The bodies `user` gives official updates for: the recognised bodies they are a member of
    and may act for (`can_act_for_body`). Staff moderators may act for any body, but their
    cabinet lists only the bodies they belong to."""
    if user is None or not user.is_authenticated:
        return []
    candidates = Organization.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organization"),
        kind=Organization.Kind.MUNICIPAL_BODY,
    ).order_by("name")
    return [body for body in candidates if can_act_for_body(user=user, body=body)]


def my_reports(user):
    return Report.objects.filter(reporter=user).select_related("category").order_by("-created_at")


def cabinet_section(*, user):
    from profiles.selectors import CabinetSection

    mine = my_reports(user)
    bodies = bodies_acted_for(user)
    open_for_bodies = (
        Report.objects.public().filter(body__in=bodies, state__in=OPEN_STATES).count()
        if bodies
        else 0
    )
    return CabinetSection(
        title=_("Problem reports"),
        template="reports/body/cabinet_section.html",
        context={
            "reports": list(mine[:CABINET_PREVIEW]),
            "report_count": mine.count(),
            "bodies": bodies,
            "open_for_bodies": open_for_bodies,
        },
    )
