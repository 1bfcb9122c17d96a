from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter


def in_current_language(url: str) -> str:
    """`/` → `/en/` for an English reader. Settings name URLs in the default language, which
    is unprefixed, so they are resolved in it and reversed in the reader's."""
    language = translation.get_language()
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


class AccountAdapter(DefaultAccountAdapter):
    """Keeps a person in the language they chose when sign-in or sign-out sends them home."""

    def get_login_redirect_url(self, request):
        return in_current_language(super().get_login_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return in_current_language(super().get_signup_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return in_current_language(settings.LOGOUT_REDIRECT_URL)
