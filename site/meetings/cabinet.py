"""The "Residents' meetings" block of the personal cabinet (`profiles.selectors`): the
meetings of the buildings I co-own (the notice of a convened meeting reaches me here as well as
by email), those voting now first."""

from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import Meeting

CABINET_PREVIEW = 5


def cabinet_section(*, user):
    """None for someone with no meeting: the cabinet shows no empty block for it."""
    from profiles.selectors import CabinetSection

    meetings = list(selectors.meetings_for_coowner(user)[: CABINET_PREVIEW * 4])
    if not meetings:
        return None
    # Voting now, then convened (coming), then the rest, each in the selector's order.
    order = {Meeting.State.VOTING: 0, Meeting.State.CONVENED: 1}
    meetings.sort(key=lambda meeting: order.get(meeting.state, 2))
    return CabinetSection(
        title=_("Residents' meetings"),
        template="meetings/includes/cabinet_section.html",
        context={"meetings": meetings[:CABINET_PREVIEW], "more": len(meetings) > CABINET_PREVIEW},
    )
