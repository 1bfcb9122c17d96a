"""Reads about consultations: searching questions, one question with its answers."""

from django.db.models import QuerySet

from experts.models import Answer, Question
from experts.services.consultations import can_answer


def questions_search(
    *, q: str = "", competency=None, district=None, status: str = ""
) -> QuerySet[Question]:
    """Public questions matching every word of `q` (any case), newest first."""
    questions = Question.objects.filter(is_hidden=False).select_related("competency", "district")
    for word in q.casefold().split()[:8]:
        questions = questions.filter(search_text__contains=word)
    if competency is not None:
        questions = questions.filter(competency=competency)
    if district is not None:
        questions = questions.filter(district=district)
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    return questions.order_by("-created_at", "-pk")


def question_get(question_id: int) -> Question | None:
    return (
        Question.objects.filter(pk=question_id, is_hidden=False)
        .select_related("competency", "district", "asker__profile")
        .first()
    )


def question_answers(question: Question) -> list[Answer]:
    return list(
        question.answers.filter(is_hidden=False)
        .select_related("expert__user__profile")
        .order_by("-is_accepted", "-helpful_count", "created_at", "pk")
    )


def helpful_marked_by(user, answers: list[Answer]) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.helpful_marks.filter(answer__in=answers).values_list("answer_id", flat=True))


def user_can_answer(question: Question, user) -> bool:
    if not can_answer(question, user):
        return False
    return not question.answers.filter(expert__user=user).exists()


def answered_recently(*, limit: int = 3) -> list[Question]:
    """Questions with an accepted answer, the latest first: for the home page."""
    return list(
        Question.objects.filter(is_hidden=False, status=Question.Status.RESOLVED)
        .select_related("competency")
        .order_by("-created_at")[:limit]
    )
