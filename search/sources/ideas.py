"""Ideas to the city in search: public ones only (published or later, not hidden by a
moderator: `Idea.objects.public()`). Drafts and hidden ideas get no document and lose the one
they had. Nobody's name is indexed: an idea proposed on behalf of an organization carries the
organization's name, one proposed by a person carries none. Popularity is the supporter count.
"""

from django.urls import reverse
from django.utils import translation

from ideas.models import Idea
from ideas.states import PUBLIC_STATES, State
from search.models import DocumentType
from search.sources import Document, Source, languages


def _urls(slug: str) -> tuple[str, dict[str, str]]:
    urls = {}
    for code in languages():
        with translation.override(code):
            urls[code] = reverse("ideas:detail", kwargs={"slug": slug})
    return urls[languages()[0]], urls


class IdeaSource(Source):
    name = "ideas.idea"
    model = "ideas.Idea"
    statuses = {f"idea_{state}": State(state).label for state in sorted(PUBLIC_STATES)}

    def candidates(self):
        return (
            Idea.objects.public()
            .select_related("organization", "answering_body")
            .prefetch_related("topics")
        )

    def load(self, pks):
        return self.candidates().in_bulk(list(pks))

    def document(self, idea):
        if not idea.is_public:
            return None
        url, urls = _urls(idea.slug)
        body = [idea.description, idea.address, idea.answer]
        if idea.organization_id:
            body.append(idea.organization.name)
        if idea.answering_body_id:
            body.append(idea.answering_body.name)
        return Document(
            type=DocumentType.IDEA,
            title=idea.title,
            summary=idea.summary,
            body=" ".join(part for part in body if part),
            tags=[(tag.slug, tag.name) for tag in idea.topics.all()],
            district_id=idea.district_id,
            status=f"idea_{idea.state}",
            date=idea.published_at,
            popularity=idea.support_count,
            url=url,
            urls=urls,
            language="uk",
            languages=languages(),
        )

    def watched(self):
        """Topics are added through their own rows (`IdeaTopic`)."""
        return {
            self.model: lambda idea: [idea.pk],
            "ideas.IdeaTopic": lambda topic: [topic.content_object_id],
        }


SOURCES = [IdeaSource()]
