"""The experts app in search: experts with a verified competency, civic projects (live
pages) and consultation questions that moderators have not hidden.

Pending or rejected competency claims are not shown; an expert without a verified one is not
indexed at all. Answers hidden by moderators are left out of their question's text.
"""

from datetime import datetime, time

from django.utils import timezone

from experts.models import Answer, ExpertProfile, ProjectPage, Question
from experts.selectors.experts import experts_directory
from experts.selectors.urls import directory_url
from search.models import DocumentType
from search.sources import Document, Source, languages
from search.sources.pages import PageSource, plain_text


def _urls(route: str, pk: int) -> tuple[str, dict[str, str]]:
    """The route's address in every language (the directory page is translated); none
    while there is no live directory page to show it on."""
    urls = {code: directory_url(route, pk, language=code) for code in languages()}
    return urls[languages()[0]], urls


def _as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


class ExpertSource(Source):
    name = "experts.expert"
    model = "experts.ExpertProfile"

    def candidates(self):
        return experts_directory(verified_only=True, sort="activity").prefetch_related("tags")

    def load(self, pks):
        return self.candidates().in_bulk(list(pks))

    def document(self, expert):
        verified = [claim.tag for claim in expert.listed_claims if claim.is_verified]
        url, urls = _urls("expert", expert.pk)
        if not verified or not url:
            return None
        tags = [(competency.slug, competency.name) for competency in verified]
        tags += [(tag.slug, tag.name) for tag in expert.tags.all()]
        names = ", ".join(f"{c.name} ({c.name_en})" for c in verified)
        return Document(
            type=DocumentType.EXPERT,
            title=str(expert.display_name),
            summary=expert.statement,
            body=f"{names}. {expert.credentials}",
            tags=tags,
            district_id=expert.district_id,
            date=_as_datetime(expert.last_activity_on) or expert.created_at,
            popularity=expert.ratings_count,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )

    def watched(self):
        def by_user(instance):
            return ExpertProfile.objects.filter(user_id=instance.user_id).values_list(
                "pk", flat=True
            )

        return {
            self.model: lambda expert: [expert.pk],
            "experts.CompetencyClaim": lambda claim: [claim.content_object_id],
            "profiles.Profile": by_user,
        }


class ProjectSource(PageSource):
    name = "experts.project"
    model = "experts.ProjectPage"
    statuses = {f"project_{value}": label for value, label in ProjectPage.Status.choices}

    def candidates(self):
        return super().candidates().select_related("locale")

    def page_document(self, page) -> dict:
        canonical = page.canonical
        return {
            "type": DocumentType.PROJECT,
            "summary": page.goal,
            "body": " ".join([plain_text(page.body), plain_text(page.outcome)]),
            "district_id": canonical.district_id,
            "status": f"project_{canonical.status}",
            "date": _as_datetime(canonical.started_on) or page.first_published_at,
            "popularity": canonical.participants.filter(state="accepted").count(),
        }


class QuestionSource(Source):
    name = "experts.question"
    model = "experts.Question"
    weight = 1.1
    statuses = {f"question_{value}": label for value, label in Question.Status.choices}

    def candidates(self):
        return Question.objects.filter(is_hidden=False).select_related("competency")

    def document(self, question):
        if question.is_hidden:
            return None
        url, urls = _urls("question", question.pk)
        if not url:
            return None
        answers = Answer.objects.filter(question=question, is_hidden=False)
        competency = question.competency
        return Document(
            type=DocumentType.QUESTION,
            title=question.title,
            summary=question.body,
            body=" ".join(answers.values_list("body", flat=True)),
            tags=[(competency.slug, competency.name)],
            district_id=question.district_id,
            status=f"question_{question.status}",
            date=question.created_at,
            popularity=question.answers_count,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )

    def watched(self):
        return {
            self.model: lambda question: [question.pk],
            "experts.Answer": lambda answer: [answer.question_id],
        }


SOURCES = [ExpertSource(), ProjectSource(), QuestionSource()]
