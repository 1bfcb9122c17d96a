"""Writes of the meetings app: `meetings` (a meeting's life and the timed steps), `votes`
(rights, votes, paper ballots, proxies), `counting`, `minutes` and `discussion`."""
