"""The authority's answer: public, dated, by whom and for which body; the author and the
supporters are told, supporters with a one-click unsubscribe."""

from django.core import mail

import pytest

from ideas import services
from ideas.models import IdeaEvent
from ideas.states import IdeaError, State
from profiles.models import NotificationSetting
from tests.ideas import factories
from tests.petitions.factories import AuthorityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def test_an_answer_is_public_dated_and_signed(make_idea, district_authority):
    body = AuthorityFactory(name="Департамент благоустрою", slug="blago")
    idea = make_idea("under_review")
    services.idea_answer(
        idea=idea,
        by=district_authority,
        state=State.ACCEPTED_IN_PART,
        answer="  Зробимо першу чергу.  ",
        answering_body=body,
    )
    idea.refresh_from_db()
    assert idea.state == State.ACCEPTED_IN_PART
    assert idea.answer == "Зробимо першу чергу."
    assert idea.answered_at is not None and idea.answered_by == district_authority
    assert idea.answering_body == body
    event = IdeaEvent.objects.filter(idea=idea).latest("at")
    assert (event.state, event.note) == (State.ACCEPTED_IN_PART, "Зробимо першу чергу.")


def test_an_empty_answer_is_refused(make_idea, editor):
    idea = make_idea("under_review")
    with pytest.raises(IdeaError, match="Fill in"):
        services.idea_answer(idea=idea, by=editor, state=State.REJECTED, answer="   ")
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW and idea.answered_at is None


def test_an_answer_too_long_is_refused(make_idea, editor):
    idea = make_idea("under_review")
    with pytest.raises(IdeaError, match="too long"):
        services.idea_answer(idea=idea, by=editor, state=State.REJECTED, answer="я" * 10_001)


def test_the_answering_body_must_be_an_authority(make_idea, editor):
    from tests.profiles.factories import OrganizationFactory

    idea = make_idea("under_review")
    with pytest.raises(IdeaError, match="municipal body"):
        services.idea_answer(
            idea=idea,
            by=editor,
            state=State.ACCEPTED,
            answer="Так.",
            answering_body=OrganizationFactory(),
        )


def test_another_districts_authority_cannot_answer(make_idea, other_district):
    stranger = factories.authority(districts=[other_district])
    idea = make_idea("under_review")
    with pytest.raises(IdeaError, match="Only the authority"):
        services.idea_answer(idea=idea, by=stranger, state=State.ACCEPTED, answer="Так.")


def test_the_author_and_supporters_are_told_and_supporters_may_unsubscribe(
    make_idea, district_authority, django_capture_on_commit_callbacks
):
    idea = make_idea("under_review", supporters=3)
    quiet = factories.person()
    from ideas.models import Support

    Support.objects.create(idea=idea, user=quiet)
    NotificationSetting.objects.create(user=quiet, kind="ideas.answered", wanted=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_answer(
            idea=idea, by=district_authority, state=State.REJECTED, answer="Немає коштів."
        )
    to_author = [m for m in mail.outbox if m.to == [idea.author.email]]
    to_supporters = [m for m in mail.outbox if m.to != [idea.author.email]]
    assert len(to_author) == 1 and "Немає коштів." in to_author[0].body
    assert "List-Unsubscribe" not in to_author[0].extra_headers
    assert len(to_supporters) == 3
    assert quiet.email not in {m.to[0] for m in mail.outbox}
    for message in to_supporters:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
        assert "Немає коштів." in message.body


def test_supporters_are_emailed_in_batches(
    make_idea, editor, monkeypatch, django_capture_on_commit_callbacks
):
    from ideas import tasks

    monkeypatch.setattr(tasks, "IDEA_EMAIL_BATCH", 2)
    idea = make_idea("under_review", supporters=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_answer(idea=idea, by=editor, state=State.ACCEPTED, answer="Так.")
    assert len(mail.outbox) == 6
    assert len({m.to[0] for m in mail.outbox}) == 6


def test_work_is_followed_to_the_end(make_idea, district_authority):
    idea = make_idea("accepted")
    services.idea_start(idea=idea, by=district_authority, note="Почали.")
    services.idea_finish(idea=idea, by=district_authority, note="Готово.")
    idea.refresh_from_db()
    assert idea.state == State.DONE
    notes = list(IdeaEvent.objects.filter(idea=idea).values_list("note", flat=True))
    assert notes[-2:] == ["Почали.", "Готово."]


def test_a_supporter_cannot_start_or_finish_work(make_idea, supporter):
    accepted, in_progress = make_idea("accepted"), make_idea("in_progress")
    with pytest.raises(IdeaError):
        services.idea_start(idea=accepted, by=supporter)
    with pytest.raises(IdeaError):
        services.idea_finish(idea=in_progress, by=supporter)
