"""The people directory and each person's public page, JSON, photo and blog.

Everything shown about a person comes from `profiles.visibility.visible_profile`.
"""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers

from config.params import page_number, page_of, query_text
from profiles.activity import activity_page
from profiles.models import BlogPost, Profile, Status, Visibility
from profiles.selectors import memberships_of, post_visible_to, posts_published
from profiles.text import id_from_person_slug, person_slug
from profiles.views.blog import post_page
from profiles.visibility import (
    SignedInVisitor,
    people_matching,
    profile_is_shown,
    visible_profile,
)


def people(request):
    query = query_text(request, "q", max_length=100)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    profiles = people_matching(query=query, viewer=request.user, status=status).prefetch_related(
        "skills"
    )
    page = page_of(request, profiles, per_page=24)
    return render(
        request,
        "profiles/people.html",
        {
            "page": page,
            "people": [visible_profile(profile, viewer=request.user) for profile in page],
            "query": query,
            "status": status,
            "statuses": Status.choices,
        },
    )


def profile_for_slug(slug: str) -> Profile:
    """The shown profile a slug names (by its trailing user id), or 404."""
    user_id = id_from_person_slug(slug)
    if user_id is None:
        raise Http404
    profile = get_object_or_404(
        Profile.objects.select_related("user", "district", "status_organization"), user_id=user_id
    )
    if not profile_is_shown(profile):
        raise Http404
    return profile


def _canonical(profile: Profile, slug: str, name: str, *args):
    """A link made before the person renamed themselves leads to the current address."""
    current = person_slug(profile.display_name, profile.user_id)
    return None if slug == current else redirect(name, current, *args)


def _viewer(request, profile: Profile):
    """Who the page is rendered for. Owners may preview it as others see it."""
    preview = request.GET.get("preview", "")
    if request.user.is_authenticated and request.user.pk == profile.user_id:
        if preview == "public":
            return None, preview
        if preview == "members":
            return SignedInVisitor(), preview
    return request.user, ""


def person(request, slug):
    profile = profile_for_slug(slug)
    if moved := _canonical(profile, slug, "profiles:person"):
        return moved
    viewer, preview = _viewer(request, profile)
    return render(
        request,
        "profiles/person.html",
        {
            "person": visible_profile(profile, viewer=viewer),
            "preview": preview,
            "memberships": memberships_of(profile.user),
            "posts": posts_published(author=profile.user)[:5],
            "activity": activity_page(
                subject=profile.user, viewer=request.user, page=page_number(request)
            ),
        },
    )


def person_json(request, slug):
    profile = profile_for_slug(slug)
    data = visible_profile(profile, viewer=request.user).as_json()
    data["organizations"] = [
        {
            "name": membership.organization.name,
            "url": membership.organization.get_absolute_url(),
            "role": membership.role,
        }
        for membership in memberships_of(profile.user)
    ]
    data["posts"] = [
        {"title": post.title, "url": post.get_absolute_url(), "published_at": post.published_at}
        for post in posts_published(author=profile.user)[:20]
    ]
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    patch_vary_headers(response, ["Cookie"])
    return response


def person_photo(request, slug):
    """The photo, only if the viewer may see it. Photos have no public file address."""
    profile = profile_for_slug(slug)
    if not profile.photo or not visible_profile(profile, viewer=request.user).photo_url:
        raise Http404
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    if profile.photo_visibility == Visibility.PUBLIC:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, max_age=600)
        patch_vary_headers(response, ["Cookie"])
    return response


def person_blog(request, slug):
    profile = profile_for_slug(slug)
    if moved := _canonical(profile, slug, "profiles:person_blog"):
        return moved
    return render(
        request,
        "profiles/blog_list.html",
        {
            "owner": visible_profile(profile, viewer=request.user),
            "page": page_of(request, posts_published(author=profile.user), per_page=10),
        },
    )


def person_post(request, slug, pk):
    profile = profile_for_slug(slug)
    post = get_object_or_404(
        BlogPost.objects.select_related("author__profile"),
        pk=pk,
        author=profile.user,
        organization__isnull=True,
    )
    if not post_visible_to(post, request.user):
        raise Http404
    return post_page(request, post)
