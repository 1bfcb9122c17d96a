"""Moderating consultations: residents flag a question or an answer, moderators hide, restore
or keep it, and every decision (on ratings too) goes into the moderation log.

A hidden question or answer leaves the public pages at once; the search index hears of it
through the search app's signals (a `save()` of the row, refreshed after commit), and the
reputation of every expert whose answer stops or starts counting is recomputed in the same
transaction."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from experts import reputation
from experts.errors import ConsultationError
from experts.models import (
    Answer,
    ConsultationFlag,
    ExpertProfile,
    ModerationAction,
    Question,
)

MODERATE_CONSULTATIONS_PERMISSION = "experts.moderate_question"
HIDDEN_FIELDS = ["is_hidden", "hidden_reason", "hidden_by", "hidden_at"]
Resolution = ConsultationFlag.Resolution


def moderation_log(*, by, action: str, reason: str = "", **target) -> ModerationAction:
    """Write one decision to the log; `target` is rating=, question= or answer=."""
    (item,) = target.values()
    return ModerationAction.objects.create(
        moderator=by, action=action, target=str(item)[:250], reason=reason.strip()[:300], **target
    )


def _require_moderator(user) -> None:
    if not user.is_authenticated or not user.has_perm(MODERATE_CONSULTATIONS_PERMISSION):
        raise ConsultationError(_("Only moderators can do this."))


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ConsultationError(_("Say why it is hidden: the reason is kept in the log."))
    return reason[:300]


def _flag(*, user, reason: str, author_id, **target) -> ConsultationFlag:
    if not user.is_authenticated:
        raise ConsultationError(_("Sign in to report something to the moderators."))
    if author_id == user.pk:
        raise ConsultationError(_("You cannot report what you wrote yourself."))
    if not reason.strip():
        raise ConsultationError(_("Say what is wrong with it."))
    if ConsultationFlag.objects.filter(flagged_by=user, **target).exists():
        raise ConsultationError(_("You have already reported this."))
    try:
        with transaction.atomic():
            flag = ConsultationFlag(flagged_by=user, reason=reason.strip(), **target)
            flag.full_clean(validate_constraints=False)
            flag.save()
    except IntegrityError as error:  # a double submit racing its twin
        raise ConsultationError(_("You have already reported this.")) from error
    return flag


def question_flag(*, question: Question, user, reason: str) -> ConsultationFlag:
    """Report a question to the moderators; once per person."""
    if question.is_hidden:
        raise ConsultationError(_("This question is no longer public."))
    return _flag(user=user, reason=reason, author_id=question.asker_id, question=question)


def answer_flag(*, answer: Answer, user, reason: str) -> ConsultationFlag:
    """Report an answer to the moderators; once per person."""
    if answer.is_hidden or answer.question.is_hidden:
        raise ConsultationError(_("This answer is no longer public."))
    author_id = answer.expert.user_id if answer.expert_id else None
    return _flag(user=user, reason=reason, author_id=author_id, answer=answer)


def _resolve_flags(resolution: str, **target) -> int:
    return ConsultationFlag.objects.filter(resolution=Resolution.OPEN, **target).update(
        resolution=resolution, resolved_at=timezone.now()
    )


def _refresh_experts(expert_ids) -> None:
    for expert in ExpertProfile.objects.filter(pk__in=set(expert_ids)).order_by("pk"):
        reputation.expert_refresh(expert)


def _set_hidden(item, *, hidden: bool, by=None, reason: str = "") -> None:
    item.is_hidden = hidden
    item.hidden_reason = reason if hidden else ""
    item.hidden_by = by if hidden else None
    item.hidden_at = timezone.now() if hidden else None
    item.save(update_fields=HIDDEN_FIELDS)  # the save tells search (search.signals)


def _question_set_status(question_id: int, status: str) -> None:
    """A question is resolved exactly while its accepted answer is public: hiding that answer
    takes the "answer accepted" badge away (and lets the asker accept another one), restoring
    it gives the badge back. The answer keeps `is_accepted` while hidden, for the restore."""
    question = Question.objects.select_for_update().get(pk=question_id)
    if question.status != status:
        if status not in Question.TRANSITIONS[question.status]:
            raise ConsultationError(_("This question cannot change its status this way."))
        question.status = status
        question.save(update_fields=["status"])  # the save tells search (search.signals)


def question_hide(*, question: Question, by, reason: str) -> Question:
    """Hide a question with its answers: off the public pages, out of search, and its
    answers no longer count towards their authors' reputation. Open flags close."""
    _require_moderator(by)
    reason = _require_reason(reason)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.is_hidden:
            raise ConsultationError(_("This question is already hidden."))
        _set_hidden(question, hidden=True, by=by, reason=reason)
        _resolve_flags(Resolution.HIDDEN, question=question)
        moderation_log(by=by, action=ModerationAction.Kind.HIDE, reason=reason, question=question)
        _refresh_experts(question.answers.exclude(expert=None).values_list("expert_id", flat=True))
    return question


def question_restore(*, question: Question, by, reason: str = "") -> Question:
    """Undo a hide: the question and its visible answers are public and count again."""
    _require_moderator(by)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if not question.is_hidden:
            raise ConsultationError(_("This question is not hidden."))
        _set_hidden(question, hidden=False)
        moderation_log(
            by=by, action=ModerationAction.Kind.RESTORE, reason=reason, question=question
        )
        _refresh_experts(question.answers.exclude(expert=None).values_list("expert_id", flat=True))
    return question


def answer_hide(*, answer: Answer, by, reason: str) -> Answer:
    """Hide one answer: off its question's page and search text, out of its author's
    reputation and of the question's answer count. Open flags close."""
    _require_moderator(by)
    reason = _require_reason(reason)
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.is_hidden:
            raise ConsultationError(_("This answer is already hidden."))
        _set_hidden(answer, hidden=True, by=by, reason=reason)
        Question.objects.filter(pk=answer.question_id).update(answers_count=F("answers_count") - 1)
        if answer.is_accepted:
            _question_set_status(answer.question_id, Question.Status.OPEN)
        _resolve_flags(Resolution.HIDDEN, answer=answer)
        moderation_log(by=by, action=ModerationAction.Kind.HIDE, reason=reason, answer=answer)
        _refresh_experts([answer.expert_id] if answer.expert_id else [])
    return answer


def answer_restore(*, answer: Answer, by, reason: str = "") -> Answer:
    """Undo a hide: the answer is public and counts again."""
    _require_moderator(by)
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if not answer.is_hidden:
            raise ConsultationError(_("This answer is not hidden."))
        _set_hidden(answer, hidden=False)
        Question.objects.filter(pk=answer.question_id).update(answers_count=F("answers_count") + 1)
        if answer.is_accepted:  # still the asker's choice: they accepted no other meanwhile
            _question_set_status(answer.question_id, Question.Status.RESOLVED)
        moderation_log(by=by, action=ModerationAction.Kind.RESTORE, reason=reason, answer=answer)
        _refresh_experts([answer.expert_id] if answer.expert_id else [])
    return answer


def consultation_flags_dismiss(
    *, by, question: Question | None = None, answer: Answer | None = None, reason: str = ""
) -> int:
    """The moderator looked and the question or answer stays: close its open flags."""
    _require_moderator(by)
    if (question is None) == (answer is None):
        raise ConsultationError(_("Choose a question or an answer."))
    target = {"question": question} if question is not None else {"answer": answer}
    with transaction.atomic():
        closed = _resolve_flags(Resolution.DISMISSED, **target)
        moderation_log(by=by, action=ModerationAction.Kind.DISMISS, reason=reason, **target)
    return closed
