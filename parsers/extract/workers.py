"""The sandbox's long-lived worker processes: started, reused, killed and replaced here.

``run_in_worker`` takes an idle worker of this process whose ``RLIMIT_AS`` is the job's memory
cap (or starts one), sends it ``(func, body, limits)`` over a pipe and waits at most
``limits.timeout_s`` for the outcome. A worker past the deadline is SIGKILLed with its process
group (LibreOffice's ``soffice.bin`` included, ``libreoffice.py``); one that died, crashed, ran
out of memory or reached ``limits.worker_documents`` is replaced by the next call. Each thread
takes its own worker, so concurrent callers never share one.

Lifetime: a worker never outlives the process that uses it. It watches that process (a pidfd,
``_die_with``) and exits when it goes, killing its process group; it also gets SIGKILL when its
forkserver exits (Linux's parent-death signal), which covers a worker stuck in C code. Each
worker leads its own process group, so Ctrl-C and a service manager's stop, sent to the
caller's group, never reach it: the caller decides what stops (its own handler, then this
module's ``atexit`` cleanup or multiprocessing's SIGTERM to daemonic children).

Logging: records a worker's extractors log during a job travel back with its outcome and are
handled by the caller's loggers (``LogCollector``), so they go where the caller's logging goes (a
crawl's log file, ``-v``), never straight to the terminal through logging's last resort.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from parsers.errors import ParseError
from parsers.extract.orphans import arm_parent_death_signal, wait_for_exit

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from parsers.extract.limits import ExtractionLimits

#: Seconds granted to a killed worker to be reaped.
REAP_S: Final = 5.0
#: Log records one job may send back (a runaway extractor must not flood the pipe).
MAX_RECORDS: Final = 50
_CONTEXT: Final = multiprocessing.get_context("forkserver")

#: An outcome as the worker sends it: ("ok", Document) or ("error" | "memory" | "crash", …).
Outcome = tuple[str, Any]


@dataclass(frozen=True, slots=True)
class Overran:
    """The worker did not answer within the deadline and was killed."""


@dataclass(frozen=True, slots=True)
class Died:
    """The worker ended without an answer; ``exitcode`` as multiprocessing reports it."""

    exitcode: int | None


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    memory_bytes: int
    served: int = 0
    retired: bool = field(default=False)


class _Pool:
    """This process's idle workers (one list per process: a forked child starts empty)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.idle: list[_Worker] = []
        self.lock = threading.Lock()


_POOL = _Pool()


def set_preload(names: list[str]) -> None:
    """Modules the forkserver imports before forking workers (see ``sandbox.preload_modules``)."""
    _CONTEXT.set_forkserver_preload(names)


def run_in_worker(
    func: Callable[..., Any], body: bytes, *, limits: ExtractionLimits
) -> Outcome | Overran | Died:
    """``func(body, limits=limits)`` in a worker: its outcome, or how the worker failed."""
    worker = _take(limits.memory_bytes)
    try:
        worker.conn.send((func, body, limits))
    except (OSError, EOFError):
        return _bury(worker)
    if not worker.conn.poll(limits.timeout_s):
        _kill(worker)
        return Overran()
    try:
        outcome, records = worker.conn.recv()
    except (OSError, EOFError):
        return _bury(worker)
    relay(records)
    worker.served += 1
    # a clean outcome (a Document or a ParseError the extractor raised) keeps the worker
    if outcome[0] in {"ok", "error"} and worker.served < limits.worker_documents:
        _give_back(worker)
    else:
        _retire(worker)
    result: Outcome = outcome
    return result


def relay(records: list[logging.LogRecord]) -> None:
    """Hand records a worker kept (``LogCollector``) to this process's loggers of their name."""
    for record in records:
        named = logging.getLogger(record.name)
        if named.isEnabledFor(record.levelno):
            named.handle(record)


def shutdown() -> None:
    """Stop this process's idle workers (at exit; tests)."""
    with _POOL.lock:
        idle, _POOL.idle = _POOL.idle, []
    for worker in idle:
        _retire(worker)


def _take(memory_bytes: int) -> _Worker:
    global _POOL  # noqa: PLW0603 - one pool per process
    if _POOL.pid != os.getpid():  # a forked copy of a process that had workers
        _POOL = _Pool()
    with _POOL.lock:
        for index, worker in enumerate(_POOL.idle):
            if worker.memory_bytes == memory_bytes and worker.process.is_alive():
                return _POOL.idle.pop(index)
    return _start(memory_bytes)


def _give_back(worker: _Worker) -> None:
    with _POOL.lock:
        _POOL.idle.append(worker)
        # callers that stopped (a pool of threads shrinking) leave no idle workers behind
        surplus = _POOL.idle[: max(0, len(_POOL.idle) - (os.cpu_count() or 1) * 2)]
        del _POOL.idle[: len(surplus)]
    for old in surplus:
        _retire(old)


def _start(memory_bytes: int) -> _Worker:
    parent_end, child_end = _CONTEXT.Pipe(duplex=True)
    process = _CONTEXT.Process(
        target=_serve,
        args=(child_end, memory_bytes, os.getpid()),
        daemon=True,
        name="nianbao-sandbox",
    )
    process.start()
    child_end.close()
    return _Worker(process, parent_end, memory_bytes)


def _retire(worker: _Worker) -> None:
    """Close the pipe (the worker exits on EOF) and reap it; kill it if it lingers."""
    worker.conn.close()
    worker.process.join(REAP_S)
    if worker.process.is_alive():
        _kill(worker)


def _kill(worker: _Worker) -> None:
    """SIGKILL the worker and its process group (tools it started), then reap it."""
    pid = worker.process.pid
    if pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    worker.process.kill()
    worker.process.join(REAP_S)
    worker.conn.close()


def _bury(worker: _Worker) -> Died:
    worker.process.join(REAP_S)
    if worker.process.is_alive():
        _kill(worker)
    else:
        worker.conn.close()
    return Died(worker.process.exitcode)


atexit.register(shutdown)


# --- the worker side ---------------------------------------------------------------------


def _serve(conn: Connection, memory_bytes: int, owner: int) -> None:
    """Worker main: cap memory, then answer jobs until the pipe closes or the owner goes."""
    # Its own process group: a deadline kill takes the tools it started with it, and Ctrl-C
    # or a service manager's stop, sent to the caller's group, never reaches it (the caller
    # decides; multiprocessing's exit handler SIGTERMs it when the caller ends).
    os.setpgid(0, 0)
    arm_parent_death_signal()  # SIGKILL when its parent, the forkserver, exits
    threading.Thread(
        target=_die_with, args=(owner,), name="die-with-owner", daemon=True
    ).start()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    forward = LogCollector()
    root = logging.getLogger()
    root.handlers = [forward]
    root.setLevel(logging.INFO)
    while True:
        try:
            func, body, limits = conn.recv()
        except (EOFError, OSError):
            return
        forward.records = []
        outcome = _outcome(func, body, limits)
        del body
        try:
            conn.send((outcome, forward.records))
        except (pickle.PicklingError, MemoryError, TypeError, AttributeError) as exc:
            conn.send((("crash", f"result could not be sent back: {exc!r}"), []))


def _outcome(
    func: Callable[..., Any], body: bytes, limits: ExtractionLimits
) -> Outcome:
    """Run one job; never let an exception escape (Guards 5)."""
    try:
        return ("ok", func(body, limits=limits))
    except MemoryError as exc:
        return ("memory", f"{type(exc).__name__}: {exc}")
    except ParseError as exc:
        return ("error", exc)
    except BaseException as exc:  # noqa: BLE001 - the worker reports every failure (Guards 5)
        return ("crash", f"{type(exc).__name__}: {exc}")


class LogCollector(logging.Handler):
    """Keeps a job's log records, made picklable, to send back with its outcome.

    Installed as the root handler of a worker process (here, and in ``archive``'s parse pool);
    the process that receives the records hands each to its logger of the same name.
    """

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= MAX_RECORDS:
            return
        record.msg = record.getMessage()
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        self.records.append(record)


def _die_with(owner: int) -> None:
    """Wait for ``owner`` to exit, then end this worker and its process group."""
    wait_for_exit(owner)
    with contextlib.suppress(OSError):
        os.killpg(0, signal.SIGKILL)
    os._exit(1)
