"""Background work of the search app: keeping the index fresh after content changes."""

from django_tasks import task

from search.services import documents_refresh


@task()
def refresh_documents(keys: list[str]) -> dict:
    """Re-read these documents from their sources (enqueued after the change is committed)."""
    report = documents_refresh(keys=keys)
    return {"written": len(report.written), "removed": len(report.removed)}
