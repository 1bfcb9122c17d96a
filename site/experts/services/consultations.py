"""Consultations: asking, answering, accepting, marking helpful. Accepted and helpful answers
feed the answering expert's reputation (see `experts.reputation`)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from config.models import District
from config.transactions import on_commit_robust
from experts import reputation
from experts.errors import ConsultationError
from experts.models import Answer, Competency, CompetencyClaim, HelpfulMark, Question


def search_text(*parts: str) -> str:
    """What question search matches against: casefolded, so "Опалення" finds "опалення"."""
    return " ".join(part.casefold() for part in parts if part)


def question_ask(
    *,
    asker,
    competency: Competency,
    title: str,
    body: str,
    district: District | None = None,
) -> Question:
    """A resident asks; the experts verified in the competency hear about it by email."""
    from experts.tasks import notify_experts_of_question

    if not asker.is_authenticated:
        raise ConsultationError(_("Sign in to ask the experts."))
    with transaction.atomic():
        question = Question(
            asker=asker,
            competency=competency,
            district=district,
            title=title.strip(),
            body=body.strip(),
        )
        question.search_text = search_text(question.title, question.body)
        question.full_clean()
        question.save()
        on_commit_robust(lambda: notify_experts_of_question.enqueue(question_id=question.pk))
    return question


def can_answer(question: Question, user) -> bool:
    return (
        user.is_authenticated
        and question.asker_id != user.pk
        and CompetencyClaim.objects.filter(
            content_object__user=user,
            tag_id=question.competency_id,
            status=CompetencyClaim.Status.VERIFIED,
        ).exists()
    )


def answer_post(*, question: Question, user, body: str) -> Answer:
    """An expert verified in the question's competency answers it, once."""
    from experts.tasks import notify_asker_of_answer

    if question.is_hidden:
        raise ConsultationError(_("This question is no longer public."))
    if not can_answer(question, user):
        raise ConsultationError(
            _("Only experts verified in “%(competency)s” can answer this question.")
            % {"competency": question.competency.label}
        )
    if Answer.objects.filter(question=question, expert__user=user).exists():
        raise ConsultationError(_("You have already answered this question."))
    with transaction.atomic():
        answer = Answer(question=question, expert=user.expert_profile, body=body.strip())
        answer.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError as error:  # a double submit racing its twin
            raise ConsultationError(_("You have already answered this question.")) from error
        Question.objects.filter(pk=question.pk).update(answers_count=F("answers_count") + 1)
        reputation.expert_refresh(answer.expert)
        on_commit_robust(lambda: notify_asker_of_answer.enqueue(answer_id=answer.pk))
    return answer


def answer_accept(*, answer: Answer, user) -> Answer:
    """The asker accepts the answer that solved their problem; the question is resolved."""
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=answer.question_id)
        if question.asker_id != user.pk:
            raise ConsultationError(_("Only the person who asked can accept an answer."))
        if Question.Status.RESOLVED not in Question.TRANSITIONS[question.status]:
            raise ConsultationError(_("An answer to this question is already accepted."))
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.is_hidden:
            raise ConsultationError(_("This answer is no longer public."))
        # A hidden answer may still carry the acceptance it had when a moderator hid it (so
        # restoring it can give it back); accepting another answer settles it for good.
        Answer.objects.filter(question=question, is_accepted=True).update(
            is_accepted=False, accepted_at=None
        )
        answer.is_accepted = True
        answer.accepted_at = timezone.now()
        answer.save(update_fields=["is_accepted", "accepted_at"])
        question.status = Question.Status.RESOLVED
        question.save(update_fields=["status"])
        if answer.expert_id:
            reputation.expert_refresh(answer.expert)
    return answer


def answer_mark_helpful(*, answer: Answer, user) -> HelpfulMark:
    """Someone other than the asker and the author says an answer helped them; once. Only a
    public answer can be marked: a hidden one must not gather weight behind the moderator's
    back (the marks would count again the day it is restored)."""
    if not user.is_authenticated:
        raise ConsultationError(_("Sign in to mark answers helpful."))
    if answer.is_hidden or answer.question.is_hidden:
        raise ConsultationError(_("This answer is no longer public."))
    if answer.expert is not None and answer.expert.user_id == user.pk:
        raise ConsultationError(_("You cannot mark your own answer helpful."))
    if answer.question.asker_id == user.pk:
        raise ConsultationError(_("You asked this question: accept the answer instead."))
    if HelpfulMark.objects.filter(answer=answer, user=user).exists():
        raise ConsultationError(_("You have already marked this answer helpful."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                mark = HelpfulMark.objects.create(answer=answer, user=user)
        except IntegrityError as error:  # a double click racing its twin
            raise ConsultationError(_("You have already marked this answer helpful.")) from error
        # Counted only while the answer is still public: a moderator may hide it (or its
        # question) between the page load and this click; the mark is then rolled back.
        counted = Answer.objects.filter(
            pk=answer.pk, is_hidden=False, question__is_hidden=False
        ).update(helpful_count=F("helpful_count") + 1)
        if not counted:
            raise ConsultationError(_("This answer is no longer public."))
        if answer.expert_id:
            reputation.expert_refresh(answer.expert)
    return mark
