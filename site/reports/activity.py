"""Problem reports in the activity of people and organizations (`profiles.activity`).

- A body: the public reports it fixed (its work, in public), newest fix first.
- A person: their own public reports, and only those where they chose to show their name
  (`show_name`): a report made under "do not show my name" must not be tied to their page by
  another route. "Me too"s and updates are never listed.
"""

from django.utils.translation import gettext as _

from reports.models import Report


def activity_for(*, subject, viewer, limit: int) -> list:
    from profiles.activity import ActivityItem
    from profiles.models import Organization, User

    public = Report.objects.public()
    if isinstance(subject, Organization):
        reports = public.filter(body=subject, fixed_at__isnull=False, state="fixed")
        role, date_of = _("fixed"), "fixed_at"
    elif isinstance(subject, User):
        reports = public.filter(reporter=subject, show_name=True)
        role, date_of = _("reported"), "created_at"
    else:
        return []
    return [
        ActivityItem(
            date=getattr(report, date_of),
            kind=str(_("Problem report")),
            title=report.title,
            url=report.get_absolute_url(),
            role=str(role),
        )
        for report in reports.order_by(f"-{date_of}", "-pk")[:limit]
    ]
