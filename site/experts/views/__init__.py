"""Thin views: parse a form, call one service, redirect. Most are routes of the experts'
Wagtail pages (`ExpertDirectoryPage`, `ProjectPage`), so they take the page they belong to."""
