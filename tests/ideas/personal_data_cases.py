"""Rows of the ideas app that hold something about a person, made for
`tests/profiles/test_personal_data_completeness.py` (its CASES name these builders): each
returns (row, text of the row that the person's archive must contain)."""

from ideas.models import CommentReport, IdeaEvent
from ideas.services import comment_add, comment_report, support_give
from tests.ideas.factories import idea_in, person


def idea(person_, world):
    made = idea_in("published", author=person_, title="Сквер біля ліцею")
    return made, "Сквер біля ліцею"


def idea_event(person_, world):
    made = idea_in("published", title="Фонтан у парку")
    event = IdeaEvent.objects.create(
        idea=made, kind=IdeaEvent.Kind.STATE, state="published", actor=person_
    )
    return event, "Фонтан у парку"


def support(person_, world):
    made = idea_in("published", title="Лавки на набережній")
    return support_give(idea=made, user=person_), "Лавки на набережній"


def comment(person_, world):
    made = idea_in("published")
    return comment_add(idea=made, author=person_, body="Підтримую всім серцем"), (
        "Підтримую всім серцем"
    )


def comment_report_row(person_, world):
    made = idea_in("published")
    written = comment_add(idea=made, author=person(), body="Реклама казино тут")
    report = comment_report(
        comment=written,
        reporter=person_,
        reason=CommentReport.Reason.SPAM,
        explanation="це спам",
    )
    return report, "це спам"
