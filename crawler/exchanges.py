"""Record every HTTP exchange for replay, as Heritrix does: redirect hops, retried answers, robots.txt.

The spider yields captures for the answers it reads (reports, lists, attachments); the answers
Scrapy's own middlewares consume never reach it: a 3xx that ``RedirectMiddleware`` (600) turns
into a new request, a 500 that ``RetryMiddleware`` (550) retries, and the ``robots.txt`` that
``RobotsTxtMiddleware`` fetches through the downloader. ``ExchangeRecorderMiddleware`` sits
closer to the downloader than both (priority 620 in ``DOWNLOADER_MIDDLEWARES``: on the way back
it sees each response first) and stores those answers in the archive as captures of their own
kind (``redirect``, ``retry``, ``robots``): WARC records and index rows that replay tools find,
never reports (only ``report``/``attachment`` captures are parsed and counted as documents).

It decides from the request what the later middlewares will do, with their own settings: a
3xx with a ``Location`` is a hop unless ``dont_redirect`` or ``handle_httpstatus_list`` keeps it
for the spider; a status in ``RETRY_HTTP_CODES`` is retried unless ``dont_retry`` or the attempts
(``RETRY_TIMES``, meta ``max_retry_times``) are used up, in which case the spider gets it and
records it itself. A 304 is left to ``crawler.incremental`` (a revisit of the archived body).

Bodies at this point are still as sent (``HttpCompressionMiddleware``, 590, decodes later):
gzip/deflate bodies are decoded here the same way so the archive keeps decoded bytes, as
everywhere else; another coding is stored empty with its ``Content-Encoding`` kept
(``X-Nianbao-Original-Content-Encoding``).

Settings read: ``ARCHIVE_DIR`` (``NotConfigured`` when empty), ``ARCHIVE_WARC_MAX_BYTES``,
``RETRY_ENABLED``, ``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``REDIRECT_ENABLED``. Stats:
``nianbao/archive/exchanges/<kind>``, ``nianbao/archive/exchanges/store-error``. A full disk
stops the crawl (``crawler.diskfull``), as it does when the pipeline stores a capture.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive import ArchiveError
from crawler.archiving import _acquire, _release
from crawler.diskfull import is_disk_full, stop_for_disk_full
from crawler.items import capture_from_response
from crawler.pipelines import to_capture

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from archive import Archive, CaptureKind

logger = logging.getLogger(__name__)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_MAX_DECODED = 32 * 1024 * 1024  # an error page or a hop is small; never inflate a bomb


def decoded_body(body: bytes, coding: str) -> bytes | None:
    """``body`` without its gzip/deflate content coding; None for another or a broken coding.

    >>> import gzip
    >>> decoded_body(gzip.compress(b"moved"), "gzip")
    b'moved'
    >>> decoded_body(b"x", "br") is None
    True
    """
    coding = coding.strip().lower()
    if coding in ("", "identity"):
        return body
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS}.get(
        coding, zlib.MAX_WBITS if coding == "deflate" else None
    )
    if wbits is None:
        return None
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, _MAX_DECODED)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else out


class ExchangeRecorderMiddleware:
    """Store the answers that Scrapy's redirect, retry and robots.txt handling consume."""

    def __init__(self, crawler: Crawler, directory: Path, warc_max_bytes: int) -> None:
        self.crawler = crawler
        self.directory = directory
        self.warc_max_bytes = warc_max_bytes
        settings = crawler.settings
        self.redirect_enabled = settings.getbool("REDIRECT_ENABLED", True)
        self.retry_enabled = settings.getbool("RETRY_ENABLED", True)
        self.retry_times = settings.getint("RETRY_TIMES", 2)
        self.retry_codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExchangeRecorderMiddleware:
        directory = crawler.settings.get("ARCHIVE_DIR")
        if not directory:
            msg = "ARCHIVE_DIR is not set; exchanges are not recorded"
            raise NotConfigured(msg)
        middleware = cls(
            crawler,
            Path(directory),
            crawler.settings.getint("ARCHIVE_WARC_MAX_BYTES", 1_000_000_000),
        )
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        try:
            self.archive = _acquire(self.directory, self.warc_max_bytes)
        except ArchiveError as exc:  # the pipeline reports it and closes the spider
            logger.warning("exchanges not recorded: %s", exc)

    def spider_closed(self, spider: Spider) -> None:
        if self.archive is not None:
            self.archive = None
            _release(self.directory)

    def exchange_kind(self, request: Request, response: Response) -> CaptureKind | None:
        """``robots``, ``redirect``, ``retry``, or None for an answer the spider will see."""
        if urlsplit(response.url).path == "/robots.txt" and request.meta.get(
            "dont_obey_robotstxt"
        ):
            return "robots"
        status = response.status
        kept = request.meta.get("handle_httpstatus_all") or status in request.meta.get(
            "handle_httpstatus_list", ()
        )
        if status in _REDIRECT_STATUSES and b"Location" in response.headers:
            followed = self.redirect_enabled and not request.meta.get("dont_redirect")
            return "redirect" if followed and not kept else None
        if status in self.retry_codes and self.retry_enabled:
            if request.meta.get("dont_retry"):
                return None
            limit = request.meta.get("max_retry_times", self.retry_times)
            return "retry" if request.meta.get("retry_times", 0) < limit else None
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        kind = self.exchange_kind(request, response)
        if kind is None or self.archive is None:
            return response
        self._store(kind, response)
        return response

    def _store(self, kind: CaptureKind, response: Response) -> None:
        assert self.archive is not None  # noqa: S101 (checked by the caller)
        stats = self.crawler.stats
        spider: Any = self.crawler.spider
        site_id = str(getattr(spider, "site_id", getattr(spider, "name", "")))
        item = capture_from_response(response, kind=kind, site_id=site_id)
        coding = (response.headers.get(b"Content-Encoding") or b"").decode("latin-1")
        body = decoded_body(response.body, coding)
        # a hop is stored under its own URL, not the chain's first one
        item = replace(item, url=response.url, body=body if body is not None else b"")
        crawl_id = stats.get_value("nianbao/archive/crawl_id") if stats else None
        try:
            self.archive.store(to_capture(item, crawl_id=crawl_id))
        except ArchiveError as exc:
            logger.error(
                "cannot archive the %s answer of %s: %s", kind, response.url, exc
            )
            if stats is not None:
                stats.inc_value("nianbao/archive/exchanges/store-error")
            if is_disk_full(
                exc
            ):  # as for the pipeline's captures: stop, keep what is stored
                stop_for_disk_full(self.crawler, f"not archived: {exc}")
            return
        if stats is not None:
            stats.inc_value(f"nianbao/archive/exchanges/{kind}")
