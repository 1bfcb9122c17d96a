"""Writes of the polls app: `polls` (a poll's life and the timed steps) and `ballots`
(credentials, secret ballots, batches, named votes and the count)."""
