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
minutes), with their forkserver. ``guard_forkserver`` closes that gap: imported into a
forkserver (the preload module ``archive.forkserver_guard``), it makes the forkserver exit when
the process that started it exits, and every child it forks get SIGKILL when the forkserver
goes (Linux's parent-death signal, set right after the fork). A worker's own forkserver gets the
same guard, so the chain holds at every level.

SIGINT and SIGTERM are ignored in the workers: Ctrl-C in a terminal and systemd's stop reach the
whole process group, and the crawl, which handles them (``crawler.shutdown``), shuts the pool
down itself; a worker killed by the same signal would make the pass fail instead of stop.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading

from parsers.extract.orphans import arm_parent_death_signal, wait_for_exit

#: The module a forkserver imports to be guarded (``guard_forkserver``).
GUARD_MODULE = "archive.forkserver_guard"


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
        target=_die_with, args=(parent_pid,), name="die-with-parent", daemon=True
    ).start()


def _die_with(parent_pid: int) -> None:
    wait_for_exit(parent_pid)
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            child.kill()
    os._exit(1)


def guard_forkserver() -> None:
    """In a forkserver: exit with the process that started it; its children die with it."""
    parent = os.getppid()
    server = os.getpid()
    threading.Thread(
        target=_die_with, args=(parent,), name="die-with-parent", daemon=True
    ).start()
    os.register_at_fork(after_in_child=lambda: _die_with_forkserver(server))


def _die_with_forkserver(server: int) -> None:
    """Right after a fork in the forkserver: SIGKILL this child when the forkserver exits."""
    if not arm_parent_death_signal():
        return
    if os.getppid() != server:  # the forkserver went before the signal was armed
        os._exit(1)
