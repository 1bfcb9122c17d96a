"""Fixtures of the meetings tests. Buildings and meetings are built with
`tests/meetings/factories.py` (the real services), not with the seeded demo city."""

import pytest

from tests.meetings.factories import house_with_coowners, meeting_for


@pytest.fixture
def house(db):
    """Three units of 50, 30 and 20 m² (100 m² in all), each owned whole by a co-owner."""
    return house_with_coowners()


@pytest.fixture
def voting_meeting(house):
    """A meeting of `house` whose vote is open, with the default three items."""
    return meeting_for(house, state="voting")
