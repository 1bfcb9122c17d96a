from django import template
from django.urls import translate_url

from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """Where the language switcher leads: this page's translation when it has a live one,
    otherwise the home page in that language (never a 404). Views that are not pages keep
    their path under the other language's prefix."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return translate_url(request.get_full_path(), language_code)
    locale = Locale.objects.filter(language_code=language_code).first()
    site = page.get_site()
    for candidate in (page, site.root_page if site else None):
        translation = candidate and locale and candidate.get_translation_or_none(locale)
        if translation and translation.live:
            return translation.get_url(request=request) or "/"
    return translate_url("/", language_code)
