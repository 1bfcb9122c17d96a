"""Template context every page needs: the main menu of the current language."""

from wagtail.models import Locale, Page, Site


def navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": []}
    root = site.root_page.localized
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = root.locale
    children = Page.objects.child_of(site.root_page).live().public().in_menu().specific(defer=True)
    path = request.path
    menu = []
    for child in children:
        page = child.get_translation_or_none(locale) or child
        url = page.get_url(request=request)
        if url:
            menu.append({"title": page.title, "url": url, "active": path.startswith(url)})
    return {"main_menu": menu}
