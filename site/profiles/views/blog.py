"""Writing, editing, deleting and reporting blog posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from profiles.exceptions import ProfilesError
from profiles.forms import PostForm, ReportForm
from profiles.models import BlogPost, Organization
from profiles.selectors import post_visible_to
from profiles.services.blog import post_create, post_delete, post_report, post_update
from profiles.services.organizations import organization_can
from profiles.text import rich_text_to_markdown
from profiles.views.common import error_message, limit_writes, report_error


def _after_save(post: BlogPost):
    if post.organization_id:
        return redirect(post.get_absolute_url())
    return (
        redirect(post.get_absolute_url())
        if post.state == BlogPost.State.PUBLISHED
        else redirect("profiles:my_blog")
    )


@login_required
@limit_writes
def post_new(request, slug=None):
    """A new post on my blog, or (with an organization's slug) on the organization's."""
    organization = get_object_or_404(Organization, slug=slug) if slug else None
    if organization and not organization_can(
        user=request.user, organization=organization, action="post"
    ):
        raise Http404
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_create(
                author=request.user,
                organization=organization,
                title=form.cleaned_data["title"],
                body_markdown=form.cleaned_data["body"],
                publish=request.POST.get("action") == "publish",
            )
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("The post is saved."))
            return _after_save(post)
    return render(
        request,
        "profiles/post_form.html",
        {"form": form, "organization": organization, "post": None},
    )


@login_required
@limit_writes
def post_edit(request, pk):
    post = get_object_or_404(BlogPost.objects.select_related("organization"), pk=pk)
    if not post_visible_to(post, request.user) or not _may_edit(request.user, post):
        raise Http404
    initial = {"title": post.title, "body": rich_text_to_markdown(post.body)}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_update(
                post=post,
                actor=request.user,
                title=form.cleaned_data["title"],
                body_markdown=form.cleaned_data["body"],
                publish=request.POST.get("action") == "publish",
            )
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("The post is saved."))
            return _after_save(post)
    return render(
        request,
        "profiles/post_form.html",
        {"form": form, "organization": post.organization, "post": post},
    )


def _may_edit(user, post: BlogPost) -> bool:
    if post.organization_id:
        return organization_can(user=user, organization=post.organization, action="post")
    return post.author_id == user.pk


@login_required
@require_POST
def post_remove(request, pk):
    post = get_object_or_404(BlogPost.objects.select_related("organization"), pk=pk)
    organization = post.organization
    try:
        post_delete(post=post, actor=request.user)
    except ProfilesError as error:
        report_error(request, error)
        return redirect(post.get_absolute_url())
    messages.success(request, _("The post is deleted."))
    if organization is not None:
        return redirect("profiles:organization_blog", organization.slug)
    return redirect("profiles:my_blog")


@login_required
@require_POST
@limit_writes
def post_report_view(request, pk):
    post = get_object_or_404(BlogPost, pk=pk)
    if not post_visible_to(post, request.user):
        raise Http404
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            post_report(post=post, reporter=request.user, **form.cleaned_data)
        except ProfilesError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Thank you. Moderators will look at this post."))
    else:
        messages.error(request, _("Choose what is wrong with the post."))
    return redirect(post.get_absolute_url())
