from django import template

from config.layout import language_link

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """The address of this page (or view) in another language (`config.layout.language_link`)."""
    return language_link(context["request"], context.get("page"), language_code)
