"""Public ideas in the activity of people and organizations (`profiles.activity`): the ideas a
person proposed in their own name, and those an organization proposed. Only public ideas
(published or later, not hidden); an idea proposed on behalf of an organization is listed under
the organization, not under the member who wrote it, and supports are never listed."""

from django.utils.translation import gettext as _

from ideas.models import Idea


def activity_for(*, subject, viewer, limit: int) -> list:
    from profiles.activity import ActivityItem
    from profiles.models import Organization, User

    public = Idea.objects.public().filter(published_at__isnull=False)
    if isinstance(subject, Organization):
        ideas, role = public.filter(organization=subject), _("proposed")
    elif isinstance(subject, User):
        ideas, role = public.filter(author=subject, organization__isnull=True), _("proposed")
    else:
        return []
    return [
        ActivityItem(
            date=idea.published_at,
            kind=str(_("Idea")),
            title=idea.title,
            url=idea.get_absolute_url(),
            role=str(role),
        )
        for idea in ideas.order_by("-published_at", "-pk")[:limit]
    ]
