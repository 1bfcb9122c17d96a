"""The minutes PDF, read back: agenda, per-item weighted results, quorum, who chaired and the
signed tree head in both copies; names and votes in the co-owners' copy only."""

import io
import re

from django.conf import settings
from django.utils import translation

import pytest
from pypdf import PdfReader

from meetings.errors import MeetingError
from meetings.services.meetings import meeting_publish
from meetings.services.minutes import minutes_html, minutes_pdf
from meetings.services.votes import paper_ballot_enter, proxy_record, votes_cast
from tests.meetings.factories import (
    house_with_coowners,
    items_of,
    meeting_advance,
    meeting_for,
    right_of,
)
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The PDF's words, each run of white space one space (a table cell may wrap a name)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _hidden_cells(text: str) -> int:
    """How many result cells of the public copy read "fewer than 5" (its note, which explains
    the marker, says the words too)."""
    with translation.override(settings.LANGUAGE_CODE):
        marker = translation.gettext("fewer than 5")
        note = translation.gettext(
            "An answer that fewer than 5 shares chose is shown as “fewer than 5”, and so is one "
            "more where that small group could otherwise be worked out from the total. Each "
            "share's vote is in the co-owners' copy only: a flat's area would name it to its "
            "neighbours."
        )
    return text.count(marker) - note.count(marker)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def published():
    house = house_with_coowners(areas=["50.00", "30.00"], unlinked_areas=["20.00"])
    meeting = meeting_for(house, state="voting")
    items = items_of(meeting)
    votes_cast(
        meeting=meeting,
        by=house.owners[0],
        right=right_of(meeting, house.owners[0]),
        choices={item.pk: "for" for item in items},
    )
    representative = profiled_user(display_name="Довірена Особа")
    proxy_record(
        meeting=meeting,
        by=house.board,
        right=right_of(meeting, house.owners[1]),
        proxy_user=representative,
    )
    votes_cast(
        meeting=meeting,
        by=representative,
        right=right_of(meeting, house.owners[1]),
        choices={items[0].pk: "against"},
    )
    paper_ballot_enter(
        meeting=meeting,
        by=house.board,
        right=right_of(meeting, ownership=house.unlinked[0]),
        choices={items[0].pk: "abstain"},
    )
    meeting = meeting_advance(meeting, "counted", board=house.board)
    chair = profiled_user(display_name="Марія Головуюча")
    meeting = meeting_publish(meeting=meeting, by=house.board, chair=chair)
    return house, meeting


def test_the_coowners_copy_names_every_coowner_with_their_votes(published):
    house, meeting = published
    text = _text(bytes(meeting.minutes.coowners_pdf))
    assert meeting.title in text
    assert house.building.address in text
    for item in items_of(meeting):
        assert item.title in text
    assert "Співвласник 1" in text and "Співвласник 2" in text
    assert "Довірена Особа" in text  # the proxy who voted the second share
    assert "Марія Головуюча" in text  # who chaired
    with translation.override(settings.LANGUAGE_CODE):
        assert str(translation.gettext("For")) in text
    # The roll: one symbol per item (+ for, − against, 0 abstain, · not voted).
    assert "+ + +" in text and "− · ·" in text and "0 · ·" in text
    # 50 for, 30 against, 20 abstain on the first item, of 100 m².
    assert "50.00" in text and "30.00" in text and "20.00" in text
    assert "100.00" in text


def test_the_public_copy_has_no_names_no_roll_and_hides_small_groups(published):
    house, meeting = published
    text = _text(bytes(meeting.minutes.public_pdf))
    assert meeting.title in text and "Марія Головуюча" in text
    for name in ("Співвласник 1", "Співвласник 2", "Довірена Особа"):
        assert name not in text
    # At most one share per answer on each item: each area would name its flat, so every
    # cell of every item is hidden.
    assert _hidden_cells(text) == 3 * len(items_of(meeting))
    assert "50.00" not in text and "30.00" not in text
    # No roll of shares: "+ + +" and the like are the co-owners' copy's only.
    assert "+ + +" not in text and "− · ·" not in text


def test_the_public_copy_prints_the_area_of_answers_chosen_by_5_or_more_shares():
    house = house_with_coowners(areas=["10.00"] * 5 + ["20.00"] * 5)
    meeting = meeting_for(house, state="voting")
    for index, owner in enumerate(house.owners):
        votes_cast(
            meeting=meeting,
            by=owner,
            right=right_of(meeting, owner),
            choices={item.pk: ("for" if index < 5 else "against") for item in items_of(meeting)},
        )
    meeting = meeting_advance(meeting, "counted", board=house.board)
    text = _text(minutes_pdf(meeting=meeting, copy="public"))
    assert "50.00" in text and "100.00" in text  # 5 × 10 m² for, 5 × 20 m² against
    assert _hidden_cells(text) == 0


def test_both_copies_print_the_final_tree_head(published):
    _house, meeting = published
    head = meeting.final_tree_head
    assert head.size == 5
    for pdf in (meeting.minutes.coowners_pdf, meeting.minutes.public_pdf):
        compact = _compact(_text(bytes(pdf)))
        assert bytes(head.root_hash).hex() in compact
        assert bytes(head.signature).hex() in compact


def test_the_minutes_say_when_the_quorum_failed():
    house = house_with_coowners(areas=["50.00", "50.00"])
    meeting = meeting_for(house, state="voting")
    votes_cast(
        meeting=meeting,
        by=house.owners[0],
        right=right_of(meeting, house.owners[0]),
        choices={items_of(meeting)[0].pk: "for"},
    )
    meeting = meeting_advance(meeting, "counted", board=house.board)
    html = minutes_html(meeting=meeting, copy="public")
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("The quorum was not reached: no item is adopted.") in html
    assert "Співвласник 1" not in html
    assert minutes_pdf(meeting=meeting, copy="public").startswith(b"%PDF")


def test_minutes_are_published_once(published):
    house, meeting = published
    with pytest.raises(MeetingError) as caught:
        meeting_publish(meeting=meeting, by=house.board)
    assert caught.value.code == "illegal_transition"


def test_there_is_no_third_copy(published):
    _house, meeting = published
    with pytest.raises(ValueError, match="no such copy"):
        minutes_html(meeting=meeting, copy="everything")
