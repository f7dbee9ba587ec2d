"""Processes that end with the process they serve: a parent-death signal and an exit watch.

Shared by the extraction sandbox's workers, LibreOffice's guard and ``archive.lifetime``'s pool
workers, so that each says only *what* it does when its owner goes (kill its process group,
kill its children, exit), never again *how* it notices. Every forkserver is guarded from here
too (``guard_forkserver``, run by importing ``forkserver_guard``): a forkserver of the crawl
or of a parse worker exits with its starter, and its children with it.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from typing import Final

#: ``prctl`` option: the signal the kernel sends this process when its parent thread exits.
PR_SET_PDEATHSIG: Final = 1
#: Seconds between liveness checks where pidfds are unavailable (Linux < 5.3).
POLL_S: Final = 0.5
#: The module a forkserver imports to be guarded (``guard_forkserver``): light, so that a
#: forkserver preloading it imports no more than the extractors it serves.
GUARD_MODULE: Final = "parsers.extract.forkserver_guard"


def arm_parent_death_signal(sig: signal.Signals = signal.SIGKILL) -> bool:
    """Have the kernel send ``sig`` to this process when its parent exits (Linux only).

    Returns whether the signal is armed; elsewhere (or without libc's ``prctl``) it is not.
    """
    if sys.platform != "linux":
        return False
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig)
    except (OSError, AttributeError):
        return False
    return True


def wait_for_exit(pid: int) -> None:
    """Block until process ``pid`` has exited (a pidfd where available, else polling)."""
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        while is_alive(pid):
            time.sleep(POLL_S)
    else:
        select.select([pidfd], [], [])  # readable once the process has exited


def is_alive(pid: int) -> bool:
    """Whether ``pid`` names a running process (one owned by another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with(parent_pid: int) -> None:
    """Block until ``parent_pid`` exits, then kill this process's children and exit."""
    wait_for_exit(parent_pid)
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            child.kill()
    os._exit(1)


def guard_forkserver() -> None:
    """In a forkserver: exit with the process that started it; its children die with it.

    A forkserver holds no pipe its starter's death would close for it while it waits for
    requests, and its children outlive it by default: a daemon thread waits for the starter to
    exit, and every child forked from here gets SIGKILL (the parent-death signal, armed right
    after the fork) when the forkserver goes.
    """
    parent = os.getppid()
    server = os.getpid()
    threading.Thread(
        target=die_with, args=(parent,), name="die-with-parent", daemon=True
    ).start()
    os.register_at_fork(after_in_child=lambda: _die_with_forkserver(server))


def _die_with_forkserver(server: int) -> None:
    """Right after a fork in the forkserver: SIGKILL this child when the forkserver exits."""
    if not arm_parent_death_signal():
        return
    if os.getppid() != server:  # the forkserver went before the signal was armed
        os._exit(1)
