"""The demo city's activity: ratings of the experts' work (with one hidden after a flag and one
flag waiting for moderators), and consultations with answers, acceptances and helpful marks.

Each expert's archetype (`ARCHETYPES`) sets how their ratings fall; the volume is
written in bulk and reputation is computed afterwards by `experts.demo.seed`.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from config.models import District
from experts import demo_data as data
from experts import demo_questions
from experts.models import (
    Answer,
    Competency,
    HelpfulMark,
    ProjectParticipant,
    Question,
    Rating,
    RatingFlag,
)
from experts.services.consultations import search_text
from profiles.models import Membership

# archetype: mean (competence, usefulness, timeliness, communication), spread, pick weight
ARCHETYPES = {
    "veteran": ((4.8, 4.7, 4.6, 4.8), 0.45, 8),
    "solid": ((4.1, 4.0, 4.0, 4.2), 0.6, 3),
    "newcomer": ((4.9, 4.9, 4.8, 4.9), 0.35, 1),
    "slow": ((4.7, 4.3, 2.6, 3.5), 0.5, 3),
    "weak": ((3.1, 2.9, 3.0, 3.2), 0.7, 2),
    "answerer": ((4.2, 4.1, 4.3, 4.5), 0.5, 1),
    "pending": ((4.0, 4.0, 4.0, 4.0), 0.5, 0),
    "rejected": ((3.0, 3.0, 3.0, 3.0), 0.5, 0),
}
ANSWER_WEIGHTS = {"answerer": 6, "veteran": 3, "solid": 2, "slow": 2, "newcomer": 1, "weak": 1}
ANSWER_RANK = ["answerer", "veteran", "solid", "newcomer", "slow", "weak"]


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _score(rng, mean: float, spread: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, spread))))


def seed_ratings(progress, rng, projects, experts, *, moderation_examples: bool = True) -> None:
    """Ratings of each project's team by its coordinator and participants; with
    `moderation_examples`, one of them hidden after a flag and one flag waiting (the ideas
    demo rates its projects' experts the same way, without more examples)."""
    members = {(m.organization_id, m.user_id) for m in Membership.objects.all()}
    organizations_of: dict[int, set[int]] = {}
    for organization_id, user_id in members:
        organizations_of.setdefault(user_id, set()).add(organization_id)
    competencies = {c.slug: c for c in Competency.objects.all()}
    ratings = []
    for project in progress.iterate("experts: ratings", projects):
        page = project["page"]
        work_on = _work_date(page)
        if work_on is None:
            continue
        accepted = page.participants.filter(
            state=ProjectParticipant.State.ACCEPTED, user__isnull=False
        )
        raters = [page.coordinator, *(p.user for p in accepted.select_related("user"))]
        for member, slug in project["team"]:
            expert = member["profile"].user
            means, spread, _weight = ARCHETYPES[member["archetype"]]
            for rater in raters:
                shared = organizations_of.get(rater.pk, set()) & organizations_of.get(
                    expert.pk, set()
                )
                # A newcomer's single project: only some of the team rate them (few ratings).
                chance = 0.3 if member["archetype"] == "newcomer" else 0.9
                if rater == expert or shared or rng.random() > chance:
                    continue
                values = [_score(rng, mean, spread) for mean in means]
                ratings.append(
                    Rating(
                        project=page,
                        rater=rater,
                        expert=expert,
                        competency=competencies[slug],
                        competence=values[0],
                        usefulness=values[1],
                        timeliness=values[2],
                        communication=values[3],
                        comment=_comment(rng, values),
                        work_on=work_on,
                    )
                )
    created = Rating.objects.bulk_create(ratings)
    for rating in created:
        rating.created_at = moment(rating.work_on + timedelta(days=3))
    Rating.objects.bulk_update(created, ["created_at"])
    if moderation_examples:
        _moderation_examples(created)


def _work_date(page):
    if page.status == "completed":
        return page.completed_on
    closed = [m.closed_on for m in page.milestones.all() if m.closed_on]
    return max(closed) if closed else None


def _comment(rng, values) -> str:
    mean = sum(values) / 4
    tone = "high" if mean >= 4.25 else "mid" if mean >= 3.25 else "low"
    return rng.choice(data.COMMENTS[tone]) if rng.random() < 0.6 else ""


def _moderation_examples(ratings) -> None:
    """One rating hidden after a flag, one flag waiting for a moderator."""
    moderator = get_user_model().objects.filter(email="moderator@spilno.localhost").first()
    lowest = sorted(ratings, key=lambda r: (sum(r.values().values()), r.pk))
    if len(lowest) < 2:
        return
    hidden, waiting = lowest[0], lowest[1]
    RatingFlag.objects.create(
        rating=hidden,
        flagged_by=hidden.expert,
        reason="Оцінку поставив підрядник, з яким ми сперечалися щодо оплати.",
        resolution=RatingFlag.Resolution.HIDDEN,
        resolved_at=timezone.now(),
    )
    Rating.objects.filter(pk=hidden.pk).update(
        is_hidden=True,
        hidden_reason="Конфлікт інтересів, підтверджений модератором.",
        hidden_by=moderator,
        hidden_at=timezone.now(),
    )
    RatingFlag.objects.create(
        rating=waiting, flagged_by=waiting.expert, reason="Оцінка не стосується моєї роботи."
    )


def seed_consultations(progress, rng, competencies, experts, residents) -> None:
    districts = list(District.objects.order_by("sort_order"))
    by_competency = {
        slug: [
            e
            for e in experts
            if slug in e["slugs"] and e["archetype"] not in ("pending", "rejected")
        ]
        for slug in competencies
    }
    questions, pending_answers = [], []
    for n, (slug, title, body) in enumerate(
        progress.iterate("experts: questions", demo_questions.QUESTIONS)
    ):
        asked = moment(days_ago(rng.randint(3, 420)))
        question = Question(
            asker=rng.choice(residents),
            competency=competencies[slug],
            district=rng.choice(districts) if districts and n % 3 else None,
            title=title,
            body=body,
            search_text=search_text(title, body),
        )
        question.created_at = asked
        questions.append(question)
        candidates = by_competency[slug]
        weights = [ANSWER_WEIGHTS[e["archetype"]] for e in candidates]
        answering = {
            id(e): e for e in rng.choices(candidates, weights=weights, k=rng.randint(1, 3))
        }
        pending_answers.append((question, list(answering.values())))
    asked_at = [question.created_at for question in questions]  # bulk_create stamps "now"
    created = Question.objects.bulk_create(questions)
    for question, when in zip(created, asked_at, strict=True):
        question.created_at = when
    Question.objects.bulk_update(created, ["created_at"])
    _answers(rng, pending_answers, residents)


def _answers(rng, pending_answers, residents) -> None:
    answers = []
    archetype_of = {}
    for question, answering in pending_answers:
        for n, expert in enumerate(answering):
            tone = "high" if expert["archetype"] in ("answerer", "veteran") else "mid"
            answer = Answer(
                question=question, expert=expert["profile"], body=demo_questions.ANSWERS[tone]
            )
            archetype_of[expert["profile"].pk] = expert["archetype"]
            answer.created_at = question.created_at + timedelta(days=1 + n)
            answers.append(answer)
    when = [answer.created_at for answer in answers]  # bulk_create stamps "now"
    created = Answer.objects.bulk_create(answers)
    by_question: dict[int, list[Answer]] = {}
    for answer, moment in zip(created, when, strict=True):
        answer.created_at = moment
        by_question.setdefault(answer.question_id, []).append(answer)
    marks = []
    for question, _ in pending_answers:
        options = by_question.get(question.pk, [])
        if options and rng.random() < 0.6:
            best = min(options, key=lambda a: ANSWER_RANK.index(archetype_of[a.expert_id]))
            best.is_accepted = True
            best.accepted_at = best.created_at + timedelta(days=2)
            question.status = Question.Status.RESOLVED
        question.answers_count = len(options)
        for answer in options:
            readers = [r for r in residents if r.pk != question.asker_id]
            chosen = rng.sample(readers, rng.randint(0, 4))
            marks += [HelpfulMark(answer=answer, user=reader) for reader in chosen]
            answer.helpful_count = len(chosen)
    Answer.objects.bulk_update(
        created, ["created_at", "is_accepted", "accepted_at", "helpful_count"]
    )
    Question.objects.bulk_update([q for q, _ in pending_answers], ["status", "answers_count"])
    HelpfulMark.objects.bulk_create(marks)
