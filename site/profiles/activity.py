"""What a person or organization took part in, for the activity list on their public page.

Contract. Each app that has public items people or organizations take part in (projects,
petitions, initiatives, guides…) adds a provider to ACTIVITY_SOURCES with a one-line
insertion. A provider is a callable

    provider(*, subject, viewer, limit: int) -> list[ActivityItem]

- `subject` is a `profiles.User` or a `profiles.Organization`; return [] for a kind of
  subject the app has nothing for.
- Return PUBLIC items only (published, not hidden, not anonymous), whatever the viewer:
  the list is on a public page. `viewer` is there for apps whose items are shown only to
  signed-in people, and may be AnonymousUser or None.
- Return at most `limit` items, newest first (by `ActivityItem.date`); the page merges every
  provider's items and paginates them.
- Never reveal what the person hid: e.g. do not list signatures a person asked to keep
  private; erased accounts have no page, so providers need not check for them.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from config.params import MAX_PAGE
from profiles.models import BlogPost, Membership, Organization, User


@dataclass(frozen=True)
class ActivityItem:
    date: datetime.datetime  # never None: the list is sorted by it (see `page_date`)
    kind: str  # what the item is: "Petition", "Guide", "Blog post"
    title: str
    url: str
    role: str = ""  # how the subject took part: "signed", "author", "joined"

    def __post_init__(self):
        # Refused here, where the provider at fault is in the traceback, not later in a sort
        # that cannot compare None with a date and breaks the whole page.
        if not isinstance(self.date, datetime.datetime):
            raise TypeError(f"ActivityItem {self.title!r} needs a datetime, not {self.date!r}")


def page_date(page, *, subject) -> datetime.datetime:
    """When a page became public, for the activity item of `subject` on it: its first
    publication, else its latest, else its latest revision. A page made live in code with no
    publication recorded at all (as the demo city once made its projects) falls back to when
    the subject joined the platform: a real date, and the earliest the item can have."""
    return (
        page.first_published_at
        or page.last_published_at
        or page.latest_revision_created_at
        or joined_at(subject)
    )


def joined_at(subject) -> datetime.datetime:
    """When a person or organization joined the platform."""
    return subject.created_at if isinstance(subject, Organization) else subject.date_joined


ACTIVITY_SOURCES: list[str] = [
    "profiles.activity.blog_posts",
    "profiles.activity.teams",
    "petitions.selectors.activity_for",
    "library.selectors.activity_for",
    "experts.selectors.activity.activity_for",
    "ideas.activity.activity_for",
    "reports.activity.activity_for",
]

PAGE_SIZE = 20


def activity_page(*, subject, viewer, page: int = 1):
    """One page of the merged activity of `subject`, newest first (a Django Page object)."""
    page = max(1, min(page, MAX_PAGE))  # every source is read up to this page: bound it
    wanted = page * PAGE_SIZE + 1  # enough from every source to fill this page and know more
    items: list[ActivityItem] = []
    for path in ACTIVITY_SOURCES:
        items.extend(import_string(path)(subject=subject, viewer=viewer, limit=wanted))
    items.sort(key=lambda item: item.date, reverse=True)
    return Paginator(items[:wanted], PAGE_SIZE).get_page(page)


def blog_posts(*, subject, viewer, limit: int) -> list[ActivityItem]:
    posts = BlogPost.objects.filter(state=BlogPost.State.PUBLISHED)
    if isinstance(subject, Organization):
        posts = posts.filter(organization=subject)
        role = _("published")
    else:
        posts = posts.filter(author=subject)
        role = _("author")
    posts = posts.select_related("author__profile", "organization").order_by("-published_at")
    return [
        ActivityItem(
            date=post.published_at or post.created_at,
            kind=str(_("Blog post")),
            title=post.title,
            url=post.get_absolute_url(),
            role=str(role),
        )
        for post in posts[:limit]
    ]


def teams(*, subject, viewer, limit: int) -> list[ActivityItem]:
    """A person's joining of teams; an organization's founding."""
    if isinstance(subject, Organization):
        return [
            ActivityItem(
                date=subject.created_at,
                kind=str(_("Organization")),
                title=subject.name,
                url=subject.get_absolute_url(),
                role=str(_("joined the platform")),
            )
        ]
    if not isinstance(subject, User):
        return []
    memberships = (
        Membership.objects.filter(user=subject)
        .select_related("organization")
        .order_by("-joined_at")[:limit]
    )
    return [
        ActivityItem(
            date=membership.joined_at,
            kind=str(membership.organization.get_kind_display()),
            title=membership.organization.name,
            url=membership.organization.get_absolute_url(),
            role=str(_("joined the team")),
        )
        for membership in memberships
    ]
