"""Views of reports: `public` (the list and its map, a report's page, the book of complaints),
`reporting` (a new report, an update, "me too") and `confirm` (the emailed links), with
`common` shared; the body's side (`body`, `cabinet`, `data`) beside them."""
