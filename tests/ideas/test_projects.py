"""An accepted idea becomes a project and is put to a poll; the project's milestones and its
completion come back to the idea (`ideas.services.projects`, `ideas.progress`)."""

from datetime import date, timedelta

from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from experts.models import ProjectMilestone, ProjectPage
from experts.services import milestone_close, project_transition
from ideas.models import Idea, IdeaEvent
from ideas.progress import idea_progress
from ideas.services.projects import idea_poll_create, idea_project_create
from ideas.states import IdeaError, State
from polls.models import Poll, Question
from residents.services.audiences import audience_create
from tests.ideas import factories


@pytest.fixture(autouse=True)
def _english_messages(messages_in_english):
    """The refusals below are matched in their English source text."""


@pytest.fixture
def project_index(home_page, english):
    from experts.models import ProjectIndexPage

    page = ProjectIndexPage(title="Проєкти", slug="projects", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def _worded(idea: Idea, **words) -> Idea:
    """The factory's idea with its summary and description changed."""
    Idea.objects.filter(pk=idea.pk).update(**words)
    idea.refresh_from_db()
    return idea


@pytest.fixture
def accepted_idea(make_idea):
    return _worded(
        make_idea(State.ACCEPTED, title="Сквер на Липовій"),
        summary="Сквер із лавами замість пустиря.",
        description="Пустир біля школи.\n\nЛави, дерева, освітлення.",
    )


def _with_milestones(project: ProjectPage, *titles: str) -> list[ProjectMilestone]:
    return [
        ProjectMilestone.objects.create(
            page=project, title=title, sort_order=order, due_on=date(2027, 1 + order, 1)
        )
        for order, title in enumerate(titles)
    ]


@pytest.mark.parametrize("state", [State.ACCEPTED, State.ACCEPTED_IN_PART])
def test_accepted_idea_becomes_a_published_project_with_its_words(
    make_idea, editor, project_index, state
):
    idea = _worded(
        make_idea(state), summary="Сквер із лавами.", description="Пустир <b>біля</b> школи."
    )

    project = idea_project_create(idea=idea, by=editor)

    project.refresh_from_db()
    assert project.live
    assert project.get_parent().pk == project_index.pk
    assert (project.title, project.goal, project.district) == (
        idea.title,
        "Сквер із лавами.",
        idea.district,
    )
    assert project.coordinator == editor
    assert "Пустир &lt;b&gt;біля&lt;/b&gt; школи." in project.body
    assert project.status == ProjectPage.Status.PLANNED


def test_project_and_idea_are_linked_both_ways_and_the_idea_goes_in_progress(
    accepted_idea, editor, project_index
):
    project = idea_project_create(idea=accepted_idea, by=editor)

    accepted_idea.refresh_from_db()
    assert accepted_idea.project == project
    assert ProjectPage.objects.get(pk=project.pk).idea == accepted_idea
    assert accepted_idea.state == State.IN_PROGRESS
    event = accepted_idea.events.get(kind=IdeaEvent.Kind.PROJECT)
    assert (event.state, event.note, event.actor) == (State.IN_PROGRESS, project.title, editor)


def test_the_coordinator_can_be_someone_else(accepted_idea, editor, supporter, project_index):
    project = idea_project_create(idea=accepted_idea, by=editor, coordinator=supporter)

    assert project.coordinator == supporter


@pytest.mark.parametrize(
    "state",
    [State.DRAFT, State.PUBLISHED, State.UNDER_REVIEW, State.REJECTED, State.EXPIRED, State.DONE],
)
def test_only_an_accepted_idea_becomes_a_project(make_idea, editor, project_index, state):
    idea = make_idea(state)

    with pytest.raises(IdeaError, match="Only an accepted idea can become a project"):
        idea_project_create(idea=idea, by=editor)

    assert not ProjectPage.objects.exists()
    idea.refresh_from_db()
    assert idea.state == state and idea.project is None


def test_an_idea_gets_one_project(accepted_idea, editor, project_index):
    idea_project_create(idea=accepted_idea, by=editor)
    Idea.objects.filter(pk=accepted_idea.pk).update(state=State.ACCEPTED)

    with pytest.raises(IdeaError, match="already has its project"):
        idea_project_create(idea=accepted_idea, by=editor)

    assert ProjectPage.objects.count() == 1


def test_a_project_slug_taken_by_another_project_is_numbered(
    accepted_idea, make_idea, editor, project_index
):
    taken = ProjectPage(title="Інший", slug=accepted_idea.slug, goal="Інша мета.")
    project_index.add_child(instance=taken)

    project = idea_project_create(idea=accepted_idea, by=editor)

    assert project.slug == f"{accepted_idea.slug}-2"


def test_without_a_project_index_the_authority_is_told_so(accepted_idea, editor):
    with pytest.raises(IdeaError, match="no list of projects"):
        idea_project_create(idea=accepted_idea, by=editor)


def test_the_authority_of_the_ideas_district_makes_the_project(
    accepted_idea, district_authority, project_index
):
    project = idea_project_create(idea=accepted_idea, by=district_authority)

    assert project.idea == accepted_idea


def test_people_who_are_not_its_authority_cannot_make_a_project(
    accepted_idea, author, supporter, other_district, project_index
):
    elsewhere = factories.authority(districts=[other_district])
    for person in (author, supporter, elsewhere):
        with pytest.raises(IdeaError, match="Only the authority"):
            idea_project_create(idea=accepted_idea, by=person)

    assert not ProjectPage.objects.exists()


def test_a_district_authority_cannot_make_a_project_of_a_city_wide_idea(
    make_idea, district_authority, project_index
):
    idea = make_idea(State.ACCEPTED, district=None)

    with pytest.raises(IdeaError):
        idea_project_create(idea=idea, by=district_authority)


def test_an_idea_without_a_project_has_no_progress(accepted_idea):
    progress = idea_progress(idea=accepted_idea)

    assert (progress.percent, progress.milestones) == (None, [])


def test_a_project_without_milestones_has_no_percent(accepted_idea, editor, project_index):
    idea_project_create(idea=accepted_idea, by=editor)

    assert idea_progress(idea=accepted_idea).percent is None


def test_closing_milestones_shows_on_the_ideas_progress_and_timeline(
    accepted_idea, editor, project_index
):
    project = idea_project_create(idea=accepted_idea, by=editor)
    design, tender, works = _with_milestones(project, "Проєкт", "Тендер", "Роботи")
    project_transition(project=project, to=ProjectPage.Status.ACTIVE, by=editor)

    milestone_close(milestone=design, by=editor)
    milestone_close(milestone=tender, by=editor)

    accepted_idea.refresh_from_db()
    progress = idea_progress(idea=accepted_idea)
    today = timezone.localdate()
    assert progress.percent == 66
    assert progress.milestones == [
        ("Проєкт", date(2027, 1, 1), today),
        ("Тендер", date(2027, 2, 1), today),
        ("Роботи", date(2027, 3, 1), None),
    ]
    notes = list(
        accepted_idea.events.filter(kind=IdeaEvent.Kind.MILESTONE).values_list("note", flat=True)
    )
    assert notes == ["Проєкт", "Тендер"]
    assert accepted_idea.state == State.IN_PROGRESS


def test_closing_a_milestone_of_a_project_without_an_idea_records_nothing(
    accepted_idea, editor, project_index
):
    other = ProjectPage(title="Без ідеї", slug="bez-idei", goal="Мета.", coordinator=editor)
    project_index.add_child(instance=other)
    (step,) = _with_milestones(other, "Етап")
    project_transition(project=other, to=ProjectPage.Status.ACTIVE, by=editor)

    milestone_close(milestone=step, by=editor)

    assert not IdeaEvent.objects.filter(kind=IdeaEvent.Kind.MILESTONE).exists()


def test_completing_the_project_makes_the_idea_done(accepted_idea, editor, project_index):
    project = idea_project_create(idea=accepted_idea, by=editor)
    _with_milestones(project, "Проєкт", "Роботи")
    project_transition(project=project, to=ProjectPage.Status.ACTIVE, by=editor)

    project_transition(project=project, to=ProjectPage.Status.COMPLETED, by=editor)

    accepted_idea.refresh_from_db()
    assert accepted_idea.state == State.DONE
    assert accepted_idea.done_at is not None
    event = accepted_idea.events.filter(kind=IdeaEvent.Kind.STATE).last()
    assert (event.state, event.actor) == (State.DONE, editor)
    assert idea_progress(idea=accepted_idea).percent == 100


def test_the_project_page_links_to_its_idea(client, accepted_idea, editor, project_index):
    project = idea_project_create(idea=accepted_idea, by=editor)

    html = client.get(project.url).content.decode()

    with translation.override("uk"):
        link = translation.gettext(
            'This project grew from the idea <a href="%(url)s">%(title)s</a>.'
        ) % {"url": accepted_idea.get_absolute_url(), "title": escape(accepted_idea.title)}
    assert link in html
    assert f'href="{accepted_idea.get_absolute_url()}"' in html


def test_the_project_page_does_not_link_to_a_hidden_idea(
    client, accepted_idea, editor, project_index
):
    project = idea_project_create(idea=accepted_idea, by=editor)
    Idea.objects.filter(pk=accepted_idea.pk).update(hidden_at=timezone.now())

    html = client.get(project.url).content.decode()

    assert accepted_idea.get_absolute_url() not in html


def _times():
    now = timezone.now()
    return {"opens_at": now + timedelta(days=3), "closes_at": now + timedelta(days=17)}


def test_an_accepted_idea_is_put_to_a_draft_poll(accepted_idea, editor):
    poll = idea_poll_create(
        idea=accepted_idea, by=editor, audience=audience_create(whole_city=True), **_times()
    )

    accepted_idea.refresh_from_db()
    assert accepted_idea.poll == poll
    assert poll.state == Poll.State.DRAFT
    assert accepted_idea.title in poll.title
    assert accepted_idea.get_absolute_url() in poll.description
    (question,) = poll.questions.all()
    assert question.kind == Question.Kind.SINGLE
    assert question.options.count() == 2
    event = accepted_idea.events.get(kind=IdeaEvent.Kind.POLL)
    assert (event.note, event.actor) == (poll.title, editor)


def test_the_poll_page_links_to_its_idea(client, accepted_idea, editor):
    poll = idea_poll_create(
        idea=accepted_idea, by=editor, audience=audience_create(whole_city=True), **_times()
    )
    Poll.objects.filter(pk=poll.pk).update(state=Poll.State.SCHEDULED)

    html = client.get(f"/polls/{poll.slug}/", follow=True).content.decode()

    assert f'href="{accepted_idea.get_absolute_url()}"' in html


@pytest.mark.parametrize("state", [State.PUBLISHED, State.UNDER_REVIEW, State.REJECTED])
def test_only_an_accepted_idea_is_put_to_a_poll(make_idea, editor, state):
    idea = make_idea(state)

    with pytest.raises(IdeaError, match="Only an accepted idea can be put to a poll"):
        idea_poll_create(
            idea=idea, by=editor, audience=audience_create(whole_city=True), **_times()
        )

    assert not Poll.objects.exists()


def test_an_idea_is_put_to_one_poll(accepted_idea, editor):
    idea_poll_create(
        idea=accepted_idea, by=editor, audience=audience_create(whole_city=True), **_times()
    )

    with pytest.raises(IdeaError, match="already been put to a poll"):
        idea_poll_create(
            idea=accepted_idea, by=editor, audience=audience_create(whole_city=True), **_times()
        )

    assert Poll.objects.count() == 1


def test_a_district_authority_polls_its_own_district_only(
    accepted_idea, district, other_district, district_authority
):
    with translation.override("en"), pytest.raises(IdeaError, match="may not create a poll"):
        idea_poll_create(
            idea=accepted_idea,
            by=district_authority,
            audience=audience_create(districts=[other_district]),
            creator_kind="body",
            **_times(),
        )
    assert not Poll.objects.exists()

    poll = idea_poll_create(
        idea=accepted_idea,
        by=district_authority,
        audience=audience_create(districts=[district]),
        creator_kind="body",
        **_times(),
    )

    assert (poll.creator_kind, poll.district) == ("body", district)


def test_people_who_are_not_its_authority_cannot_put_it_to_a_poll(accepted_idea, author):
    with pytest.raises(IdeaError, match="Only the authority"):
        idea_poll_create(
            idea=accepted_idea, by=author, audience=audience_create(whole_city=True), **_times()
        )

    assert not Poll.objects.exists()


def test_bad_poll_times_are_told_not_crashed(accepted_idea, editor):
    now = timezone.now()
    with translation.override("en"), pytest.raises(IdeaError, match="closes after it opens"):
        idea_poll_create(
            idea=accepted_idea,
            by=editor,
            audience=audience_create(whole_city=True),
            opens_at=now + timedelta(days=2),
            closes_at=now + timedelta(days=1),
        )
