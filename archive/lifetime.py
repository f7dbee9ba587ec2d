"""Parse workers and extraction children die with the process that started them.

The parse pool's workers (``archive.parse_compute``) are children of multiprocessing's
forkserver, not of the crawl, and each holds the forkserver's liveness pipe open: when the crawl
is SIGKILLed, the forkserver never sees it go, and the workers wait for jobs forever (4-8
processes outlived a killed crawl, holding its stderr pipe open). ``init_worker`` runs first in
each worker: a daemon thread waits on a pidfd of the starting process and, when it exits, kills
the worker's own sandbox children and ends the worker; the forkserver then exits too.

The workers log nothing to the terminal (what a document's extraction ran into is stored with
it). The extraction children (``parsers.extract.sandbox``) are forkserver children too, and a killed
crawl leaves them running to the end of their document (LibreOffice, a hostile PDF: up to
minutes), with their forkserver. ``orphans.guard_forkserver`` closes that gap: imported into a
forkserver (the preload module ``parsers.extract.forkserver_guard``), it makes the forkserver exit when
the process that started it exits, and every child it forks get SIGKILL when the forkserver
goes (Linux's parent-death signal, set right after the fork). A worker's own forkserver gets the
same guard, so the chain holds at every level.

SIGINT and SIGTERM are ignored in the workers: Ctrl-C in a terminal and systemd's stop reach the
whole process group, and the crawl, which handles them (``crawler.shutdown``), shuts the pool
down itself; a worker killed by the same signal would make the pass fail instead of stop.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import signal
import threading

from parsers.extract.orphans import GUARD_MODULE, die_with


def init_worker(parent_pid: int) -> None:
    """``ProcessPoolExecutor`` initializer: ignore stop signals, die with ``parent_pid``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # the forkserver this worker starts for its extraction children is guarded too
    forkserver = multiprocessing.get_context("forkserver")
    preload = getattr(multiprocessing.forkserver, "_forkserver", None)
    names = list(getattr(preload, "_preload_modules", []) or [])
    forkserver.set_forkserver_preload([*names, GUARD_MODULE])
    # A document's extraction warnings are its texts.error and problems in the index; printed
    # by logging's last-resort handler they would interleave with the crawl's progress lines.
    if not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())
    threading.Thread(
        target=die_with, args=(parent_pid,), name="die-with-parent", daemon=True
    ).start()
