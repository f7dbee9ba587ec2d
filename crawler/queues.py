"""Scrapy's scheduler with its disk queues on in every crawl, so pending requests leave memory.

Scrapy keeps pending requests in memory unless ``JOBDIR`` is set; a portal whose TRS column lists
twenty thousand pages queues twenty thousand ``Request`` objects at once (~1 kB each). With no
``JOBDIR`` (no ``nianbao crawl --job``), ``DiskQueueScheduler`` gives Scrapy's disk queues
(``SCHEDULER_DISK_QUEUE``) a temporary directory, removed when the crawl closes; with one, it is
``crawler.diskfull.JobScheduler`` unchanged (SQLite queues that survive SIGKILL, set by
``crawler.resume.configure_job``). Requests that cannot be pickled fall back to Scrapy's memory
queue (stat ``scheduler/unserializable``), as Scrapy does.

Settings read: ``JOBDIR``, ``SCHEDULER_DISK_QUEUE`` (Scrapy's).
"""

from __future__ import annotations

import shutil
import tempfile
from typing import TYPE_CHECKING, Any, Self

from crawler.diskfull import JobScheduler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class DiskQueueScheduler(JobScheduler):
    """``JobScheduler`` whose disk queues live in a temporary directory when there is no job."""

    _scratch: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir is None:
            scheduler._scratch = tempfile.mkdtemp(prefix="nianbao-queue-")
            scheduler.dqdir = scheduler._dqdir(scheduler._scratch)
        return scheduler

    def close(self, reason: str) -> Any:
        try:
            return super().close(reason)
        finally:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)
