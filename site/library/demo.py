"""The demo library: 44 guides and case studies across 8 topics, 14 of them in English too,
with illustrations and documents made on the spot, reader feedback, and citizens' proposals
at every stage of review (see `library.demo_content`).

Idempotent: what exists is left alone, so a second run only looks.
"""

import datetime
import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from config.demo import DEMO_PASSWORD, Progress, demo_random, verify_emails
from config.models import District, HomePage
from config.privacy import keyed_hash
from library.demo_content import TOPICS, Article, all_articles
from library.demo_content.documents import DOCUMENTS, document_bytes
from library.demo_content.people import (
    CONTRIBUTIONS,
    EDITOR_COMMENTS,
    FEEDBACK_COMMENTS,
    ORGANIZATIONS,
    PEOPLE,
    PICTURES_EN,
    TAGS_EN,
)
from library.demo_content.pictures import PICTURES, picture_png
from library.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleStats,
    CaseStudyPage,
    Contribution,
    Feedback,
    GuidePage,
    LibraryIndexPage,
    TopicPage,
)
from library.services import contribution_create, library_index_prepare
from library.text import plain_to_rich, slug_for
from profiles.models import Membership, Organization

INDEX_UK = (
    "biblioteka",
    "Бібліотека знань",
    "<p>Що місто вже навчилося: покрокові "
    "інструкції та історії успіху від мешканців, ОСББ, громадських організацій і "
    "міської влади.</p>",
)
INDEX_EN = (
    "library",
    "Knowledge library",
    "<p>What the city has learned: step-by-step "
    "guides and success stories from residents, associations, NGOs and the "
    "municipality.</p>",
)


def seed(*, progress: Progress) -> None:
    english, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.get(locale__language_code="uk")
    # Wagtail would reindex a page for admin search and references at each of its several
    # saves; the demo indexes each page once at the end instead. And the invented people of
    # the demo receive no email, not even on the console.
    quiet_search = {
        name: {**conf, "AUTO_UPDATE": False}
        for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            WAGTAILSEARCH_BACKENDS=quiet_search,
        ),
        disable_reference_index_auto_update(),
        transaction.atomic(),
    ):
        people = _people()
        organizations = _organizations(people)
        index = _index(home, INDEX_UK)
        topics = _topics(index)
        created = _articles(progress, topics, people, organizations)
        translated = _translations(progress, index, topics, english)
        _reader_feedback(created + translated)
        proposed = _contributions(progress, topics, people)
        if created or translated or proposed:
            _index_pages(progress, index)


def _index_pages(progress, index: LibraryIndexPage) -> None:
    """Admin search and Wagtail's reference index, once per page of both languages."""
    pages = [
        page
        for root in (index, *index.get_translations())
        for page in Page.objects.descendant_of(root, inclusive=True).specific()
    ]
    by_model: dict[type, list] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends():
        for model, items in by_model.items():
            backend.add_bulk(model, items)
    for page in progress.iterate("library: references", pages):
        ReferenceIndex.create_or_update_for_object(page)


def _people() -> dict:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # one slow hash for everyone
    people = {}
    for key, (email, first, last) in PEOPLE.items():
        user, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "password": password}
        )
        people[key] = user
    verify_emails(people.values())
    return people


def _organizations(people: dict) -> dict:
    districts = {d.slug: d for d in District.objects.all()}
    organizations = {}
    for slug, (name, kind, district, members) in ORGANIZATIONS.items():
        organization, _ = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "district": districts.get(district),
                "is_verified": kind == "municipal_body",
                "verified_at": timezone.now() if kind == "municipal_body" else None,
                "authority_granted_at": timezone.now() if kind == "municipal_body" else None,
            },
        )
        for key in members:
            Membership.objects.get_or_create(
                organization=organization, user=people[key], defaults={"role": "owner"}
            )
        organizations[slug] = organization
    return organizations


def _index(parent, spec) -> LibraryIndexPage:
    slug, title, intro = spec
    index = LibraryIndexPage.objects.child_of(parent).first()
    if index is None:
        index = LibraryIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True)
        parent.add_child(instance=index)
        index.save_revision().publish()
    library_index_prepare(index=index)
    return index


def _topics(index: LibraryIndexPage) -> dict[str, TopicPage]:
    existing = {t.slug: t for t in TopicPage.objects.descendant_of(index)}
    for topic in TOPICS:
        if topic.slug in existing:
            continue
        parent = existing[topic.parent] if topic.parent else index
        page = TopicPage(title=topic.title, slug=topic.slug, summary=topic.summary)
        parent.add_child(instance=page)
        page.save_revision().publish()
        existing[topic.slug] = page
    return existing


def _articles(progress, topics, people, organizations) -> list[ArticlePage]:
    existing = set(
        ArticlePage.objects.filter(locale__language_code="uk").values_list("slug", flat=True)
    )
    wanted = [a for a in all_articles() if a.slug not in existing]
    if not wanted:
        return []
    media = _media()
    districts = {d.slug: d for d in District.objects.all()}
    created = []
    for article in progress.iterate("library: articles", wanted):
        page = _build(article, media, districts, organizations)
        page.authors = _credits(article, people, organizations)
        page.live = True
        topics[article.topic].add_child(instance=page)
        page.demo_days_ago = article.days_ago
        _mark_published(page)
        created.append(page)
    return created


def _build(article: Article, media, districts, organizations) -> ArticlePage:
    common = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "cover_image": media["images"].get(article.image),
        "body": _body(article.body, media),
    }
    if article.is_guide:
        page = GuidePage(
            **common,
            time_needed=article.time,
            responsible_authority=organizations.get(article.authority_org),
            authority_note=article.authority,
            prerequisites=plain_to_rich(article.before),
            steps=_steps(article.steps),
        )
    else:
        page = CaseStudyPage(
            **common,
            problem=plain_to_rich(article.problem),
            approach=plain_to_rich(article.approach),
            outcome=plain_to_rich(article.outcome),
            lessons=plain_to_rich(article.lessons),
            district=districts.get(article.district),
            place=article.place,
            year=article.year,
            cost=article.cost,
            cost_note=article.cost_note,
            organization=organizations.get(article.org),
            contacts=article.contacts,
        )
    page.tags.set(list(article.tags))
    return page


def _steps(steps) -> list[dict]:
    return [
        {"type": "step", "value": {"title": title, "text": plain_to_rich(text)}}
        for title, text in steps
    ]


def _body(items, media, *, english: bool = False) -> list[dict]:
    blocks = []
    for kind, *rest in items:
        if kind == "image":
            key, caption = rest
            alt = PICTURES_EN[key] if english else PICTURES[key][1]
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": media["images"][key].pk,
                        "alt_text": alt,
                        "caption": "" if english else caption,
                        "attribution": "Спільно",
                    },
                }
            )
        elif kind == "document":
            key, description = rest
            blocks.append(
                {
                    "type": "document",
                    "value": {
                        "document": media["documents"][key].pk,
                        "title": "",
                        "description": "" if english else description,
                    },
                }
            )
        elif english:
            continue  # text blocks stay in Ukrainian only
        elif kind == "text":
            blocks.append({"type": "paragraph", "value": plain_to_rich(rest[0])})
        elif kind == "heading":
            blocks.append({"type": "heading", "value": {"text": rest[0], "level": "h2"}})
        elif kind == "callout":
            tone, title, text = rest
            blocks.append(
                {
                    "type": "callout",
                    "value": {"kind": tone, "title": title, "text": plain_to_rich(text)},
                }
            )
        elif kind == "quote":
            blocks.append({"type": "quote", "value": {"text": rest[0], "attribution": rest[1]}})
        elif kind == "table":
            caption, rows = rest
            blocks.append(
                {
                    "type": "table",
                    "value": {
                        "caption": caption,
                        "table": {
                            "data": rows,
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                        },
                    },
                }
            )
    return blocks


def _credits(article: Article, people, organizations) -> list[ArticleAuthor]:
    if article.author.startswith("org:"):
        return [ArticleAuthor(organization=organizations[article.author[4:]])]
    return [ArticleAuthor(user=people[article.author])] if article.author else []


def _media() -> dict:
    """The demo's pictures and documents, drawn and written once."""
    Image, Document = get_image_model(), get_document_model()
    images = {}
    for key, (title, alt, _draw) in PICTURES.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, description=alt)
            image.file = ImageFile(io.BytesIO(picture_png(key)), name=f"library-{key}.png")
            image.save()
        images[key] = image
    documents = {}
    for key, (title, filename) in DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file = ContentFile(document_bytes(key), name=filename)
            document.save()
        documents[key] = document
    return {"images": images, "documents": documents}


def _translations(progress, index, topics, english) -> list[ArticlePage]:
    index_en = index.get_translation_or_none(english)
    if index_en is None:
        index_en = index.copy_for_translation(english)
        _, index_en.title, index_en.intro = INDEX_EN
        index_en.slug = INDEX_EN[0]
        index_en.save_revision().publish()
    library_index_prepare(index=index_en.specific)
    for topic in TOPICS:
        source = topics[topic.slug]
        if source.get_translation_or_none(english) is None:
            copy = source.copy_for_translation(english)
            copy.title, copy.summary, copy.slug = (
                topic.en_title,
                topic.en_summary,
                slug_for(topic.en_title),
            )
            copy.save_revision().publish()
    wanted = [a for a in all_articles() if a.en]
    sources = {
        p.slug: p
        for p in ArticlePage.objects.filter(
            slug__in=[a.slug for a in wanted], locale__language_code="uk"
        ).specific()
    }
    todo = [a for a in wanted if sources[a.slug].get_translation_or_none(english) is None]
    created = []
    media = _media() if todo else {}
    for article in progress.iterate("library: translations", todo):
        created.append(_translate(sources[article.slug], article, english, media))
    return created


def _translate(source: ArticlePage, article: Article, english, media) -> ArticlePage:
    page = source.copy_for_translation(english).specific
    en = article.en
    page.title, page.summary, page.slug = en["title"], en["summary"], slug_for(en["title"])
    page.draft_title = page.title
    page.body = _body(article.body, media, english=True)
    page.tags.set([TAGS_EN.get(tag, tag) for tag in article.tags])
    page.live = True
    if article.is_guide:
        page.time_needed, page.authority_note = en["time"], en["authority"]
        page.prerequisites = plain_to_rich(en.get("before", ""))
        page.steps = _steps(en["steps"])
    else:
        for name in ("problem", "approach", "outcome", "lessons"):
            setattr(page, name, plain_to_rich(en.get(name, "")))
        page.place, page.cost_note = en.get("place", ""), en.get("cost_note", "")
        page.contacts = en.get("contacts", "")
    page.save()
    page.demo_days_ago = max(article.days_ago - 20, 5)
    _mark_published(page)
    return page


def _mark_published(page: ArticlePage) -> None:
    """What a publication leaves behind (a live revision, publication dates), recorded
    directly: the demo's articles are born published, with dates spread over two years so
    "newest first" means something. Wagtail's full publish action would cost a second."""
    revision = page.save_revision(clean=False)
    published = timezone.now() - datetime.timedelta(days=page.demo_days_ago, hours=page.pk % 9)
    ArticlePage.objects.filter(pk=page.pk).update(
        live_revision=revision,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        latest_revision_created_at=published,
    )


def _reader_feedback(pages: list[ArticlePage]) -> None:
    """Votes, comments and reads, drawn from the library's own random generator."""
    rng = demo_random("library")
    stats, votes = [], []
    for page in pages:
        yes, no = rng.randint(0, 38), rng.randint(0, 9)
        comments = 0
        for n in range(yes + no):
            comment = rng.choice(FEEDBACK_COMMENTS) if rng.random() < 0.12 else ""
            comments += bool(comment)
            votes.append(
                Feedback(
                    page=page,
                    useful=n < yes,
                    comment=comment,
                    voter=keyed_hash(f"demo:{page.pk}:{n}", purpose="library-feedback"),
                )
            )
        stats.append(
            ArticleStats(
                page=page,
                read_count=rng.randint(40, 2400),
                useful_yes=yes,
                useful_no=no,
                comment_count=comments,
            )
        )
    ArticleStats.objects.bulk_create(stats, ignore_conflicts=True)
    Feedback.objects.bulk_create(votes, ignore_conflicts=True)


def _contributions(progress, topics, people) -> list[Contribution]:
    """Citizens' proposals through the real public path: the service, then the editors'
    decisions through the review task, as in the admin."""
    editor = get_user_model().objects.filter(email="editor@spilno.localhost").first()
    done = set(Contribution.objects.values_list("page__title", flat=True))
    todo = [c for c in CONTRIBUTIONS if c[2].title not in done]
    contributions = []
    for person, topic, draft, outcome in progress.iterate("library: contributions", todo):
        contribution = contribution_create(user=people[person], topic=topics[topic], draft=draft)
        contributions.append(contribution)
        if outcome == "in_review" or editor is None:
            continue
        action = {"changes_requested": "reject", "published": "approve", "rejected": "decline"}[
            outcome
        ]
        task_state = contribution.page.current_workflow_task_state
        task_state.task.specific.on_action(
            task_state, editor, action, comment=EDITOR_COMMENTS.get(outcome, "")
        )
    return contributions
