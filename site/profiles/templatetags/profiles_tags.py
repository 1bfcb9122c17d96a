"""Template tags for showing people anywhere on the site.

{% load profiles_tags %}
{% person user %}            name linked to the person's page, with their status badge
{% person user link=False %} the same without the link (e.g. inside another link)
{% status_badge profile %}   only the badge, for a verified status
"""

from django import template
from django.urls import reverse

from profiles.models import Status
from profiles.text import person_slug

register = template.Library()


@register.inclusion_tag("profiles/includes/person_link.html")
def person(user, link=True):
    """A person as others see them: display name (or "Former participant") and badge. The
    page link is left out for accounts that have no page (erased, deactivated)."""
    if user is None:
        return {"name": "", "url": "", "profile": None}
    profile = getattr(user, "profile", None)
    shown = user.is_active and user.erased_at is None and profile is not None
    url = ""
    if link and shown:
        url = reverse("profiles:person", args=[person_slug(profile.display_name, user.pk)])
    return {"name": user.display_name, "url": url, "profile": profile if shown else None}


@register.inclusion_tag("profiles/includes/badge.html")
def status_badge(profile):
    return {"profile": profile if profile and profile.status != Status.CITIZEN else None}


@register.filter
def visibility_label(level: str) -> str:
    from profiles.models import Visibility

    try:
        return Visibility(level).label
    except ValueError:
        return ""
