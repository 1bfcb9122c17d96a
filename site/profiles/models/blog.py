"""Blogs of people and organizations, and reports of abusive posts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField

from profiles.text import BLOG_FEATURES, person_slug


class BlogPost(models.Model):
    """A post on a person's blog, or on an organization's (then `organization` is set and
    `author` is the member who wrote it). The body is Wagtail rich text limited to
    BLOG_FEATURES. Only PUBLISHED posts are public; moderators HIDE abusive ones."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by moderators")

    TRANSITIONS = {
        State.DRAFT: {State.PUBLISHED},
        State.PUBLISHED: {State.DRAFT, State.HIDDEN},
        State.HIDDEN: {State.PUBLISHED},
    }

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="blog_posts",
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blog_posts",
    )
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), features=BLOG_FEATURES)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        permissions = [("moderate_blogpost", _("Can hide and restore reported posts"))]
        indexes = [models.Index(fields=["state", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        if self.organization_id:
            return reverse("profiles:organization_post", args=[self.organization.slug, self.pk])
        name = self.author.profile.display_name if hasattr(self.author, "profile") else ""
        return reverse("profiles:person_post", args=[person_slug(name, self.author_id), self.pk])


class PostReport(models.Model):
    """A reader tells moderators a post breaks the rules. Moderators uphold it (the post is
    hidden) or dismiss it."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Insults, threats or harassment")
        HATE = "hate", _("Hate speech or discrimination")
        PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld: post hidden")
        DISMISSED = "dismissed", _("Dismissed")

    TRANSITIONS = {
        State.OPEN: {State.UPHELD, State.DISMISSED},
        State.UPHELD: set(),
        State.DISMISSED: set(),
    }

    post = models.ForeignKey(
        BlogPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="post_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="open")
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("post report")
        verbose_name_plural = _("post reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(state="open"),
                name="post_report_one_open_per_reporter",
            ),
        ]

    def __str__(self):
        return f"{self.post} · {self.get_reason_display()}"
