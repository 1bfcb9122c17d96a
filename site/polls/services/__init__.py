"""Writes of the polls app: `polls` (a poll's life and the timed steps), `keys` (the key
holders' results keys) and `ballots` (credentials, secret ballots, batches, named votes and the
count)."""
