from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from profiles.views.accounts import admin_login

# allauth answers its own rate limits (login, signup, password reset) with this page.
handler429 = "config.views.rate_limited"

# No Django admin: it would be a second login form, and a look at people's data in it would
# escape the log that Wagtail's views keep (profiles.PersonalDataAccess).
urlpatterns = [
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    # Open data in no language: the public logs' tree heads, proofs and entries.
    path("ledger/", include("ledger.urls")),
    # The ballot box (cookieless) and each poll's open data, one address in every language.
    path("poll-data/", include("polls.urls_data")),
    # Open311 GeoReport v2: a machine interface, in no language (`?locale=` picks the names).
    path("open311/v2/", include("reports.open311.urls")),
]

# Prefixed apps first: a path is tried against every pattern before the one that serves it, and
# the ones with an empty prefix (profiles, the page tree) try all of theirs.
urlpatterns += i18n_patterns(
    path("petitions/", include("petitions.urls")),
    path("polls/", include("polls.urls")),
    path("meetings/", include("meetings.urls")),
    path("ideas/", include("ideas.urls")),
    path("reports/", include("reports.urls")),
    path("search/", include("search.urls")),
    path("library/", include("library.urls")),
    path("experts/", include("experts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organizations/<str:slug>/polls/", include("polls.board_urls")),
    path("organizations/<str:slug>/meetings/", include("meetings.board_urls")),
    path("", include("residents.urls")),
    path("", include("profiles.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
