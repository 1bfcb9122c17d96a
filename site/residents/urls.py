"""URLs of the residents app, included once at the root of `i18n_patterns`: the public pages of
buildings (`/buildings/`), what a person does to be verified (`/account/residence/`) and what an
association does with its register (`/organizations/<slug>/register/`)."""

from django.urls import include, path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from residents.views import cabinet, public, register

app_name = "residents"

urlpatterns = [
    path("buildings/", include(public.urlpatterns)),
    path("account/residence/", include(cabinet.urlpatterns)),
    path("organizations/<str:slug>/register/", include(register.urlpatterns)),
]
