"""Processes that end with the process they serve: a parent-death signal and an exit watch.

Shared by the extraction sandbox's workers, LibreOffice's guard and ``archive.lifetime``'s pool
workers and forkservers, so that each says only *what* it does when its owner goes (kill its
process group, kill its children, exit), never again *how* it notices.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import time
from typing import Final

#: ``prctl`` option: the signal the kernel sends this process when its parent thread exits.
PR_SET_PDEATHSIG: Final = 1
#: Seconds between liveness checks where pidfds are unavailable (Linux < 5.3).
POLL_S: Final = 0.5


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
