"""The ``stream`` parse mode: new documents are parsed in worker processes while the crawl goes on.

``ArchivePipeline`` hands each new report or attachment document's sha256 to a ``ParseFeed``
once its capture is committed. The feed sends it to a process pool whose workers do the whole
parse of the document (``archive.parse_stored``: payload read back, ``archive.parse_compute.
compute``, rows written on the worker's own connection, one transaction), and counts each
outcome when it comes back, like the other modes (``crawler.parsepass.count_outcome``). The
crawl's process only queues sha256s and counts: downloads are not slowed, and the workers run at
a lower CPU priority (``NICENESS``) than the crawl. When the spider closes, ``drain`` returns a
Deferred that fires once everything queued is written, while the reactor keeps serving the
other crawls of the process.

All crawlers of one process share one pool (``_POOL``), started with the first document and
shut down when the last feed closes. A stop signal or a full disk stops the feed: what is still
queued or in a worker is left for the next crawl of the site
(``crawler.parsepass.recover_unparsed``), as a killed crawl's unparsed documents are. Settings
read: none (``ArchivePipeline`` passes ``ARCHIVE_PARSE_WORKERS``).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.util
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Final

from archive import parse_stored_many
from archive.lifetime import init_worker
from archive.parse_compute import collect_worker_logs, run_logged
from crawler.diskfull import is_disk_full
from crawler.parsepass import count_outcome
from crawler.shutdown import received
from parsers.extract.orphans import GUARD_MODULE
from parsers.extract.sandbox import preload_modules
from parsers.extract.workers import relay

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.statscollectors import StatsCollector
    from twisted.internet.defer import Deferred

    from archive import Archive, ParseOutcome
    from parsers import ExtractionOptions

logger = logging.getLogger(__name__)

#: Nice increment of the parse workers: the crawl (and a local portal) get the CPU first.
NICENESS: Final = 10
#: Pool tasks queued per worker: one being parsed and one waiting, so none idles.
TASKS_PER_WORKER: Final = 2
#: Most documents in one task. A task's documents are written in one transaction
#: (``archive.ParseWriter.parse_many``): while the workers keep up, each task is one document;
#: when documents arrive faster than they are parsed, the queue is shared out in larger tasks
#: and the writes cost less per document, which is what lets the workers catch up.
CHUNK_MAX: Final = 16
#: Times the process's pool is started afresh after a worker died, before the feeds stop
#: (what they still hold is parsed by the next crawl of each site).
MAX_POOL_RESTARTS: Final = 3
#: Seconds between checks for a stop signal while a closing spider waits for its parses.
POLL_S: Final = 0.2

Parsed = tuple["ParseOutcome", bool]
#: A pool task's result: its documents' parses, and what was logged while they ran
#: (``run_logged``).
Logged = tuple[list[Parsed], list[logging.LogRecord]]


def init_stream_worker(parent_pid: int, niceness: int) -> None:
    """Pool initializer: die with the crawl (``archive.lifetime``), then yield the CPU to it.

    A pool worker that ends (the pool shut down) first ends its own children (the
    extraction sandbox's workers): a multiprocessing child runs no ``atexit`` handlers and
    joins its children before it exits, so an idle child waiting for work would keep it,
    and the crawl waiting for it, alive for ever.
    """
    # The extractors' sandbox sets the forkserver preload list when it is first imported; if
    # that happened after init_worker (a preload the forkserver could not import), it would
    # drop the guard that makes this worker's own forkserver die with it. Import it first.
    importlib.import_module("parsers.extract")
    _forget_main_script()
    init_worker(parent_pid)
    guard_forkserver_first()  # this worker's own forkserver too
    os.nice(niceness)
    collect_worker_logs()  # what extraction logs reaches the crawl's log (run_logged)
    multiprocessing.util.Finalize(None, _end_children, exitpriority=10)


def _forget_main_script() -> None:
    """Start this worker's extraction sandbox children without the crawl's command script.

    A forkserver child re-runs its parent's ``__main__`` script unless that has no file. The
    crawl's own forkserver preloads what the script imports, but each worker's forkserver (its
    sandbox) preloads the extractors only, so every sandbox child re-ran ``nianbao``: Scrapy
    and the whole command line, ~0.35 CPU-s per child, for nothing. This worker's ``__main__``
    is that script re-run already (``__mp_main__``); its sandbox children's tasks are
    module-level functions of ``parsers``, so the script's path is dropped and their
    forkserver's preload list is the extractors'.
    """
    main = sys.modules.get("__main__")
    if main is not None and getattr(main, "__spec__", None) is None:
        main.__dict__.pop("__file__", None)
        preload_modules([])


def guard_forkserver_first() -> None:
    """Put the forkserver guard first in the preload list, before the heavy imports.

    A ``stream`` crawl starts the forkserver with its first parsed document, while it still
    fetches: a crawl killed while the forkserver imports its preloads (seconds on a loaded
    machine) left it running when the guard came last. Armed first, the guard's thread sees
    the crawl go while the rest is still importing.
    """
    names = list(
        getattr(multiprocessing.forkserver._forkserver, "_preload_modules", [])
    )
    rest = [name for name in names if name != GUARD_MODULE]
    multiprocessing.get_context("forkserver").set_forkserver_preload(
        [GUARD_MODULE, *rest]
    )


def start_pool_forkserver() -> None:
    """Start the forkserver the parse pool's workers come from, ahead of the first document.

    The forkserver first imports the crawler and the extractors (most of a CPU-second).
    Started by the first document's ``submit``, it held the reactor, and every download with
    it, until those imports were done (0.6 s of a size-500 sample-portal crawl); started when
    the spider opens, it imports on the other core while the spider fetches its first lists.
    A no-op once it runs (it serves every crawl of the process).
    """
    multiprocessing.forkserver.ensure_running()


def _end_children() -> None:
    for child in multiprocessing.active_children():
        child.kill()
        child.join(timeout=5)


@dataclass(slots=True)
class _Pool:
    executor: ProcessPoolExecutor
    users: int
    workers: int
    restarts: int = 0


_POOL: dict[str, _Pool] = {}


def _new_executor(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=init_stream_worker,
        initargs=(os.getpid(), NICENESS),
    )


def _acquire_pool(workers: int) -> ProcessPoolExecutor:
    shared = _POOL.get("pool")
    if shared is None:
        shared = _POOL["pool"] = _Pool(_new_executor(workers), 0, workers)
    shared.users += 1
    return shared.executor


def _replace_broken_pool(broken: ProcessPoolExecutor) -> ProcessPoolExecutor | None:
    """A new pool in place of ``broken``, or None once ``MAX_POOL_RESTARTS`` are used up.

    A worker that dies (killed by the kernel for memory, by a person, by a bug in a native
    library) breaks a ``ProcessPoolExecutor`` for good: every task in it fails and every
    later ``submit`` raises. Every crawl of the process shares the pool, so the first feed to
    see it broken replaces it and the others find the new one.
    """
    shared = _POOL.get("pool")
    if shared is None:
        return None
    if shared.executor is not broken:
        return shared.executor  # another feed replaced it already
    if shared.restarts >= MAX_POOL_RESTARTS:
        return None
    broken.shutdown(wait=False, cancel_futures=True)
    shared.restarts += 1
    shared.executor = _new_executor(shared.workers)
    logger.warning(
        "a parse worker died; parsing goes on in a new pool (%d of %d restarts)",
        shared.restarts,
        MAX_POOL_RESTARTS,
    )
    return shared.executor


def _release_pool() -> None:
    shared = _POOL.get("pool")
    if shared is None:
        return
    shared.users -= 1
    if shared.users <= 0:
        del _POOL["pool"]
        shared.executor.shutdown(wait=False, cancel_futures=True)


class ParseFeed:
    """One crawl's documents on their way through the shared pool."""

    def __init__(
        self,
        archive: Archive,
        stats: StatsCollector,
        *,
        options: ExtractionOptions,
        workers: int,
        on_disk_full: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``on_disk_full`` is told when a worker's write found the disk full (the crawl stops)."""
        self.archive = archive
        self.on_disk_full = on_disk_full
        self.stats = stats
        self.options = options
        self.workers = max(1, workers)
        # (sha256, page number): report pages are numbered in submission order
        self._queued: deque[tuple[str, int | None]] = deque()
        # attachments held until every page submitted before them is written: an attachment
        # takes what its file does not say from its linking page's report
        # (archive.pagecontext), which must exist by then
        self._held: deque[tuple[str, int]] = deque()
        self._open_pages: set[int] = set()
        self._next_page = 0
        self._in_flight = 0  # documents sent to the pool and not back
        self._tasks = 0  # pool tasks not back
        self._executor: ProcessPoolExecutor | None = None
        self._drained: Deferred[None] | None = None
        self._stopped = False
        self._closed = False
        #: a stop signal stopped the feed before everything was parsed
        self.interrupted = False

    def submit(self, sha256: str, *, attachment: bool = False) -> None:
        """Queue one stored document (its capture committed) for parsing.

        An attachment waits until the pages submitted before it (its linking page among
        them) are written, so that it is parsed with their context whatever the timing.
        """
        if self._stopped:
            return
        if attachment:
            self._held.append((sha256, self._next_page))
            self._release_held()
        else:
            self._queued.append((sha256, self._next_page))
            self._open_pages.add(self._next_page)
            self._next_page += 1
        self._fill()

    def _release_held(self) -> None:
        while self._held and (
            not self._open_pages or min(self._open_pages) >= self._held[0][1]
        ):
            self._queued.append((self._held.popleft()[0], None))

    def _fill(self) -> None:
        if self._executor is None:
            self._executor = _acquire_pool(self.workers)
        slots = self.workers * TASKS_PER_WORKER
        while self._queued and self._tasks < slots:
            # the queue shared out over the free slots: tasks grow only when it backs up
            size = min(CHUNK_MAX, -(-len(self._queued) // (slots - self._tasks)))
            chunk = [self._queued.popleft() for _ in range(size)]
            try:
                future = self._executor.submit(
                    run_logged,
                    parse_stored_many,
                    self.archive.directory,
                    [sha256 for sha256, _page in chunk],
                    self.options,
                )
            except BrokenProcessPool:
                self._queued.extendleft(reversed(chunk))
                if not self._new_pool():
                    return
                continue
            self._tasks += 1
            self._in_flight += len(chunk)
            pages = [page for _sha256, page in chunk if page is not None]
            future.add_done_callback(partial(self._from_pool, pages, len(chunk)))

    def _new_pool(self) -> bool:
        """Go on in a new pool after a worker died; False (the feed stopped) if none is left."""
        if self._executor is None:
            return False
        executor = _replace_broken_pool(self._executor)
        if executor is None:
            logger.error(
                "parse workers keep dying; the documents still queued are parsed by the"
                " next crawl of the site"
            )
            self.stats.inc_value("nianbao/parse/pass-failed")
            self.stop()
            return False
        self._executor = executor
        return True

    def _from_pool(self, pages: list[int], count: int, future: Future[Logged]) -> None:
        """In the pool's thread: hand the result to the reactor thread."""
        from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

        reactor.callFromThread(self._arrived, future, pages, count)

    def _arrived(
        self, future: Future[Logged], pages: list[int] | None = None, count: int = 1
    ) -> None:
        self._tasks -= 1
        self._in_flight -= count
        if pages:
            self._open_pages.difference_update(pages)
            self._release_held()
        if self._closed or future.cancelled():
            return
        exc = future.exception()
        if exc is not None and is_disk_full(exc) and self.on_disk_full is not None:
            # parsing writes to the archive's disk: full, the crawl stops as for any full
            # disk, and the next crawl parses what is left
            self.on_disk_full(exc)
        elif isinstance(exc, BrokenProcessPool):
            # a worker died: this task's documents wait for the next crawl (one of them may be
            # what killed it); the rest go on in a new pool (_fill)
            logger.error("parse worker died with %d documents: %s", count, exc)
            self.stats.inc_value("nianbao/parse/pass-failed")
        elif exc is not None:
            # a bug: the task's documents wait for the next crawl
            logger.error("parse worker failed: %r", exc)
            self.stats.inc_value("nianbao/parse/pass-failed")
        else:
            parsed, records = future.result()
            relay(records)  # into the crawl's log (its --log-file, or stderr with -v)
            for outcome, new_version in parsed:
                count_outcome(self.stats, outcome, new_version=new_version)
        if not self._stopped:
            self._fill()
        self._check_drained()

    def _check_drained(self) -> None:
        if self._drained is None:
            return
        if not self._stopped and (self._queued or self._held or self._in_flight):
            return
        # stopped: what is still in a worker is not waited for (the next crawl parses it)
        drained, self._drained = self._drained, None
        self._closed = True
        self._release()
        drained.callback(None)

    def drain(self) -> Deferred[None]:
        """A Deferred that fires once every queued document is parsed and written.

        A stop signal while waiting stops the feed: queued documents are dropped (the next
        crawl of the site parses them), in-flight ones are not waited for.
        """
        from twisted.internet import defer, task  # noqa: PLC0415 (reactor-bound)

        self._drained = defer.Deferred()
        drained = self._drained
        if self._queued or self._held or self._in_flight:
            logger.info(
                "waiting for %d documents still being parsed",
                len(self._queued) + len(self._held) + self._in_flight,
            )
        poll = task.LoopingCall(self._poll_signal)
        poll.start(POLL_S, now=False)

        def stop_polling(result: object) -> object:
            poll.stop()
            return result

        drained.addBoth(stop_polling)
        self._check_drained()
        return drained

    def _poll_signal(self) -> None:
        if received() is not None and not self._stopped:
            self.interrupted = True
            self.stop()

    def stop(self) -> bool:
        """Drop what is still queued (the next crawl parses it); True if anything was."""
        self._stopped = True
        dropped = bool(self._queued or self._held or self._in_flight)
        self._queued.clear()
        self._held.clear()
        self._check_drained()
        return dropped

    def _release(self) -> None:
        if self._executor is not None:
            self._executor = None
            _release_pool()

    def close(self) -> None:
        """Give the pool back without waiting (a crawl that stops at once)."""
        self._stopped = self._closed = True
        self._queued.clear()
        self._held.clear()
        self._release()
