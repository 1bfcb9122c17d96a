"""Views of residents' meetings: `public` (the list and each meeting's page, which a co-owner
of the building sees with more on it), `coowner` (the vote, the discussion, the named ledger,
the check of one's own votes and the named minutes, for the building's co-owners only), and the
association board's pages (`board`, `board_voting`, `initiative`), with `common` shared."""
