"""Template context every page needs: the main menu of the current language."""

from config.navigation import main_menu


def navigation(request):
    return {"main_menu": main_menu(request)}
