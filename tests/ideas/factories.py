"""People, authorities and ideas for the ideas tests.

`idea_in(state, supporters=N)` builds an idea already in a state, with the fields that state
implies and N supporters made in bulk (three queries whatever N is), so a test starts where its
behaviour starts; moving between states is what the services do and what test_states checks.
"""

from datetime import timedelta
from itertools import count
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from allauth.account.models import EmailAddress

from ideas.models import Idea, Support
from ideas.states import ACCEPTED_STATES, ANSWER_STATES, State
from polls.models import PollCreatorScope
from tests.factories import UserFactory

_numbers = count(1)


def person(*, email: str | None = None, confirmed: bool = True, **fields):
    """A signed-up person, with a confirmed email unless `confirmed=False`."""
    email = email or f"idea-person-{next(_numbers)}-{uuid4().hex[:6]}@example.org"
    return UserFactory(email=email, confirmed=confirmed, **fields)


def people(n: int, *, confirmed: bool = True) -> list:
    """`n` people with confirmed emails, made in bulk (no password: they never sign in)."""
    User = get_user_model()
    tag = uuid4().hex[:8]
    users = User.objects.bulk_create(
        [User(email=f"supporter-{tag}-{i}@example.org") for i in range(n)]
    )
    if not users or users[0].pk is None:  # SQLite before RETURNING: read the rows back
        users = list(User.objects.filter(email__startswith=f"supporter-{tag}-").order_by("pk"))
    if confirmed:
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
    return users


def editor(**fields):
    """A staff account in the group "Editors" (answers any idea, moderates, merges)."""
    user = person(is_staff=True, **fields)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


def moderator(**fields):
    """A staff account in the group "Moderators" (the editor groups: all powers on ideas)."""
    user = person(is_staff=True, **fields)
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


def moderator_by_permission(**fields):
    """A staff account holding only `ideas.moderate_idea`, in no editor group."""
    user = person(is_staff=True, **fields)
    user.user_permissions.add(Permission.objects.get(codename="moderate_idea"))
    return user


def authority(*, districts=(), group: str = "Municipal bodies", **fields):
    """A municipal body's (or with group="Deputies", a deputy's) staff account answering the
    ideas of `districts` (its PollCreatorScope rows)."""
    user = person(is_staff=True, **fields)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    for district in districts:
        PollCreatorScope.objects.create(user=user, district=district)
    return user


def authority_by_permission(**fields):
    """An account holding `ideas.answer_idea` directly: answers any idea."""
    user = person(is_staff=True, **fields)
    user.user_permissions.add(Permission.objects.get(codename="answer_idea"))
    return user


def threshold_for(district) -> int:
    return settings.IDEA_THRESHOLD_DISTRICT if district else settings.IDEA_THRESHOLD_CITY


def supporters_add(idea: Idea, n: int, *, at=None) -> list:
    """Add `n` new supporters to `idea` in bulk and count them in `support_count` (a shortcut
    for tests; the site's own supports go through `support_give`)."""
    users = people(n)
    at = at or timezone.now()
    Support.objects.bulk_create([Support(idea=idea, user=u, created_at=at) for u in users])
    Idea.objects.filter(pk=idea.pk).update(support_count=Support.objects.filter(idea=idea).count())
    idea.refresh_from_db(fields=["support_count"])
    return users


def idea_in(
    state: str = State.PUBLISHED,
    *,
    author=None,
    district=None,
    supporters: int = 0,
    threshold: int | None = None,
    title: str = "Велодоріжка вздовж набережної",
    topics=(),
    author_supports: bool = True,
    **fields,
) -> Idea:
    """An idea in `state`, as the services would have left it.

    `supporters` new people support it (in bulk); a public idea's author supports it too
    (unless `author_supports=False`), counted in `support_count`. `threshold` defaults to the
    setting for its district (or the city). A duplicate needs `merged_into=`.
    """
    now = timezone.now()
    author = author or person()
    public = state != State.DRAFT
    values = {}
    if public:
        published = now - timedelta(days=10)
        values.update(
            published_at=published,
            support_ends_at=published + timedelta(days=settings.IDEA_SUPPORT_DAYS),
            threshold=threshold if threshold is not None else threshold_for(district),
        )
    if state == State.EXPIRED:
        values["published_at"] = now - timedelta(days=settings.IDEA_SUPPORT_DAYS + 1)
        values["support_ends_at"] = now - timedelta(days=1)
    if state in {State.UNDER_REVIEW, *ANSWER_STATES, State.IN_PROGRESS, State.DONE}:
        values["threshold_reached_at"] = now - timedelta(days=5)
    if state in ANSWER_STATES or state in {State.IN_PROGRESS, State.DONE}:
        values.update(answer="Відповідь органу.", answered_at=now - timedelta(days=2))
    if state == State.DONE:
        values["done_at"] = now - timedelta(hours=1)
    values.update(fields)
    idea = Idea.objects.create(
        title=title,
        slug=f"idea-{uuid4().hex[:12]}",
        summary="Безпечна дорога для велосипедистів.",
        description="Від мосту до парку, з освітленням.",
        author=author,
        district=district,
        state=state,
        **values,
    )
    if topics:
        idea.topics.add(*topics)
    if public and author is not None and author_supports:
        Support.objects.create(idea=idea, user=author, created_at=values["published_at"])
    if supporters:
        supporters_add(idea, supporters, at=now - timedelta(days=1))
    else:
        idea.support_count = Support.objects.filter(idea=idea).count()
        idea.save(update_fields=["support_count"])
    return idea


__all__ = [
    "ACCEPTED_STATES",
    "authority",
    "authority_by_permission",
    "editor",
    "idea_in",
    "moderator",
    "moderator_by_permission",
    "people",
    "person",
    "supporters_add",
    "threshold_for",
]
