"""The base layout's work, done once per generation instead of on every request.

Every page, for every signed-in person too (the shared page cache, `config.sharedpages`, serves
only anonymous visitors), draws the same header and footer: the menu (`config.navigation`), the
links to the page in the other language, the city's settings, and Wagtail's userbar. Rendering
them cost about ten queries per request (`bench/pages_stack/profile.py`), none of which
depends on who is reading, except whether the userbar shows. So:

- language links are kept per page, language and host under the published-pages generation
  (`navigation.generation`), which moves whenever a page's address or live state may change;
- the city's settings are kept per site under the content generation (`config.freshness`),
  which moves on every save of them;
- whether a person may use the admin (and so sees the userbar) is kept per person under the
  content generation, which moves when their account (and its groups, edited through it) is
  saved; `TIMEOUT` bounds how long a change to a group's own permissions goes unseen. The admin
  checks permissions itself: this only decides whether the bar is drawn;
- the userbar itself (about ten milliseconds of rendering and four queries for an editor) is
  kept per person, page, language and host under the content generation, for
  `USERBAR_TIMEOUT` seconds, which bounds how long a change of their admin language or of a
  group's permissions goes unseen in it. A preview always draws it afresh.
"""

from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.admin.userbar import Userbar
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from config.freshness import content_generation
from config.navigation import generation
from config.nearcache import near_get, near_set

TIMEOUT = 300
USERBAR_TIMEOUT = 30


def language_link(request, page: Page | None, language_code: str) -> str:
    """Where the language switcher leads: this page's translation when it has a live one,
    otherwise the home page in that language (never a 404). Views that are not pages keep
    their path under the other language's prefix (no query)."""
    if not isinstance(page, Page):
        return translate_url(request.get_full_path(), language_code)
    key = f"config:layout:language:{generation()}:{request.get_host()}:{page.pk}:{language_code}"
    url = near_get(key)
    if url is None:
        url = _translated_url(request, page, language_code)
        near_set(key, url, TIMEOUT)
    return url


def _translated_url(request, page: Page, language_code: str) -> str:
    locale = Locale.objects.filter(language_code=language_code).first()
    site = page.get_site()
    for candidate in (page, site.root_page if site else None):
        translation = candidate and locale and candidate.get_translation_or_none(locale)
        if translation and translation.live:
            return translation.get_url(request=request) or "/"
    return translate_url("/", language_code)


def active_locale_id() -> int | None:
    """The id of the reader's locale (Wagtail's `Locale.get_active()` without its query); the
    locales are kept under the published-pages generation, which any locale's save moves."""
    key = f"config:layout:locales:{generation()}"
    locales = near_get(key)
    if locales is None:
        locales = dict(Locale.objects.values_list("language_code", "pk"))
        near_set(key, locales, TIMEOUT)
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    return locales.get(language)


def localized(page: Page) -> Page:
    """`page.localized` that asks nothing of the database when the page already is in the
    reader's language (a list of projects asked once per project)."""
    if page.locale_id == active_locale_id():
        return page
    return page.localized


def city_settings(request) -> dict:
    """The `CitySettings` the footer shows, of the request's site (found only when they are
    not kept: finding it is a query outside Wagtail's own pages)."""
    from config.models import CitySettings

    key = f"config:layout:city:{content_generation()}:{request.get_host()}"
    city = near_get(key)
    if city is None:
        site = Site.find_for_request(request)
        settings = CitySettings.for_site(site) if site else CitySettings()
        city = {"city_name": settings.city_name, "contact_email": settings.contact_email}
        near_set(key, city, TIMEOUT)
    return city


def may_use_admin(user) -> bool:
    """`user` is None on a request that never passed the authentication middleware."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    key = f"config:layout:admin:{content_generation()}:{user.pk}"
    allowed = near_get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        near_set(key, allowed, TIMEOUT)
    return allowed


def userbar(context, position: str) -> SafeString | str:
    """Wagtail's userbar (`{% wagtailuserbar %}`) for the person reading, if they may use the
    admin, kept per person and page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not may_use_admin(user):
        return ""
    page = get_page_instance(context)
    if getattr(request, "is_preview", False) or getattr(request, "revision_id", None):
        return Userbar(object=page, position=position).render_html(context)
    where = page.pk if page is not None else "-"
    language = translation.get_language()
    key = (
        f"config:layout:userbar:{content_generation()}:{user.pk}:{request.get_host()}:{where}:"
        f"{language}:{position}"
    )
    html = near_get(key)
    if html is None:
        html = Userbar(object=page, position=position).render_html(context)
        near_set(key, str(html), USERBAR_TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered (and escaped) by Wagtail's template
