"""Work after a commit is logged when it fails, never raised into the committed request."""

import logging
from pathlib import Path

from django.db import transaction

import pytest

from config.transactions import on_commit_robust

ROOT = Path(__file__).resolve().parents[2]


def test_a_failing_follow_up_is_logged_and_the_next_one_still_runs(
    db, caplog, django_capture_on_commit_callbacks
):
    ran = []

    def unreachable_queue():
        raise ConnectionRefusedError("the task queue is down")

    with (
        caplog.at_level(logging.ERROR, logger="config.transactions"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        on_commit_robust(unreachable_queue)
        on_commit_robust(lambda: ran.append("search refreshed"))

    assert ran == ["search refreshed"]
    [record] = caplog.records
    assert record.exc_info[0] is ConnectionRefusedError
    assert "unreachable_queue" in record.getMessage()


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p.relative_to(ROOT))
        for p in [*ROOT.glob("site/*/services.py"), *ROOT.glob("site/*/services/*.py")]
        + [ROOT / "search/services.py"]
    ),
)
def test_every_service_queues_its_after_commit_work_through_the_robust_helper(path):
    assert "transaction.on_commit(" not in (ROOT / path).read_text()
