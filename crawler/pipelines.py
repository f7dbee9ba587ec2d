"""``ArchivePipeline``: the one place a Scrapy item becomes an archive object (STYLE.md §3).

Thin on purpose: ``CaptureItem`` → ``archive.Capture`` → ``Archive.store()``; a new report or
attachment document goes to ``Archive.parse_document()``; ``EventItem`` → ``record_event()``.
It also opens the crawl row when the spider opens and closes it with the final stats and the
close reason. Several crawlers of one process (``nianbao crawl --all``) share one open archive
per directory, because the archive's writer lock is per process and file.

Settings read: ``ARCHIVE_DIR`` (the pipeline is disabled, ``NotConfigured``, when empty),
``ARCHIVE_WARC_MAX_BYTES``, ``ARCHIVE_PARSE`` (``after``: new documents are parsed when the
spider closes, off the download path (STYLE.md §3 step 5: the crawl bench showed inline parsing
halving pages/s); ``inline``: as each is stored; ``off``: they wait for ``nianbao reparse``,
which also picks up whatever a killed crawl left unparsed). Stats written: ``nianbao/archive/captures/<kind>``,
``nianbao/archive/documents/new``, ``nianbao/archive/documents/duplicate``,
``nianbao/parse/<status>``, ``nianbao/archive/versions/new`` (parsed documents that are version
2 or later of their report), ``nianbao/events/<kind>``, ``nianbao/archive/store-error``, and
``nianbao/summary`` (``crawler.extensions.CrawlSummary``, logged at INFO when the spider closes).

With ``JOBDIR`` (a resumable job, ``crawler.resume``) it records each crawl of the job in the
job's state file and empties it when a crawl finishes; captures the resume middleware replayed
from the archive (``extra["nianbao_replayed"]``) are not stored again
(``nianbao/job/replayed-capture``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archive import Archive, ArchiveError, ArchiveNotWritableError, Capture
from crawler.extensions import SUMMARY_STAT, CrawlSummary
from crawler.items import CaptureItem, EventItem
from crawler.jobstate import EXTRA_REPLAYED, job_crawls, write_job_crawls
from parsers import (
    DEFAULT_OPTIONS,
    ExtractionOptions,
    ToolMissingError,
    check_ocr_available,
)
from parsers.extract.sandbox import preload_modules

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.interfaces import IReactorTime

    from archive.parse import ParseOutcome

logger = logging.getLogger(__name__)

#: Close reason when the archive cannot be opened (the CLI reports it as an error).
ARCHIVE_NOT_WRITABLE = "archive_not_writable"
#: Status of a crawl that finished without storing anything while every download failed.
CRAWL_FAILED = "failed"
_PARSED_KINDS = frozenset({"report", "attachment"})
ParseMode = Literal["after", "inline", "off"]
_PARSE_MODES: dict[str, ParseMode] = {
    "after": "after",
    "inline": "inline",
    "off": "off",
    # Booleans from `-s ARCHIVE_PARSE=…` or older settings files.
    "true": "after",
    "1": "after",
    "false": "off",
    "0": "off",
}


def parse_mode(value: object) -> ParseMode:
    """Read ``ARCHIVE_PARSE``; an unknown value disables the pipeline with a clear message."""
    mode = _PARSE_MODES.get(str(value).strip().lower())
    if mode is None:
        msg = f"ARCHIVE_PARSE must be one of after, inline, off (got {value!r})"
        raise NotConfigured(msg)
    return mode


def extraction_options(settings: BaseSettings) -> ExtractionOptions:
    """``NIANBAO_OCR`` and ``NIANBAO_LIBREOFFICE`` as extraction options.

    OCR asked for on a machine without Tesseract is logged as an error and left off: the
    crawl's captures matter more than its scans, which ``nianbao reparse --ocr`` reads later.
    """
    ocr = settings.getbool("NIANBAO_OCR")
    if ocr:
        try:
            check_ocr_available()
        except ToolMissingError as exc:
            logger.error(
                "NIANBAO_OCR is on but OCR cannot run (%s); scans stay needs_ocr", exc
            )
            ocr = False
    return ExtractionOptions(
        ocr=ocr, libreoffice=settings.getbool("NIANBAO_LIBREOFFICE", True)
    )


def software_version() -> str:
    """The installed nianbao version, recorded on every crawl and WARC record."""
    try:
        return version("nianbao")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(slots=True)
class _Shared:
    archive: Archive
    users: int


#: Open archives of this process by resolved directory, with the number of pipelines using each.
_OPEN: dict[Path, _Shared] = {}


def _acquire(directory: Path, warc_max_bytes: int) -> Archive:
    key = directory.resolve()
    shared = _OPEN.get(key)
    if shared is None:
        archive = Archive.open(
            key, software_version=software_version(), warc_max_bytes=warc_max_bytes
        )
        shared = _OPEN[key] = _Shared(archive, 0)
    shared.users += 1
    return shared.archive


def _release(directory: Path) -> None:
    key = directory.resolve()
    shared = _OPEN.get(key)
    if shared is None:
        return
    shared.users -= 1
    if shared.users <= 0:
        del _OPEN[key]
        shared.archive.close()


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


def settings_digest(settings: dict[str, Any]) -> str:
    """sha256 of the crawl's settings (sorted JSON), stored on the crawl row for traceability."""
    text = json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    ) -> None:
        self.crawler = crawler
        self.directory = directory
        self.warc_max_bytes = warc_max_bytes
        self.parse = parse
        self.options = options
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
        preload_modules(["scrapy.cmdline", "crawler.cli"])
        spider = self.crawler.spider
        site_id = str(getattr(spider, "site_id", getattr(spider, "name", "")))
        try:
            self.archive = _acquire(self.directory, self.warc_max_bytes)
        except ArchiveNotWritableError as exc:
            self._abort(ARCHIVE_NOT_WRITABLE, exc)
            return
        except ArchiveError as exc:
            self._abort("archive_error", exc)
            return
        relevant = {
            k: v
            for k, v in self.crawler.settings.copy_to_dict().items()
            if isinstance(v, str | int | float | bool) and k.isupper()
        }
        self.crawl_id = self.archive.start_crawl(
            sites=[site_id], settings_digest=settings_digest(relevant)
        )
        self.stats.set_value("nianbao/archive/crawl_id", self.crawl_id)
        jobdir = self.crawler.settings.get("JOBDIR")
        if jobdir:
            earlier = job_crawls(jobdir)
            write_job_crawls(jobdir, (*earlier, self.crawl_id))
            if earlier:
                self.stats.set_value("nianbao/job/resumed-after", list(earlier))
        logger.info("archiving into %s (crawl %d)", self.directory, self.crawl_id)

    def _abort(self, reason: str, exc: Exception) -> None:
        """Log once (no traceback: the message says it all) and close the spider cleanly.

        The close waits for ``spider_opened``: the engine is not fully open while pipelines
        open, and closing it then breaks the core stats.
        """
        logger.error("cannot open the archive: %s", exc)
        self.stats.set_value("nianbao/archive/error", str(exc))
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
        try:
            stored = self.archive.store(to_capture(item, crawl_id=self.crawl_id))
        except ArchiveError as exc:
            self.stats.inc_value("nianbao/archive/store-error")
            logger.error("cannot archive %s: %s", item.url, exc)
            msg = f"not archived: {exc}"
            raise DropItem(msg) from exc
        self.stats.inc_value(f"nianbao/archive/captures/{item.kind}")
        if not stored.is_new_document:
            self.stats.inc_value("nianbao/archive/documents/duplicate")
            return item
        self.stats.inc_value("nianbao/archive/documents/new")
        if item.kind in _PARSED_KINDS:
            if self.parse == "inline":
                self._parse(stored.sha256)
            elif self.parse == "after":
                self._unparsed.append(stored.sha256)
        return item

    def _parse(self, sha256: str) -> None:
        assert self.archive is not None  # noqa: S101 (checked by the callers)
        self._count_parse(
            sha256, self.archive.parse_document(sha256, options=self.options)
        )

    def _count_parse(self, sha256: str, outcome: ParseOutcome) -> None:
        assert self.archive is not None  # noqa: S101 (checked by the callers)
        status = outcome.status or ("error" if outcome.error else "no-report")
        self.stats.inc_value(f"nianbao/parse/{status}")
        if outcome.report_id is not None and self.archive.starts_new_version(sha256):
            self.stats.inc_value("nianbao/archive/versions/new")

    def _parse_pending(self) -> None:
        """The ``after`` pass: parse this crawl's new documents before the crawl row closes."""
        if not self._unparsed:
            return
        logger.info("parsing %d new documents", len(self._unparsed))
        assert self.archive is not None  # noqa: S101 (checked by spider_closed)
        try:
            # extraction and parsing in a pool of processes, rows written in this thread
            for outcome in self.archive.parse_documents(
                self._unparsed, options=self.options
            ):
                self._count_parse(outcome.sha256, outcome)
        except ArchiveError as exc:
            # The captures are safe; whatever was not parsed waits for `nianbao reparse`.
            self.stats.inc_value("nianbao/parse/pass-failed")
            logger.error("parse pass stopped (%s); run nianbao reparse", exc)
        self._unparsed.clear()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None:
            return
        try:
            self._parse_pending()
            reason = self._crawl_status(reason)
            summary = CrawlSummary.from_stats(self.stats.get_stats())
            self.stats.set_value(SUMMARY_STAT, summary.as_dict())
            site_id = getattr(spider, "site_id", spider.name)
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

    def _crawl_status(self, reason: str) -> str:
        """``failed`` for a crawl that ended normally but stored nothing while downloads failed.

        A site that was down must not count as crawled: ``--due`` would skip it for a whole
        interval and ``nianbao crawl`` would exit 0.
        """
        stats = self.stats.get_stats()
        stored = sum(
            int(value)
            for key, value in stats.items()
            if key.startswith("nianbao/archive/captures/")
        )
        errors = int(stats.get("downloader/exception_count", 0)) + int(
            stats.get("nianbao/events/download-error", 0)
        )
        if reason == "finished" and stored == 0 and errors > 0:
            logger.error(
                "no page could be fetched (%d download errors): crawl failed", errors
            )
            return CRAWL_FAILED
        return reason
