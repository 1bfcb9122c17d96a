"""The public pages of residents' meetings (`/meetings/…`, in every language): every
building's meetings, a meeting's page and the public copy of its minutes.

The public never sees a name or a single vote: the weighted tally once counted, the quorum and
the signed tree head of the meeting's log, which lets anyone holding a printed copy of the
minutes check which log they came from. The same page shows a co-owner of the building more
(`common.coowner_context`); a page with a session is never stored, so the shared copy is always
the public one.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from config.params import page_of
from config.sharedpages import shared_page
from meetings import selectors
from meetings.models import Meeting
from meetings.views.common import minutes_pdf_of, public_meeting_or_404, render_detail

PER_PAGE = 20


def outcomes_of(meeting: Meeting) -> list[dict]:
    """Per item, adopted or not, once counted: what the list shows of the results."""
    if meeting.state not in (Meeting.State.COUNTED, Meeting.State.PUBLISHED) or not meeting.results:
        return []
    return [
        {"number": item["position"], "title": item["title"], "adopted": item["adopted"]}
        for item in meeting.results.get("items", [])
    ]


@shared_page
@require_safe
def index(request):
    page = page_of(request, selectors.meetings_public(), per_page=PER_PAGE)
    rows = [{"meeting": meeting, "outcomes": outcomes_of(meeting)} for meeting in page.object_list]
    return render(request, "meetings/index.html", {"page_obj": page, "rows": rows})


@shared_page
@require_safe
def detail(request, pk):
    return render_detail(request, public_meeting_or_404(pk))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def minutes_public(request, pk):
    """The public copy of the minutes: the same results, the tree head, no names."""
    meeting = public_meeting_or_404(pk)
    content = minutes_pdf_of(meeting, "public_pdf")
    return pdf_response(content, f"meeting-{meeting.pk}-minutes.pdf")
