"""The demo city's search index: everything the other steps created, indexed at once.

Content made with bulk writes sends no signals, so the last demo step indexes everything;
unchanged documents are not rewritten, so a second run changes nothing.
"""

from config.demo import Progress
from search.services import index_rebuild


def seed(*, progress: Progress) -> None:
    index_rebuild(progress=progress)
