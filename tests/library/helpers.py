"""Shared steps of the library's tests."""

from django.test import TestCase


def committed():
    """Run what the code under test defers to after commit (emails), as a real commit would.
    Tests run inside a transaction that never commits, so it is released here instead."""
    return TestCase.captureOnCommitCallbacks(execute=True)
