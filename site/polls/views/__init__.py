"""Views of polls: `pages` (the pages in every language) and `data` (the cookieless ballot box
and the open data, in no language)."""
