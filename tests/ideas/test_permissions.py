"""Who may do what, per role: author, supporter, authority in and out of its district,
moderator, editor, anonymous."""

from django.contrib.auth.models import AnonymousUser

import pytest

from ideas import services
from ideas.permissions import can_answer, can_edit, can_moderate, can_view, support_refusal
from ideas.states import IdeaError
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


@pytest.fixture
def roles(author, supporter, district, other_district, editor, moderator):
    return {
        "author": author,
        "supporter": supporter,
        "authority_here": factories.authority(districts=[district]),
        "deputy_here": factories.authority(districts=[district], group="Deputies"),
        "authority_elsewhere": factories.authority(districts=[other_district]),
        "answer_permission": factories.authority_by_permission(),
        "moderate_permission": factories.moderator_by_permission(),
        "moderator": moderator,
        "editor": editor,
        "anonymous": AnonymousUser(),
    }


ANSWERS = {
    "authority_here",
    "deputy_here",
    "answer_permission",
    "moderator",
    "editor",
}


@pytest.mark.parametrize(
    "role",
    [
        "author",
        "supporter",
        "authority_here",
        "deputy_here",
        "authority_elsewhere",
        "answer_permission",
        "moderate_permission",
        "moderator",
        "editor",
        "anonymous",
    ],
)
def test_who_answers_a_district_idea(roles, make_idea, role):
    assert can_answer(user=roles[role], idea=make_idea("under_review")) is (role in ANSWERS)


@pytest.mark.parametrize("role", ["authority_here", "deputy_here", "authority_elsewhere"])
def test_no_districts_staff_answers_a_city_wide_idea(roles, make_idea, role):
    assert not can_answer(user=roles[role], idea=make_idea("under_review", district=None))


@pytest.mark.parametrize("role", ["editor", "moderator", "answer_permission"])
def test_editors_answer_a_city_wide_idea(roles, make_idea, role):
    assert can_answer(user=roles[role], idea=make_idea("under_review", district=None))


def test_a_staff_account_out_of_its_group_does_not_answer(make_idea, district):
    from polls.models import PollCreatorScope

    scoped_only = factories.person(is_staff=True)
    PollCreatorScope.objects.create(user=scoped_only, district=district)
    assert not can_answer(user=scoped_only, idea=make_idea("under_review"))


def test_an_authority_in_its_district_answers_through_the_service(roles, make_idea):
    idea = make_idea("under_review")
    services.idea_answer(idea=idea, by=roles["authority_here"], state="accepted", answer="Так.")
    with pytest.raises(IdeaError):
        services.idea_answer(
            idea=make_idea("under_review"),
            by=roles["authority_elsewhere"],
            state="accepted",
            answer="Так.",
        )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("author", False),
        ("supporter", False),
        ("authority_here", False),
        ("answer_permission", False),
        ("moderate_permission", True),
        ("moderator", True),
        ("editor", True),
        ("anonymous", False),
    ],
)
def test_who_moderates(roles, role, allowed):
    assert can_moderate(user=roles[role]) is allowed


def test_the_author_edits_a_draft_only(roles, make_idea):
    assert can_edit(user=roles["author"], idea=make_idea("draft"))
    assert not can_edit(user=roles["author"], idea=make_idea("published"))
    assert not can_edit(user=roles["supporter"], idea=make_idea("draft"))
    assert not can_edit(user=roles["anonymous"], idea=make_idea("draft"))


def test_a_moderator_fixes_the_text_of_a_published_idea_but_nothing_else(roles, make_idea):
    idea = make_idea("published")
    services.idea_update(idea=idea, by=roles["moderator"], title="Виправлена назва")
    idea.refresh_from_db()
    assert idea.title == "Виправлена назва"
    with pytest.raises(IdeaError, match="only the text"):
        services.idea_update(idea=idea, by=roles["moderator"], district=None)


def test_the_author_cannot_edit_after_publication(roles, make_idea):
    idea = make_idea("published")
    with pytest.raises(IdeaError):
        services.idea_update(idea=idea, by=roles["author"], title="Інша")


def test_drafts_and_hidden_ideas_are_seen_only_by_their_author_and_staff(roles, make_idea):
    from django.utils import timezone

    draft, hidden = make_idea("draft"), make_idea("published", hidden_at=timezone.now())
    for idea in (draft, hidden):
        assert can_view(user=roles["author"], idea=idea)
        assert can_view(user=roles["moderator"], idea=idea)
        assert not can_view(user=roles["supporter"], idea=idea)
        assert not can_view(user=roles["anonymous"], idea=idea)
    assert can_view(user=roles["anonymous"], idea=make_idea("published"))


def test_support_refusals_say_why(roles, make_idea, unconfirmed):
    idea = make_idea("published")
    assert support_refusal(user=roles["supporter"], idea=idea) is None
    assert "Sign in" in support_refusal(user=roles["anonymous"], idea=idea)
    assert "Confirm your email" in support_refusal(user=unconfirmed, idea=idea)
    assert "already support" in support_refusal(user=roles["author"], idea=idea)
    assert "no longer" in support_refusal(user=roles["supporter"], idea=make_idea("rejected"))


def test_an_inactive_account_can_do_nothing(make_idea, editor):
    editor.is_active = False
    editor.save()
    idea = make_idea("under_review")
    assert not can_answer(user=editor, idea=idea)
    assert not can_moderate(user=editor)
    assert support_refusal(user=editor, idea=make_idea("published")) is not None


def test_proposing_needs_a_confirmed_email(unconfirmed):
    with pytest.raises(IdeaError, match="Confirm your email"):
        services.idea_create(author=unconfirmed, title="Т", summary="С", description="О")


def test_proposing_for_an_organization_needs_membership(author):
    from tests.profiles.factories import OrganizationFactory, member

    organization = OrganizationFactory()
    with pytest.raises(IdeaError, match="member of"):
        services.idea_create(
            author=author, title="Т", summary="С", description="О", organization=organization
        )
    member(organization, author)
    idea = services.idea_create(
        author=author, title="Т", summary="С", description="О", organization=organization
    )
    assert idea.organization == organization


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_the_editor_groups_are_granted_answering_and_moderating(group):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))
    assert {"answer_idea", "moderate_idea"} <= codenames


def test_a_moderator_by_group_without_staff_status_still_moderates_by_the_grant():
    from django.contrib.auth.models import Group

    member = factories.person()
    member.groups.add(Group.objects.get(name="Moderators"))
    assert can_moderate(user=member)
