"""Template context every page needs: the main menu of the current language, the city's
settings and whether the userbar is drawn, each kept per generation (`config.layout`) and
computed only when a template reads it."""

from django.utils.functional import SimpleLazyObject

from config import layout
from config.navigation import main_menu


def navigation(request):
    # Lazy: a header kept as a fragment (`config.fragments`) asks for no menu.
    return {"main_menu": SimpleLazyObject(lambda: main_menu(request))}


def city(request):
    return {
        "city": SimpleLazyObject(lambda: layout.city_settings(request)),
        "show_userbar": SimpleLazyObject(
            lambda: layout.may_use_admin(getattr(request, "user", None))
        ),
    }
