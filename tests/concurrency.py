"""Running jobs at the same moment on real threads and connections (PostgreSQL), for the tests
that prove counts and states exact under concurrency."""

import queue
import threading

from django.db import connection


def race(jobs, *, threads: int) -> list:
    """Run every job on a pool of `threads` threads released at once; returns each job's
    outcome (a value, or the exception raised), in the jobs' order. Each thread closes its
    own database connection when it runs out of jobs."""
    pending: queue.Queue = queue.Queue()
    for index, job in enumerate(jobs):
        pending.put((index, job))
    outcomes: list = [None] * len(jobs)
    barrier = threading.Barrier(threads)

    def run():
        try:
            barrier.wait(timeout=60)
            while True:
                try:
                    index, job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcomes[index] = job()
                except Exception as error:  # noqa: BLE001 - each outcome is asserted by the test
                    outcomes[index] = error
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    return outcomes
