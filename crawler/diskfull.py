"""A full disk stops the crawl within seconds, with the job state left readable.

Scrapy keeps going when the disk fills: its SQLite disk queue raises ``database or disk is
full`` on every scheduling attempt, every capture is dropped with an error, and the process
never ends; on close it then writes its job files (``requests.queue/active.json``,
``spider.state``) as 0-byte files that break every later run. Here:

* ``stop_for_disk_full`` closes the spider with reason ``disk-full`` (once; stat
  ``nianbao/disk-full`` holds the cause). ``DiskFullGuard`` calls it when a dropped item or
  a pipeline error was caused by a full disk, and when the free space of ``ARCHIVE_DIR``
  (checked on open and every ``ARCHIVE_FREE_CHECK_INTERVAL`` seconds) falls under
  ``ARCHIVE_MIN_FREE_MB``: stopping before the disk is full leaves room to close cleanly.
* ``JobScheduler`` (the scheduler of ``--job`` crawls) calls it instead of raising when its
  disk queue cannot be written, writes ``active.json`` atomically, and reads a broken one as
  an empty queue: a job resumes from the archive anyway (``crawler.resume``).

The command line turns the ``disk-full`` close reason into ``DiskFullError``: one ``Error:``
line, exit 1. The job's state is kept, so the same command resumes once space is freed.

Settings read: ``ARCHIVE_DIR``, ``ARCHIVE_MIN_FREE_MB``, ``ARCHIVE_FREE_CHECK_INTERVAL``.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.errors import DISK_FULL

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

DISK_FULL_STAT = "nianbao/disk-full"
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` or an exception it was raised from says the disk (or quota) is full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if isinstance(exc, sqlite3.Error) and "disk is full" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def stop_for_disk_full(crawler: Crawler, cause: object) -> None:
    """Close the crawl with reason ``disk-full``, once; later calls do nothing."""
    stats = crawler.stats
    if stats is None or stats.get_value(DISK_FULL_STAT) is not None:
        return
    stats.set_value(DISK_FULL_STAT, str(cause))
    logger.error(
        "disk full (%s): stopping the crawl; the captures so far are kept", cause
    )
    try:
        engine = crawler.engine
    except RuntimeError:  # not crawling yet: nothing to close
        return
    if engine is None:
        return
    from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

    def close() -> None:
        if engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=DISK_FULL))

    task.deferLater(reactor, 0, close)


class DiskFullGuard:
    """Stop the crawl when the archive's disk is (nearly) full; see the module docstring."""

    def __init__(
        self, crawler: Crawler, directory: Path, min_free: int, interval: float
    ):
        self.crawler = crawler
        self.directory = directory
        self.min_free = min_free
        self.interval = interval
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DiskFullGuard:
        directory = crawler.settings.get("ARCHIVE_DIR")
        if not directory:
            msg = "no ARCHIVE_DIR: nothing to guard"
            raise NotConfigured(msg)
        guard = cls(
            crawler,
            Path(directory),
            crawler.settings.getint("ARCHIVE_MIN_FREE_MB", 50) * 1024 * 1024,
            crawler.settings.getfloat("ARCHIVE_FREE_CHECK_INTERVAL", 5.0),
        )
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(guard.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(guard.item_error, signal=signals.item_error)
        return guard

    def spider_opened(self, spider: Spider) -> None:
        self.check_free_space()
        if self.interval > 0 and self.min_free > 0:
            self._loop = task.LoopingCall(self.check_free_space)
            self._loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    def check_free_space(self) -> None:
        if self.min_free <= 0:
            return
        path = self.directory
        try:  # the pipeline creates the archive on open; if it could not, it says why
            free = shutil.disk_usage(path).free
        except OSError:
            return
        if free < self.min_free:
            stop_for_disk_full(
                self.crawler,
                f"{free // 1024 // 1024} MB free under {path}, "
                f"less than ARCHIVE_MIN_FREE_MB={self.min_free // 1024 // 1024}",
            )

    def item_dropped(self, item: Any, response: Any, exception: BaseException) -> None:
        if is_disk_full(exception):
            stop_for_disk_full(self.crawler, exception)

    def item_error(self, item: Any, response: Any, failure: Failure) -> None:
        if is_disk_full(failure.value):
            stop_for_disk_full(self.crawler, failure.value)


class JobScheduler(Scheduler):
    """Scrapy's scheduler, for a full disk: stop instead of raising, keep ``active.json`` whole."""

    def _disk_full(self, exc: BaseException) -> None:
        if self.crawler is not None:
            stop_for_disk_full(self.crawler, exc)

    def enqueue_request(self, request: Request) -> bool:
        try:
            return bool(super().enqueue_request(request))
        except (OSError, sqlite3.Error) as exc:
            if not is_disk_full(exc):
                raise
            self._disk_full(exc)
            return False

    def next_request(self) -> Request | None:
        try:
            request: Request | None = super().next_request()
        except (OSError, sqlite3.Error) as exc:
            if not is_disk_full(exc):
                raise
            self._disk_full(exc)
            return None
        return request

    def close(self, reason: str) -> Any:
        try:
            return super().close(reason)
        except (OSError, sqlite3.Error) as exc:
            if not is_disk_full(exc):
                raise
            logger.warning(
                "job queue not saved (%s); the job resumes from the archive", exc
            )
            return self.df.close(reason)

    def _read_dqs_state(self, dqdir: str) -> Any:
        try:
            return super()._read_dqs_state(dqdir)
        except (OSError, ValueError) as exc:
            logger.warning(
                "job queue state %s unreadable (%s): the job resumes from the archive",
                Path(dqdir, "active.json"),
                exc,
            )
            return ()

    def _write_dqs_state(self, dqdir: str, state: Any) -> None:
        """``active.json`` replaced atomically (temp, fsync, rename): old or new, never empty."""
        target = Path(dqdir, "active.json")
        temporary = target.with_suffix(".json.tmp")
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(state, handle)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.replace(target)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
