"""Fixtures of the polls tests. Polls are built with `tests/polls/factories.py` (the real
services), not with the seeded demo city."""

import pytest

from tests.polls.factories import poll_editor, poll_with_voters


@pytest.fixture
def editor(db):
    return poll_editor(email="poll-editor@example.org")


@pytest.fixture
def open_secret_poll(db):
    """An open secret poll of 20 eligible residents (the secret-ballot minimum): (poll, voters)."""
    return poll_with_voters(voters=20, secrecy="secret", state="open")


@pytest.fixture
def open_named_poll(db):
    """An open vote (named entries) of 6 eligible residents: (poll, voters)."""
    return poll_with_voters(voters=6, secrecy="open", state="open")
