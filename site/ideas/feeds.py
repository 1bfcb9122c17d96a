"""The RSS feed of ideas (`/ideas/feed/`, one per language): ideas newly published, and the
authority's answers, newest first.

Feed readers are anonymous, so the feed shows only public ideas and never who proposed one
(an organization that proposed it is named). Texts are written by residents and feed readers
render an RSS `<description>` as HTML: plain text goes out escaped and titles lose any tags, as
in `library.feeds`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from ideas.models import Idea
from ideas.states import ANSWER_STATES, State

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedEntry:
    idea: Idea
    kind: str  # "published" or "answered"
    at: datetime


def feed_entries(limit: int = FEED_LENGTH) -> list[FeedEntry]:
    public = Idea.objects.public().select_related("organization", "answering_body")
    published = public.filter(published_at__isnull=False).order_by("-published_at", "-pk")
    answered = public.filter(answered_at__isnull=False).exclude(answer="")
    answered = answered.order_by("-answered_at", "-pk")
    entries = [FeedEntry(idea, "published", idea.published_at) for idea in published[:limit]]
    entries += [FeedEntry(idea, "answered", idea.answered_at) for idea in answered[:limit]]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def answer_label(idea: Idea) -> str:
    """The answer's verdict: the state it gave (the idea may have moved on since)."""
    if idea.state in ANSWER_STATES:
        return State(idea.state).label
    return State.ACCEPTED.label if idea.state in {State.IN_PROGRESS, State.DONE} else ""


class IdeasFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Ideas to the city: new ideas and answers")

    def link(self):
        return reverse("ideas:index")

    def description(self):
        return _(
            "Ideas residents propose for the city and its districts, and the authorities' "
            "public answers to those that gathered enough support."
        )

    def items(self):
        return feed_entries()

    def item_title(self, entry):
        title = strip_tags(entry.idea.title)
        if entry.kind == "answered":
            verdict = answer_label(entry.idea)
            return _("Answer: %(title)s (%(verdict)s)") % {"title": title, "verdict": verdict}
        return title

    def item_description(self, entry):
        idea = entry.idea
        if entry.kind == "answered":
            body = str(idea.answer)
            if idea.answering_body_id:
                body = f"{idea.answering_body.name}: {body}"
            return escape(body)
        text = idea.summary
        if idea.organization_id:
            text = _("%(summary)s (proposed on behalf of %(organization)s)") % {
                "summary": text,
                "organization": idea.organization.name,
            }
        return escape(text)

    def item_link(self, entry):
        url = entry.idea.get_absolute_url()
        return f"{url}#answer" if entry.kind == "answered" else url

    def item_guid(self, entry):
        return self.request.build_absolute_uri(self.item_link(entry))

    def item_guid_is_permalink(self, entry):
        return True

    def item_pubdate(self, entry):
        return entry.at
