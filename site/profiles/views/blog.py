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
from profiles.visibility import visible_profile


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
    if not form.is_valid():
        # The post again, the report open with what was chosen and typed and the message of
        # the field that is wrong (a redirect would lose the details and guess at the problem).
        return post_page(request, post, report_form=form)
    # A refusal of the report itself (reported already) is a message: no other text would help.
    try:
        post_report(post=post, reporter=request.user, **form.cleaned_data)
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Thank you. Moderators will look at this post."))
    return redirect(post.get_absolute_url())


def post_page(request, post: BlogPost, *, report_form=None):
    """A post's public page, on its organization's blog or its author's. `report_form`: a
    report that was refused, shown again with what was typed and why."""
    context = {
        "post": post,
        "report_form": report_form if report_form is not None else ReportForm(),
    }
    if post.organization_id:
        context["organization"] = post.organization
        context["can_edit"] = organization_can(
            user=request.user, organization=post.organization, action="post"
        )
    else:
        context["owner"] = visible_profile(post.author.profile, viewer=request.user)
        context["can_edit"] = request.user.is_authenticated and post.author_id == request.user.pk
    return render(request, "profiles/post.html", context)
