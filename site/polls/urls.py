"""Included at `polls/` inside the language prefixes: the pages (`polls.views.pages`)."""

from polls.views import pages

app_name = "polls"

urlpatterns = pages.urlpatterns
