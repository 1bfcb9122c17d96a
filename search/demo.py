"""The demo city's search index: everything the other steps created, indexed at once.

`seed_demo` runs every step inside `search.signals.indexing_deferred()`, so the thousands of
saves before this step schedule no refreshes; this last step rebuilds the index once, with a
progress bar per source. Unchanged documents are not rewritten, so a second run changes
nothing.
"""

from config.demo import Progress
from search.services import index_rebuild


def seed(*, progress: Progress) -> None:
    index_rebuild(progress=progress)
