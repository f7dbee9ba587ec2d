"""``ArchivePipeline``: the one place a Scrapy item becomes an archive object (STYLE.md §3).

Thin on purpose: ``CaptureItem`` → ``archive.Capture`` → ``Archive.store()``; a new report or
attachment document goes to ``Archive.parse_document()``; ``EventItem`` → ``record_event()``.
It also opens the crawl row when the spider opens and closes it with the final stats and the
close reason. Several crawlers of one process (``nianbao crawl --all``) share one open archive
per directory, because the archive's writer lock is per process and file.

Settings read: ``ARCHIVE_DIR`` (the pipeline is disabled, ``NotConfigured``, when empty),
``ARCHIVE_WARC_MAX_BYTES``, ``ARCHIVE_PARSE`` (parse new documents while crawling; off, they
wait for ``nianbao reparse``). Stats written: ``nianbao/archive/captures/<kind>``,
``nianbao/archive/documents/new``, ``nianbao/archive/documents/duplicate``,
``nianbao/parse/<status>``, ``nianbao/events/<kind>``, ``nianbao/archive/store-error``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archive import Archive, ArchiveError, ArchiveNotWritableError, Capture
from crawler.items import CaptureItem, EventItem

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.interfaces import IReactorTime

logger = logging.getLogger(__name__)

#: Close reason when the archive cannot be opened (the CLI reports it as an error).
ARCHIVE_NOT_WRITABLE = "archive_not_writable"
_PARSED_KINDS = frozenset({"report", "attachment"})


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
        parse: bool = True,
    ) -> None:
        self.crawler = crawler
        self.directory = directory
        self.warc_max_bytes = warc_max_bytes
        self.parse = parse
        self.archive: Archive | None = None
        self.crawl_id: int | None = None
        self._not_implemented_logged = False
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
            parse=crawler.settings.getbool("ARCHIVE_PARSE", True),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None  # noqa: S101 (set by Scrapy before pipelines)
        return self.crawler.stats

    def open_spider(self) -> None:
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
        if self.parse and item.kind in _PARSED_KINDS:
            self._parse(stored.sha256, item.url)
        return item

    def _parse(self, sha256: str, url: str) -> None:
        assert self.archive is not None  # noqa: S101 (checked by process_item)
        try:
            outcome = self.archive.parse_document(sha256)
        except NotImplementedError as exc:
            # A parser stage not written yet: the capture is safe, `nianbao reparse` fills it in.
            self.stats.inc_value("nianbao/parse/not-implemented")
            if not self._not_implemented_logged:
                self._not_implemented_logged = True
                logger.warning("parser incomplete (%s); %s left unparsed", exc, url)
            return
        status = outcome.status or ("error" if outcome.error else "no-report")
        self.stats.inc_value(f"nianbao/parse/{status}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None:
            return
        if self.crawl_id is not None:
            self.stats.set_value("finish_reason", reason)
            self.archive.finish_crawl(
                self.crawl_id, status=reason, stats=self.stats.get_stats()
            )
        self.archive = None
        _release(self.directory)
