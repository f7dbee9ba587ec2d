"""Pool workers die with the process that started them, and leave stop signals to it.

The parse pool's workers (``archive.parse_compute``) are children of multiprocessing's
forkserver, not of the crawl, and each holds the forkserver's liveness pipe open: when the crawl
is SIGKILLed, the forkserver never sees it go, and the workers wait for jobs forever (4-8
processes outlived a killed crawl, holding its stderr pipe open). ``init_worker`` runs first in
each worker: a daemon thread waits on a pidfd of the starting process and, when it exits, kills
the worker's own sandbox children and ends the worker; the forkserver then exits too.

The workers log nothing to the terminal (what a document's extraction ran into is stored with
it). SIGINT and SIGTERM are ignored in the workers: Ctrl-C in a terminal and systemd's stop reach the
whole process group, and the crawl, which handles them (``crawler.shutdown``), shuts the pool
down itself; a worker killed by the same signal would make the pass fail instead of stop.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import select
import signal
import threading
import time

#: Seconds between liveness checks where pidfds are unavailable (Linux < 5.3, other systems).
POLL_S = 0.5


def init_worker(parent_pid: int) -> None:
    """``ProcessPoolExecutor`` initializer: ignore stop signals, die with ``parent_pid``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # A document's extraction warnings are its texts.error and problems in the index; printed
    # by logging's last-resort handler they would interleave with the crawl's progress lines.
    if not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())
    threading.Thread(
        target=_die_with, args=(parent_pid,), name="die-with-parent", daemon=True
    ).start()


def _die_with(parent_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(parent_pid)
    except (AttributeError, OSError):
        while _is_alive(parent_pid):
            time.sleep(POLL_S)
    else:
        select.select([pidfd], [], [])  # readable once the process has exited
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            child.kill()
    os._exit(1)


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
