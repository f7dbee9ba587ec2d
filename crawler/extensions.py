"""``CrawlProgressExtension``: a progress line while crawling and a summary when done.

Scrapy's LogStats says pages/min; an operator of nianbao wants to know what was found: pages
fetched, reports found, documents, duplicates, errors, while it crawls.
The line is logged at INFO every ``NIANBAO_PROGRESS_INTERVAL`` seconds (0 disables
it) from the stats that ``ArchivePipeline`` and ``PortalSpider`` count; the same figures, final,
are logged once when the spider closes. Settings read: ``NIANBAO_PROGRESS_INTERVAL``.

``CrawlSummary`` is the operator summary of a finished crawl: new documents,
new report versions, unchanged (304s, identical payloads, skipped requests and list pages),
errors by kind, bytes downloaded, and for a resumed job what it recovered from the interrupted
run (captures replayed, documents parsed for it). ``ArchivePipeline`` computes it after the parse pass (new
versions are only known once documents are parsed), logs it and stores it as the
``nianbao/summary`` stat (so in ``crawls.stats``); ``nianbao crawl`` prints its line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """The figures of a progress line, read from a stats dict."""

    pages: int
    reports: int
    attachments: int
    documents: int
    duplicates: int
    errors: int

    @classmethod
    def from_stats(cls, stats: dict[str, Any]) -> Progress:
        def get(key: str) -> int:
            value = stats.get(key, 0)
            return value if isinstance(value, int) else 0

        errors = sum(
            get(k)
            for k in stats
            if k.startswith("nianbao/events/")
            and not k.endswith(("/offsite", "/robots"))
        )
        return cls(
            pages=get("response_received_count"),
            reports=get("nianbao/archive/captures/report"),
            attachments=get("nianbao/archive/captures/attachment"),
            documents=get("nianbao/archive/documents/new"),
            duplicates=get("nianbao/archive/documents/duplicate"),
            errors=errors,
        )

    def line(self) -> str:
        return (
            f"pages fetched {self.pages}, reports found {self.reports} "
            f"(+{self.attachments} attachments), documents {self.documents}, "
            f"duplicates {self.duplicates}, errors {self.errors}"
        )


SUMMARY_STAT = "nianbao/summary"
#: Events that are decisions, not failures (offsite links, robots refusals).
_NOT_ERRORS = ("offsite", "robots")


def _count(stats: dict[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return value if isinstance(value, int) else 0


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one crawl did, for the operator: read from its final Scrapy stats."""

    new_documents: int
    new_versions: int
    not_modified: int
    identical: int
    skipped: int
    errors: tuple[tuple[str, int], ...]
    bytes_downloaded: int
    #: a resumed job: captures of the killed crawl replayed from the archive, and documents it
    #: stored and never parsed, parsed by this crawl
    recovered_captures: int = 0
    recovered_parsed: int = 0

    @property
    def unchanged(self) -> int:
        return self.not_modified + self.identical + self.skipped

    @classmethod
    def from_stats(cls, stats: dict[str, Any]) -> CrawlSummary:
        not_modified = _count(stats, "nianbao/incremental/not-modified")
        # every 304 capture is also a duplicate document; the rest are identical 200s
        duplicates = _count(stats, "nianbao/archive/documents/duplicate")
        skipped = sum(
            _count(stats, k)
            for k in stats
            if k.startswith("nianbao/incremental/skipped/")
            or k == "nianbao/incremental/pages-skipped"
        )
        errors = tuple(
            sorted(
                (k.removeprefix("nianbao/events/"), _count(stats, k))
                for k in stats
                if k.startswith("nianbao/events/")
                and k.removeprefix("nianbao/events/") not in _NOT_ERRORS
            )
        )
        return cls(
            new_documents=_count(stats, "nianbao/archive/documents/new"),
            new_versions=_count(stats, "nianbao/archive/versions/new"),
            not_modified=not_modified,
            identical=max(duplicates - not_modified, 0),
            skipped=skipped,
            errors=errors,
            bytes_downloaded=_count(stats, "downloader/response_bytes"),
            recovered_captures=_count(stats, "nianbao/job/replayed-capture"),
            recovered_parsed=_count(stats, "nianbao/job/recovered-unparsed"),
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON stored under ``nianbao/summary`` in ``crawls.stats``."""
        return {
            "new_documents": self.new_documents,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "identical": self.identical,
            "skipped": self.skipped,
            "errors": dict(self.errors),
            "bytes": self.bytes_downloaded,
            "recovered": {
                "captures": self.recovered_captures,
                "parsed": self.recovered_parsed,
            },
        }

    def line(self) -> str:
        errors = ", ".join(f"{kind} {n}" for kind, n in self.errors) or "none"
        line = (
            f"new documents {self.new_documents}, new versions {self.new_versions}, "
            f"unchanged {self.unchanged} (304 {self.not_modified}, identical "
            f"{self.identical}, skipped {self.skipped}), errors: {errors}, "
            f"bytes {self.bytes_downloaded}"
        )
        if self.recovered_captures or self.recovered_parsed:
            line += (
                f"; recovered from the interrupted run: {self.recovered_captures} captures "
                f"replayed, {self.recovered_parsed} documents parsed"
            )
        return line


class CrawlProgressExtension:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgressExtension:
        interval = crawler.settings.getfloat("NIANBAO_PROGRESS_INTERVAL", 30.0)
        if interval < 0:
            msg = "NIANBAO_PROGRESS_INTERVAL < 0"
            raise NotConfigured(msg)
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _stats(self) -> dict[str, Any]:
        return self.crawler.stats.get_stats() if self.crawler.stats else {}

    def spider_opened(self, spider: Spider) -> None:
        if self.interval > 0:
            self._loop = task.LoopingCall(self.log_progress)
            self._loop.start(self.interval, now=False)

    def _site(self) -> str:
        spider = getattr(self.crawler, "spider", None)
        return str(getattr(spider, "site_id", getattr(spider, "name", "")))

    def log_progress(self) -> None:
        logger.info(
            "%s: progress: %s", self._site(), Progress.from_stats(self._stats()).line()
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        logger.info(
            "%s: crawl %s: %s",
            self._site(),
            reason,
            Progress.from_stats(self._stats()).line(),
        )
