"""``ArchivePipeline``: the one place a Scrapy item becomes an archive object (STYLE.md §3).

Thin on purpose: ``CaptureItem`` → ``archive.Capture`` → ``Archive.store()``; a new report or
attachment document goes to ``Archive.parse_document()``; ``EventItem`` → ``record_event()``.
It also opens the crawl row when the spider opens and closes it with the final stats and the
close reason. Several crawlers of one process (``nianbao crawl --all``) share one open archive
per directory, because the archive's writer lock is per process and file.

The shared open archive is ``crawler.archiving``; when and how new documents are parsed, with
the parse stats, is ``crawler.parsepass``.

Settings read: ``ARCHIVE_DIR`` (the pipeline is disabled, ``NotConfigured``, when empty),
``ARCHIVE_WARC_MAX_BYTES``, ``ARCHIVE_PARSE`` (``after``, ``inline`` or ``off``, see
``crawler.parsepass``; ``off`` leaves new documents for ``nianbao reparse``, which also picks up
whatever a killed crawl left unparsed), ``NIANBAO_OCR``, ``NIANBAO_LIBREOFFICE``,
``NIANBAO_WORKER`` (the crawl row's worker; default the host name). Stats written:
``nianbao/archive/captures/<kind>``, ``nianbao/archive/documents/new``,
``nianbao/archive/documents/duplicate``, ``nianbao/parse/<status>`` and
``nianbao/archive/versions/new`` (through ``crawler.parsepass``), ``nianbao/events/<kind>``,
``nianbao/archive/store-error``, and ``nianbao/summary`` (``crawler.extensions.CrawlSummary``,
logged at INFO when the spider closes).

With ``JOBDIR`` (a resumable job, ``crawler.resume``) it records each crawl of the job in the
job's state file and empties it when a crawl finishes; captures the resume middleware replayed
from the archive (``extra["nianbao_replayed"]``) are not stored again
(``nianbao/job/replayed-capture``).
"""

from __future__ import annotations

import logging
import socket
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import task

from archive import (
    Archive,
    ArchiveError,
    ArchiveNotWritableError,
    Capture,
    StoredCapture,
)
from crawler.archiving import _OPEN, _acquire, _release, software_version
from crawler.capturegroup import CaptureGroup
from crawler.crawlrow import CRAWL_FAILED, crawl_status, settings_digest
from crawler.diskfull import is_disk_full, stop_for_disk_full
from crawler.errors import (
    ARCHIVE_ERROR,
    ARCHIVE_ERROR_STAT,
    ARCHIVE_NOT_WRITABLE,
    DISK_FULL,
)
from crawler.extensions import SUMMARY_STAT, CrawlSummary
from crawler.items import CaptureItem, EventItem
from crawler.jobstate import EXTRA_REPLAYED, job_crawls, write_job_crawls
from crawler.parsefeed import ParseFeed, guard_forkserver_first, start_pool_forkserver
from crawler.parsepass import (
    PARSE_INTERRUPTED,
    PARSED_KINDS,
    ParseMode,
    count_parse,
    extraction_options,
    fill_registry_regions,
    parse_mode,
    parse_workers,
    recover_unparsed,
    run_parse_pass,
    stops_parsing,
)
from parsers import DEFAULT_OPTIONS, ExtractionOptions
from parsers.extract.orphans import GUARD_MODULE
from parsers.extract.sandbox import preload_modules

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.interfaces import IReactorTime

# The names moved to crawler.archiving, crawler.crawlrow and crawler.parsepass stay importable
# from here: crawler.incremental, crawler.resume, the tests and older callers use this path.
__all__ = [
    "ARCHIVE_NOT_WRITABLE",
    "CRAWL_FAILED",
    "_OPEN",
    "ArchivePipeline",
    "ParseMode",
    "_acquire",
    "_release",
    "extraction_options",
    "parse_mode",
    "settings_digest",
    "software_version",
    "to_capture",
]

logger = logging.getLogger(__name__)


def to_capture(item: CaptureItem, *, crawl_id: int | None) -> Capture:
    """The archive's ``Capture`` for a ``CaptureItem`` (field by field, nothing dropped)."""
    return Capture(
        url=item.url,
        status=item.status,
        fetched_at=item.fetched_at,
        body=item.body,
        kind=item.kind,
        site_id=item.site_id,
        crawl_id=crawl_id,
        final_url=item.final_url,
        method=item.method,
        request_headers=item.request_headers,
        request_body=item.request_body,
        response_headers=item.response_headers,
        referrer=item.referrer,
        anchor_text=item.anchor_text,
        ip_address=item.ip_address,
        extra=dict(item.extra),
    )


class ArchivePipeline:
    """Store every capture and event of one crawl in the archive at ``ARCHIVE_DIR``."""

    def __init__(
        self,
        crawler: Crawler,
        directory: Path,
        warc_max_bytes: int,
        *,
        parse: ParseMode = "after",
        options: ExtractionOptions = DEFAULT_OPTIONS,
        group_size: int = 1,
        group_wait: float = 0.0,
        parse_workers: int = 1,
    ) -> None:
        self.crawler = crawler
        self.directory = directory
        self.warc_max_bytes = warc_max_bytes
        self.parse = parse
        self.options = options
        self.group_size = group_size
        self.group_wait = group_wait
        self.parse_workers = parse_workers
        self._group: CaptureGroup | None = None
        self._feed: ParseFeed | None = None
        self.archive: Archive | None = None
        self.crawl_id: int | None = None
        # sha256 of this crawl's new documents, waiting for the "after" pass
        self._unparsed: list[str] = []
        self._abort_reason: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        directory = crawler.settings.get("ARCHIVE_DIR")
        if not directory:
            msg = "ARCHIVE_DIR is not set; captures are not archived"
            raise NotConfigured(msg)
        pipeline = cls(
            crawler,
            Path(directory),
            crawler.settings.getint("ARCHIVE_WARC_MAX_BYTES", 1_000_000_000),
            parse=parse_mode(crawler.settings.get("ARCHIVE_PARSE", "after")),
            options=extraction_options(crawler.settings),
            # one capture per commit unless the project's settings group them
            group_size=crawler.settings.getint("ARCHIVE_GROUP_SIZE", 1),
            group_wait=crawler.settings.getfloat("ARCHIVE_GROUP_WAIT", 0.0),
            parse_workers=parse_workers(crawler.settings),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None  # noqa: S101 (set by Scrapy before pipelines)
        return self.crawler.stats

    def open_spider(self) -> None:
        # Attachments are extracted in forkserver children, which re-import the entry script
        # (`scrapy` or `nianbao`); preloading what those import keeps a child's start ~10 ms.
        # the guard: a killed crawl takes its extraction children with it
        preload_modules(["scrapy.cmdline", "crawler.cli", GUARD_MODULE])
        guard_forkserver_first()
        spider = self.crawler.spider
        site_id = str(getattr(spider, "site_id", getattr(spider, "name", "")))
        try:
            self.archive = _acquire(self.directory, self.warc_max_bytes)
        except ArchiveNotWritableError as exc:
            self._abort(ARCHIVE_NOT_WRITABLE, exc)
            return
        except ArchiveError as exc:
            self._abort(ARCHIVE_ERROR, exc)
            return
        relevant = {
            k: v
            for k, v in self.crawler.settings.copy_to_dict().items()
            if isinstance(v, str | int | float | bool) and k.isupper()
        }
        self.crawl_id = self.archive.start_crawl(
            sites=[site_id],
            settings_digest=settings_digest(relevant),
            worker=self.crawler.settings.get("NIANBAO_WORKER") or socket.gethostname(),
        )
        self.stats.set_value("nianbao/archive/crawl_id", self.crawl_id)
        if self.group_size > 1:
            self._group = CaptureGroup(
                self.archive, size=self.group_size, wait=self.group_wait
            )
        if self.parse == "stream":
            self._feed = ParseFeed(
                self.archive,
                self.stats,
                options=self.options,
                workers=self.parse_workers,
                on_disk_full=partial(stop_for_disk_full, self.crawler),
            )
            start_pool_forkserver()
            # what killed or stopped crawls of the site left unparsed goes first
            leftovers: list[str] = []
            recover_unparsed(
                self.stats, self.archive, leftovers, site_id=site_id, mode=self.parse
            )
            for sha256 in leftovers:
                self._feed.submit(sha256)
        jobdir = self.crawler.settings.get("JOBDIR")
        if jobdir:
            earlier = job_crawls(jobdir)
            try:
                write_job_crawls(jobdir, (*earlier, self.crawl_id))
            except OSError as exc:
                if not is_disk_full(exc):
                    raise
                # (no byte left for the job's own state: the crawl stops as for any full disk)
                stop_for_disk_full(self.crawler, exc)
                return
            if earlier:
                self.stats.set_value("nianbao/job/resumed-after", list(earlier))
        logger.info("archiving into %s (crawl %d)", self.directory, self.crawl_id)

    def _abort(self, reason: str, exc: Exception) -> None:
        """Log once (no traceback: the message says it all) and close the spider cleanly.

        The close waits for ``spider_opened``: the engine is not fully open while pipelines
        open, and closing it then breaks the core stats.
        """
        logger.error("cannot open the archive: %s", exc)
        self.stats.set_value(ARCHIVE_ERROR_STAT, str(exc))
        self._abort_reason = reason
        self.crawler.signals.connect(self._close_now, signal=signals.spider_opened)

    def _close_now(self, spider: Spider) -> None:
        engine = self.crawler.engine
        reason = self._abort_reason
        if engine is None or reason is None:
            return
        from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

        def close() -> None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

        task.deferLater(cast("IReactorTime", reactor), 0, close)

    def process_item(self, item: Any) -> Any:
        if self.archive is None:
            if self._abort_reason is not None:
                return (
                    item  # closing: the one ERROR line above says why nothing is stored
                )
            raise DropItem("archive not open")
        if isinstance(item, EventItem):
            self.archive.record_event(
                crawl_id=self.crawl_id,
                site_id=item.site_id,
                url=item.url,
                kind=item.kind,
                detail=item.detail,
                referrer=item.referrer,
            )
            self.stats.inc_value(f"nianbao/events/{item.kind}")
            return item
        if not isinstance(item, CaptureItem):
            return item
        if item.extra.get(EXTRA_REPLAYED):
            # captured by an earlier crawl of this job (crawler.resume): once per job
            self.stats.inc_value("nianbao/job/replayed-capture")
            return item
        capture = to_capture(item, crawl_id=self.crawl_id)
        if self._group is not None:
            return self._stored_in_group(item, capture)
        try:
            stored = self.archive.store(capture)
        except ArchiveError as exc:
            self._store_failed(item, exc)
        return self._stored(item, stored)

    async def _stored_in_group(self, item: CaptureItem, capture: Capture) -> Any:
        """The item once its group committed (``crawler.capturegroup``)."""
        assert self._group is not None  # noqa: S101 (checked by the caller)
        result = await maybe_deferred_to_future(self._group.add(capture))
        if isinstance(result, ArchiveError):
            self._store_failed(item, result)
        return self._stored(item, result)

    def _store_failed(self, item: CaptureItem, exc: ArchiveError) -> NoReturn:
        self.stats.inc_value("nianbao/archive/store-error")
        logger.error("cannot archive %s: %s", item.url, exc)
        msg = f"not archived: {exc}"
        raise DropItem(msg) from exc

    def _stored(self, item: CaptureItem, stored: StoredCapture) -> CaptureItem:
        """Count a stored capture; hand a new report or attachment document to parsing."""
        self.stats.inc_value(f"nianbao/archive/captures/{item.kind}")
        if not stored.is_new_document:
            self.stats.inc_value("nianbao/archive/documents/duplicate")
            return item
        self.stats.inc_value("nianbao/archive/documents/new")
        if item.kind in PARSED_KINDS:
            if self.parse == "inline":
                self._parse(stored.sha256)
            elif self.parse == "after":
                self._unparsed.append(stored.sha256)
            elif self._feed is not None:
                self._feed.submit(stored.sha256, attachment=item.kind == "attachment")
        return item

    def _parse(self, sha256: str) -> None:
        assert self.archive is not None  # noqa: S101 (checked by the callers)
        count_parse(
            self.stats,
            self.archive,
            sha256,
            self.archive.parse_document(sha256, options=self.options),
        )

    def spider_closed(
        self, spider: Spider, reason: str
    ) -> Coroutine[Any, Any, None] | None:
        """Close the crawl row; in ``stream`` mode, once the parses still running are written.

        Returns a coroutine (awaited by Scrapy, the reactor serving the other crawls of the
        process meanwhile) when parses are still to be waited for, else None.
        """
        if self.archive is None:
            return None
        if self._group is not None:
            self._group.flush()
        feed, self._feed = self._feed, None
        if feed is None:
            self._finish(spider, reason)
            return None
        if stops_parsing(reason):
            # documents left unparsed make the crawl ``interrupted`` when a signal stopped it;
            # a full disk keeps its own status (the after pass does the same, parsepass)
            if feed.stop() and reason != DISK_FULL:
                self.stats.set_value(PARSE_INTERRUPTED, 1)
            feed.close()
            self._finish(spider, reason)
            return None
        return self._drain_then_finish(feed, spider, reason)

    async def _drain_then_finish(
        self, feed: ParseFeed, spider: Spider, reason: str
    ) -> None:
        try:
            await maybe_deferred_to_future(feed.drain())
            if feed.interrupted:
                self.stats.set_value(PARSE_INTERRUPTED, 1)
        finally:
            self._finish(spider, reason)

    def _finish(self, spider: Spider, reason: str) -> None:
        assert self.archive is not None  # noqa: S101 (checked by spider_closed)
        try:
            site_id = getattr(spider, "site_id", spider.name)
            run_parse_pass(
                self.stats,
                self.archive,
                self._unparsed,
                site_id=site_id,
                mode=self.parse,
                options=self.options,
                reason=reason,
                workers=self.parse_workers,
            )
            fill_registry_regions(self.archive, getattr(spider, "site", None))
            reason = crawl_status(self.stats.get_stats(), reason)
            summary = CrawlSummary.from_stats(self.stats.get_stats())
            self.stats.set_value(SUMMARY_STAT, summary.as_dict())
            logger.info("crawl summary %s (%s): %s", site_id, reason, summary.line())
            if self.crawl_id is not None:
                self.stats.set_value("finish_reason", reason)
                self.archive.finish_crawl(
                    self.crawl_id, status=reason, stats=self.stats.get_stats()
                )
                jobdir = self.crawler.settings.get("JOBDIR")
                if jobdir and reason == "finished":
                    # the job is done: its next run starts afresh
                    write_job_crawls(jobdir, ())
        finally:
            # whatever happened above, the archive's writer lock is given back
            self.archive = None
            _release(self.directory)
