"""Included at `polls/` inside the language prefixes: the pages (`polls.views.pages`) and the
key holder's page (`polls.views.keys`)."""

from polls.views import keys, pages

app_name = "polls"

urlpatterns = pages.urlpatterns + keys.urlpatterns
