from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit

from config.privacy import client_ip
from config.text import validate_email_domain


def in_current_language(url: str) -> str:
    """`/` → `/en/` for an English reader. Settings name URLs in the default language, which
    is unprefixed, so they are resolved in it and reversed in the reader's."""
    language = translation.get_language()
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def per_address(rates: str) -> str:
    """The per-address parts of an allauth rate ("10/m/ip,5/5m/key" → "10/m/ip")."""
    return ",".join(part for part in rates.split(",") if part.strip().endswith("/ip"))


class AccountAdapter(DefaultAccountAdapter):
    """Keeps a person in the language they chose when sign-in or sign-out sends them home, and
    throttles logins per person behind our proxies."""

    def get_login_redirect_url(self, request):
        return in_current_language(super().get_login_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return in_current_language(super().get_signup_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return in_current_language(settings.LOGOUT_REDIRECT_URL)

    def clean_email(self, email: str) -> str:
        """Every address entered through allauth (signing up, adding an address, resetting a
        password) must be at a mail domain, never at an IP literal (`config.text`)."""
        validate_email_domain(email)
        return super().clean_email(email)

    def get_client_ip(self, request):
        """Login throttling counts per person, not per proxy: the same rule as every other
        limit (allauth's own reading refuses a header shorter than the proxy chain with a 500)."""
        return client_ip(request)

    def pre_authenticate(self, request, **credentials):
        """Too many wrong passwords from one address is a flood, not someone who forgot theirs:
        it is refused with the site's 429, like every other limit, before any password is
        checked. allauth would only put a message in the form; that message is kept for one
        account's own lock (ACCOUNT_RATE_LIMITS "login_failed" per key), which its owner meets."""
        rates = per_address(account_settings.RATE_LIMITS.get("login_failed") or "")
        if rates and not ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": rates},
            dry_run=True,
        ):
            raise ImmediateHttpResponse(ratelimit.respond_429(request))
        super().pre_authenticate(request, **credentials)
