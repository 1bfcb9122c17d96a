"""What the experts app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

Erasure removes the person as an expert: the expert profile with its statement, credentials,
competency applications, free tags and stored reputation, the ratings others gave them (they
are evaluations of the person) and their listings on projects. Their public contributions
stay, credited to the user row, which shows as "Former participant": ratings they gave,
questions they asked, answers they wrote (anonymous once the expert profile is gone), helpful
marks (so counts stay exact). Free text of their flags is removed. Decisions they took as a
moderator stay in the moderation log, which is the record of who hid what. The platform means
are recomputed in the same transaction.
"""

from django.db import transaction

from experts import reputation
from experts.models import (
    Answer,
    ConsultationFlag,
    ExpertProfile,
    HelpfulMark,
    ModerationAction,
    ProjectPage,
    ProjectParticipant,
    Question,
    Rating,
    RatingFlag,
    Reputation,
)

MODELS = [
    "experts.ExpertProfile",
    "experts.CompetencyClaim",
    "experts.ExpertTag",
    "experts.Reputation",
    "experts.ProjectPage",
    "experts.ProjectParticipant",
    "experts.Rating",
    "experts.RatingFlag",
    "experts.Question",
    "experts.Answer",
    "experts.HelpfulMark",
    "experts.ConsultationFlag",
    "experts.ModerationAction",
]


def _rating(rating: Rating) -> dict:
    return {
        "project": rating.project.title,
        "competency": rating.competency.name,
        **rating.values(),
        "comment": rating.comment,
        "work_on": rating.work_on,
        "created_at": rating.created_at,
        "hidden_by_moderator": rating.is_hidden,
    }


def _expert(user) -> dict | None:
    profile = ExpertProfile.objects.filter(user=user).select_related("district").first()
    if profile is None:
        return None
    return {
        "statement": profile.statement,
        "credentials": profile.credentials,
        "district": profile.district.name_uk if profile.district else None,
        "other_skills": sorted(profile.tags.names()),
        "created_at": profile.created_at,
        "competencies": [
            {
                "competency": claim.tag.name,
                "status": claim.status,
                "evidence": claim.evidence,
                "submitted_at": claim.submitted_at,
                "reviewed_at": claim.reviewed_at,
                "note_from_staff": claim.review_note,
            }
            for claim in profile.claims.select_related("tag")
        ],
        "answers": [
            {
                "question": answer.question.title,
                "answer": answer.body,
                "accepted": answer.is_accepted,
                "helpful_marks": answer.helpful_count,
                "created_at": answer.created_at,
            }
            for answer in Answer.objects.filter(expert=profile).select_related("question")
        ],
    }


def export_for(user) -> dict:
    participations = ProjectParticipant.objects.filter(user=user).select_related("project")
    return {
        "expert_profile": _expert(user),
        "projects_coordinated": list(
            ProjectPage.objects.filter(coordinator=user).values_list("title", flat=True)
        ),
        "project_participations": [
            {
                "project": p.project.title,
                "role": p.role,
                "what_you_do": p.title,
                "state": p.state,
                "invited_at": p.created_at,
                "answered_at": p.responded_at,
            }
            for p in participations
        ],
        "ratings_given": [
            _rating(r)
            for r in Rating.objects.filter(rater=user).select_related("project", "competency")
        ],
        "ratings_received": [
            _rating(r)
            for r in Rating.objects.filter(expert=user).select_related("project", "competency")
        ],
        "rating_flags": [
            {"reason": flag.reason, "created_at": flag.created_at, "resolution": flag.resolution}
            for flag in RatingFlag.objects.filter(flagged_by=user)
        ],
        "consultation_flags": [
            {"reason": flag.reason, "created_at": flag.created_at, "resolution": flag.resolution}
            for flag in ConsultationFlag.objects.filter(flagged_by=user)
        ],
        "moderation_decisions": [
            {"action": a.action, "item": a.target, "reason": a.reason, "created_at": a.created_at}
            for a in ModerationAction.objects.filter(moderator=user)
        ],
        "questions": [
            {"title": q.title, "details": q.body, "created_at": q.created_at, "status": q.status}
            for q in Question.objects.filter(asker=user)
        ],
        "helpful_marks": [
            {"question": mark.answer.question.title, "created_at": mark.created_at}
            for mark in HelpfulMark.objects.filter(user=user).select_related("answer__question")
        ],
        "reputation": list(
            Reputation.objects.filter(expert__user=user).values(
                "competency__name", "indicator", "ratings_count", "answers_count"
            )
        ),
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Rating.objects.filter(expert=user).delete()
        ProjectParticipant.objects.filter(user=user).delete()
        RatingFlag.objects.filter(flagged_by=user).update(reason="")
        ConsultationFlag.objects.filter(flagged_by=user).update(reason="")
        ExpertProfile.objects.filter(user=user).delete()
        # The ratings they received leave the platform means; nobody else's sums change.
        reputation.baseline_recompute()
