"""Included at `ledger/`, outside the language prefixes: the logs' data is the same in every
language, and its addresses are stable for the people and programs that audit it."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from ledger import views

app_name = "ledger"

urlpatterns = [
    path("<id:log_id>/tree-head/", views.tree_head, name="tree_head"),
    path("<id:log_id>/tree-heads/", views.tree_heads, name="tree_heads"),
    path("<id:log_id>/consistency/", views.consistency, name="consistency"),
    path("<id:log_id>/inclusion/", views.inclusion, name="inclusion"),
    path("<id:log_id>/entries/", views.entries, name="entries"),
    path("<id:log_id>/public-key/", views.public_key, name="public_key"),
    path("<id:log_id>/export.jsonl", views.export, name="export"),
]
