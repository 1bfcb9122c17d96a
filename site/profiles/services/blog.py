"""Blog posts of people and organizations, reports of abusive posts, and moderation."""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from profiles.exceptions import NotAllowed, ProfilesError, check_transition
from profiles.models import BlogPost, Organization, PostReport, User
from profiles.services.organizations import organization_can
from profiles.text import RichTextInputError, markdown_to_rich_text


def _check_author(author: User, organization: Organization | None) -> None:
    if not author.is_authenticated or not author.is_active:
        raise NotAllowed(_("Sign in to write posts."))
    if organization is not None and not organization_can(
        user=author, organization=organization, action="post"
    ):
        raise NotAllowed(_("Only the organization's owners and administrators post on its blog."))


def _body(markdown: str) -> str:
    try:
        body = markdown_to_rich_text(markdown)
    except RichTextInputError as error:
        raise ProfilesError(
            _("The text could not be read: %(error)s"), params={"error": error}
        ) from error
    if not body.strip():
        raise ProfilesError(_("Write the text of the post."))
    return body


def _may_edit(post: BlogPost, user: User) -> bool:
    if post.organization_id:
        return organization_can(user=user, organization=post.organization, action="post")
    return post.author_id == user.pk


def _notify_members(post: BlogPost) -> None:
    if post.organization_id:
        from profiles.tasks import organization_post_notify

        language = translation.get_language() or "uk"
        on_commit_robust(lambda: organization_post_notify.enqueue(post.pk, language))


def post_create(
    *,
    author: User,
    title: str,
    body_markdown: str,
    publish: bool,
    organization: Organization | None = None,
) -> BlogPost:
    """A post on the author's own blog, or on an organization's. `publish=False` keeps it as
    a draft only its author (or the organization's editors) can see."""
    _check_author(author, organization)
    if not title.strip():
        raise ProfilesError(_("Give the post a title."))
    with transaction.atomic():
        post = BlogPost.objects.create(
            author=author,
            organization=organization,
            title=title.strip()[:200],
            body=_body(body_markdown),
            state=BlogPost.State.PUBLISHED if publish else BlogPost.State.DRAFT,
            published_at=timezone.now() if publish else None,
        )
        if publish:
            _notify_members(post)
    return post


def post_update(
    *, post: BlogPost, actor: User, title: str, body_markdown: str, publish: bool
) -> BlogPost:
    """Edit a post; `publish` moves a draft out, or a published post back to drafts. A post
    hidden by moderators stays hidden whatever its author does."""
    if not _may_edit(post, actor):
        raise NotAllowed(_("You cannot edit this post."))
    if not title.strip():
        raise ProfilesError(_("Give the post a title."))
    with transaction.atomic():
        post = BlogPost.objects.select_for_update().get(pk=post.pk)
        post.title = title.strip()[:200]
        post.body = _body(body_markdown)
        if post.state != BlogPost.State.HIDDEN:
            target = BlogPost.State.PUBLISHED if publish else BlogPost.State.DRAFT
            if target != post.state:
                check_transition(post, target)
                post.state = target
                if target == BlogPost.State.PUBLISHED:
                    post.published_at = post.published_at or timezone.now()
                    _notify_members(post)
        post.save()
    return post


def post_delete(*, post: BlogPost, actor: User) -> None:
    if not _may_edit(post, actor):
        raise NotAllowed(_("You cannot delete this post."))
    post.delete()


def post_report(*, post: BlogPost, reporter: User, reason: str, details: str = "") -> PostReport:
    """Tell moderators a published post breaks the rules. One open report per reader."""
    if not reporter.is_authenticated or not reporter.is_active:
        raise NotAllowed(_("Sign in to report a post."))
    if post.state != BlogPost.State.PUBLISHED:
        raise ProfilesError(_("Only published posts can be reported."))
    if post.author_id == reporter.pk:
        raise ProfilesError(_("You cannot report your own post."))
    if reason not in PostReport.Reason.values:
        raise ProfilesError(_("Choose a reason."))
    try:
        with transaction.atomic():
            return PostReport.objects.create(
                post=post, reporter=reporter, reason=reason, details=details.strip()[:1000]
            )
    except IntegrityError as error:
        raise ProfilesError(_("You have already reported this post.")) from error


def _check_moderator(moderator: User) -> None:
    if not (moderator.is_active and moderator.has_perm("profiles.moderate_blogpost")):
        raise NotAllowed(_("Only moderators can do this."))


def post_hide(*, post: BlogPost, moderator: User, reason: str) -> BlogPost:
    """Hide an abusive post: it leaves every public page and feed, its open reports are
    upheld, and the author is told why."""
    _check_moderator(moderator)
    if not reason.strip():
        raise ProfilesError(_("Say why the post is hidden; its author will read it."))
    with transaction.atomic():
        post = BlogPost.objects.select_for_update().get(pk=post.pk)
        check_transition(post, BlogPost.State.HIDDEN)
        now = timezone.now()
        post.state = BlogPost.State.HIDDEN
        post.hidden_at = now
        post.hidden_by = moderator
        post.hidden_reason = reason.strip()
        post.save()
        post.reports.filter(state=PostReport.State.OPEN).update(
            state=PostReport.State.UPHELD, resolved_at=now, resolved_by=moderator
        )
        from profiles.tasks import post_hidden_notify

        language = translation.get_language() or "uk"
        on_commit_robust(lambda: post_hidden_notify.enqueue(post.pk, language))
    return post


def post_restore(*, post: BlogPost, moderator: User) -> BlogPost:
    """Undo a hide (the author appealed, or it was a mistake)."""
    _check_moderator(moderator)
    with transaction.atomic():
        post = BlogPost.objects.select_for_update().get(pk=post.pk)
        check_transition(post, BlogPost.State.PUBLISHED)
        post.state = BlogPost.State.PUBLISHED
        post.save(update_fields=["state", "updated_at"])
    return post


def report_dismiss(*, report: PostReport, moderator: User) -> PostReport:
    _check_moderator(moderator)
    report = PostReport.objects.get(pk=report.pk)
    check_transition(report, PostReport.State.DISMISSED)
    report.state = PostReport.State.DISMISSED
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.save(update_fields=["state", "resolved_at", "resolved_by"])
    return report
