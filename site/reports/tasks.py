"""The timed housekeeping of the reports app, run by `manage.py reports_tick` (cron: hourly)
and available as a background task (`reports_tick_task`) for a scheduler that enqueues tasks.

- Reports never confirmed are deleted `REPORT_CONFIRM_DAYS` after they were made
  (`services.reports_purge_unconfirmed`).
- The email and name of people without an account are erased `REPORT_RETENTION_DAYS` after
  their report was fixed or closed (`services.reports_expire_personal_data`).

Both steps are safe to run again and again: each touches only rows still due.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from django_tasks import task


def reports_tick(*, now: datetime | None = None, progress: Callable | None = None) -> dict:
    from reports import services

    now = now or timezone.now()
    say = progress or (lambda message: None)
    say("Deleting reports never confirmed…")
    purged = services.reports_purge_unconfirmed(now=now)
    say(f"  {purged} deleted.")
    say("Erasing reporters' contact details past the retention period…")
    expired = services.reports_expire_personal_data(now=now)
    say(f"  {expired} erased.")
    return {"purged": purged, "expired": expired}


@task()
def reports_tick_task() -> dict:
    return reports_tick()
