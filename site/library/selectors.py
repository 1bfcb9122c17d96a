"""Every read the library makes for its pages, the home page and the personal cabinet."""

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.models import Locale, Page

from config.freshness import content_generation
from config.home import HomeSection
from library.models import (
    ArticleAuthor,
    ArticlePage,
    CaseStudyPage,
    Contribution,
    Feedback,
    GuidePage,
    LibraryIndexPage,
    TopicPage,
)

SORTS = {
    "newest": _("Newest"),
    "useful": _("Most useful"),
    "read": _("Most read"),
}
KINDS = {
    GuidePage.KIND: GuidePage,
    CaseStudyPage.KIND: CaseStudyPage,
}


def articles_under(
    root: Page, *, tag_slug: str = "", kind: str = "", sort: str = "newest"
) -> QuerySet[ArticlePage]:
    """Published articles anywhere beneath `root`, filtered and sorted for a listing. Cards
    need the cover image and tags: both come in with the same few queries, however many
    cards there are."""
    articles = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .select_related("cover_image", "stats", "locale")
        .prefetch_related("tagged_items__tag")
    )
    if tag_slug:
        articles = articles.filter(tagged_items__tag__slug=tag_slug)
    if kind in KINDS:
        articles = articles.type(KINDS[kind])
    return sort_articles(articles, sort)


def sort_articles(articles: QuerySet[ArticlePage], sort: str) -> QuerySet[ArticlePage]:
    yes = Coalesce(F("stats__useful_yes"), Value(0))
    no = Coalesce(F("stats__useful_no"), Value(0))
    if sort == "useful":
        # Laplace-smoothed share of "yes": two votes of two do not outrank 90 of 100.
        articles = articles.annotate(
            useful_score=Cast(yes + 1, FloatField()) / Cast(yes + no + 2, FloatField())
        ).order_by("-useful_score", "-first_published_at", "pk")
    elif sort == "read":
        articles = articles.annotate(reads=Coalesce(F("stats__read_count"), Value(0))).order_by(
            "-reads", "-first_published_at", "pk"
        )
    else:
        articles = articles.order_by("-first_published_at", "pk")
    return articles


def tags_under(root: Page) -> QuerySet[Tag]:
    """Tags used by published articles beneath `root`, most used first."""
    article_ids = ArticlePage.objects.live().public().descendant_of(root).values("pk")
    return (
        Tag.objects.filter(library_articletag_items__content_object_id__in=article_ids)
        .annotate(uses=Count("library_articletag_items", distinct=True))
        .order_by("-uses", "name")
    )


def related_articles(*, page: ArticlePage, limit: int = 3) -> list[ArticlePage]:
    """Other articles in the same language, ranked by tags shared with `page` (two points
    each) and by being in the same topic (one point); only those with something in common."""
    tag_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    topic_path = page.path[: -Page.steplen]
    shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
    same_topic = Case(
        When(path__startswith=topic_path, depth=page.depth, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .exclude(pk=page.pk)
        .annotate(shared_tags=shared, same_topic=same_topic)
        .annotate(relevance=F("shared_tags") * 2 + F("same_topic"))
        .filter(relevance__gt=0)
        .select_related("cover_image", "locale")
        .order_by("-relevance", "-first_published_at", "pk")[:limit]
    )


def article_credits(*, page: ArticlePage) -> list[ArticleAuthor]:
    return list(page.authors.select_related("user__profile", "organization"))


def latest_articles(*, locale: Locale, limit: int = 4) -> list[ArticlePage]:
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("cover_image", "locale")
        .order_by("-first_published_at", "pk")[:limit]
    )


def library_index_for(*, locale: Locale) -> LibraryIndexPage | None:
    index = LibraryIndexPage.objects.live().filter(locale=locale).first()
    if index is None:
        index = LibraryIndexPage.objects.live().order_by("pk").first()
    return index


def topic_choices(*, index: LibraryIndexPage) -> list[tuple[int, str]]:
    """Topics beneath `index` in tree order, subtopics indented under their parent."""
    topics = TopicPage.objects.live().descendant_of(index).order_by("path")
    return [(t.pk, "\u2003" * (t.depth - index.depth - 1) + t.title) for t in topics]


FEEDBACK_TIMEOUT = 300


def feedback_given(*, page: ArticlePage, voter: str) -> bool:
    """Whether this reader answered, kept per content generation (`config.freshness`), which
    every answer saved moves: their page of a kept article asks the database nothing."""
    key = f"library:feedback:{content_generation()}:{page.pk}:{voter}"
    given = cache.get(key)
    if given is None:
        given = Feedback.objects.filter(page_id=page.pk, voter=voter).exists()
        cache.set(key, given, FEEDBACK_TIMEOUT)
    return given


def contributions_of(*, user) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(contributor=user)
        .select_related("page", "page__locale")
        .prefetch_related(Prefetch("events", to_attr="history"))
        .order_by("-updated_at")
    )


ACTIVITY_KINDS = {
    GuidePage.KIND: Contribution.Kind.GUIDE.label,
    CaseStudyPage.KIND: Contribution.Kind.CASE_STUDY.label,
}


def activity_for(*, subject, viewer, limit: int) -> list:
    """Published articles crediting a person or organization, for their public page
    (`profiles.activity`). Credits (`ArticleAuthor`) are what the article itself shows, so
    they are what is listed; an organization is also listed for the case studies it carried
    out. One item per article, in the reader's language when it is translated."""
    from profiles.activity import ActivityItem, page_date
    from profiles.models import Organization, User

    if isinstance(subject, Organization):
        credits = Q(authors__organization=subject)
        did_it = CaseStudyPage.objects.filter(organization=subject).values("pk")
    elif isinstance(subject, User):
        credits = Q(authors__user=subject)
        did_it = None
    else:
        return []
    roles: dict[int, str] = {}
    for page_id, role in ArticlePage.objects.filter(credits).values_list("pk", "authors__role"):
        roles.setdefault(page_id, str(ArticleAuthor.Role(role).label))
    if did_it is not None:
        for page_id in did_it.values_list("pk", flat=True):
            roles.setdefault(page_id, str(_("carried it out")))
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(pk__in=roles)
        .select_related("locale")
        .order_by("-first_published_at", "pk")
    )
    active = Locale.get_active()
    chosen: dict = {}
    for article in articles:
        # The same article in several languages is one item, in the reader's language if any.
        kept = chosen.get(article.translation_key)
        if kept is None or (article.locale_id == active.pk and kept.locale_id != active.pk):
            chosen[article.translation_key] = article
    dates = {article.pk: page_date(article, subject=subject) for article in chosen.values()}
    picked = sorted(chosen.values(), key=lambda a: dates[a.pk], reverse=True)[:limit]
    return [
        ActivityItem(
            date=dates[article.pk],
            kind=str(ACTIVITY_KINDS.get(article.kind, article.kind_label)),
            title=article.title,
            url=article.url,
            role=roles[article.pk],
        )
        for article in picked
    ]


def home_section(*, request) -> HomeSection | None:
    """The newest guides and case studies in the reader's language."""
    locale = Locale.get_active()
    articles = latest_articles(locale=locale, limit=3)
    if not articles:
        return None
    return HomeSection(
        template="library/includes/home_section.html",
        context={"articles": articles, "index": library_index_for(locale=locale)},
    )


CABINET_PREVIEW = 5


def cabinet_section(*, user):
    """My latest contributions to the library and where each one stands; the full list is
    `library:mine`."""
    from profiles.selectors import CabinetSection

    contributions = contributions_of(user=user)
    index = library_index_for(locale=Locale.get_active())
    return CabinetSection(
        title=_("My library contributions"),
        template="library/includes/cabinet_section.html",
        context={
            "contributions": list(contributions[:CABINET_PREVIEW]),
            "contribution_count": contributions.count(),
            "index": index,
        },
    )
