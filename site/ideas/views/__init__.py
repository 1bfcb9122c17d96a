"""Views of ideas: `public` (the list, the map, an idea's page, open data), `proposal` (the
form, attachments, publication, "My ideas"), `support`, `authority` (answer, start, finish,
merge, hide) and `discussion` (comments, reports, their moderation), with `common` shared."""
