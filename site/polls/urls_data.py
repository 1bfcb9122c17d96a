"""Included at `poll-data/`, outside the language prefixes: the ballot box and the open data
have one address in every language (`polls.views.data`). The gunicorn access log leaves out
`/poll-data/<id>/ballots/` (`gunicorn.conf.py`)."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from polls.views import data

app_name = "polls_data"

urlpatterns = [
    path("<id:poll_id>/ballots/", data.ballots, name="ballots"),
    path("<id:poll_id>/bundle.json", data.bundle, name="bundle"),
    path("<id:poll_id>/results.csv", data.results_csv, name="results_csv"),
]
