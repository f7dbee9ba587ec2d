"""Incremental crawling: conditional list fetches and a revisit policy for reports.

An unchanged portal should cost little. ``ConditionalRequestMiddleware`` (a downloader
middleware) asks the archive what it already holds before each GET:

* **List pages** (callbacks ``parse_list``/``parse_api``) always go out, with ``If-None-Match``
  / ``If-Modified-Since`` from ``Archive.last_capture(url)``. A 304 reaches the spider as a 304
  response carrying the *archived* body of the previous 200 (read back from the WARC with
  ``Archive.stored_payload``) and the flag ``nianbao:not-modified``, so the spider follows the
  list's links as before; the archive stores the 304 as a ``not-modified`` revisit with no body.
  Validators are an optimisation only (servers ignore them, anchors §2 item 4): a 200 is always
  hashed and versioned by the archive.
* **Report pages and attachments** (``parse_report``/``parse_attachment``) already archived are
  re-checked the same conditional way only while they are new (``crawler.revisit``: younger
  than ``REVISIT_DAYS``; fresh reports get corrected and republished), and skipped after that
  (``IgnoreRequest``, counted) unless ``NIANBAO_REFRESH`` is on (``nianbao crawl --refresh``).

The middleware uses the process's one open ``Archive`` per directory, shared with
``ArchivePipeline`` through ``crawler.pipelines._acquire``/``_release`` (the archive's writer
lock is per process). A request's role comes from ``request.meta["nianbao_role"]`` when the
spider sets it, else from its callback's name. POST requests (Hanweb dataproxy) are never
conditional: ``captures`` are keyed by URL, and one dataproxy URL serves many form bodies.

Settings read: ``ARCHIVE_DIR`` (``NotConfigured`` when empty), ``REVISIT_DAYS`` (default 30),
``NIANBAO_REFRESH`` (default False). Stats: ``nianbao/incremental/conditional``,
``nianbao/incremental/not-modified``, ``nianbao/incremental/bytes-from-archive``,
``nianbao/incremental/skipped/<role>``, ``nianbao/incremental/payload-missing``. A 304 whose
archived body is a soft-404 (``crawler.middlewares.is_soft_404``, ``SOFT404_MAX_BYTES``) gets the
``nianbao:soft-404`` flag again, as the 200 did.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, TextResponse
from scrapy.responsetypes import responsetypes

from archive import ArchiveError
from crawler.middlewares import SOFT_404_FLAG, is_soft_404
from crawler.pipelines import _acquire, _release
from crawler.revisit import (
    RevisitPolicy,
    conditional_headers,
    request_role,
    revisit_decision,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

    from archive import Archive

logger = logging.getLogger(__name__)

NOT_MODIFIED_FLAG = "nianbao:not-modified"
#: Meta key holding the sha256 whose archived body answers a 304 to this request.
META_PREVIOUS = "nianbao_previous_sha256"
HTTP_NOT_MODIFIED = 304
HTTP_OK = 200

#: Response headers that described the wire form of the archived body, not the body itself.
_WIRE_HEADERS = frozenset(
    {b"content-encoding", b"transfer-encoding", b"content-length"}
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ConditionalRequestMiddleware:
    """Conditional GETs from the archive, archived bodies behind 304s, and the revisit policy."""

    def __init__(
        self,
        crawler: Crawler,
        directory: Path,
        *,
        policy: RevisitPolicy,
        warc_max_bytes: int = 1_000_000_000,
        soft404_max_bytes: int = 16384,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.crawler = crawler
        self.directory = directory
        self.policy = policy
        self.warc_max_bytes = warc_max_bytes
        self.soft404_max_bytes = soft404_max_bytes
        self.clock = clock
        self._archive: Archive | None = None
        self._failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        settings = crawler.settings
        directory = settings.get("ARCHIVE_DIR")
        if not directory:
            msg = "ARCHIVE_DIR is not set; nothing to revisit"
            raise NotConfigured(msg)
        middleware = cls(
            crawler,
            Path(directory),
            policy=RevisitPolicy(
                revisit_days=settings.getfloat("REVISIT_DAYS", 30.0),
                refresh=settings.getbool("NIANBAO_REFRESH", False),
            ),
            warc_max_bytes=settings.getint("ARCHIVE_WARC_MAX_BYTES", 1_000_000_000),
            soft404_max_bytes=settings.getint("SOFT404_MAX_BYTES", 16384),
        )
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None  # noqa: S101 (set by Scrapy before middlewares)
        return self.crawler.stats

    def archive(self) -> Archive | None:
        """The shared archive, opened on first use; None (logged once) if it cannot be."""
        if self._archive is None and not self._failed:
            try:
                self._archive = _acquire(self.directory, self.warc_max_bytes)
            except ArchiveError as exc:
                self._failed = True
                logger.warning("incremental crawling off: %s", exc)
        return self._archive

    def spider_closed(self, spider: Spider) -> None:
        if self._archive is not None:
            self._archive = None
            _release(self.directory)

    def process_request(self, request: Request) -> None:
        if request.method != "GET" or request.meta.get(META_PREVIOUS) is not None:
            return
        archive = self.archive()
        if archive is None:
            return
        role = request_role(request)
        last = archive.last_capture(request.url)
        if last is None:
            return
        first = archive.first_capture(request.url)
        decision = revisit_decision(
            role,
            first_seen=first.fetched_at if first else last.fetched_at,
            now=self.clock(),
            policy=self.policy,
            published=archive.report_published(request.url)
            if role == "report"
            else None,
        )
        if decision == "skip":
            self.stats.inc_value(f"nianbao/incremental/skipped/{role}")
            logger.debug("already archived, not revisited: %s", request.url)
            msg = f"already archived ({role}) and older than REVISIT_DAYS"
            raise IgnoreRequest(msg)
        headers = conditional_headers(last)
        if not headers:
            return  # the server gave no validators: only a full GET can tell
        for name, value in headers.items():
            request.headers.setdefault(name, value)
        request.meta[META_PREVIOUS] = last.sha256
        allowed = request.meta.get("handle_httpstatus_list")
        if allowed is None:
            allowed = getattr(self.crawler.spider, "handle_httpstatus_list", [])
        # A 304 must reach the callback (HttpErrorMiddleware drops non-2xx otherwise).
        request.meta["handle_httpstatus_list"] = [*allowed, HTTP_NOT_MODIFIED]
        self.stats.inc_value("nianbao/incremental/conditional")

    def process_response(
        self, request: Request, response: Response
    ) -> Request | Response:
        sha256 = request.meta.get(META_PREVIOUS)
        if response.status != HTTP_NOT_MODIFIED or not sha256:
            return response
        archive = self.archive()
        try:
            if archive is None:
                msg = "archive not open"
                raise ArchiveError(msg)
            stored = archive.stored_payload(sha256)
        except ArchiveError as exc:
            # Without the old body the links cannot be followed: fetch the page in full.
            self.stats.inc_value("nianbao/incremental/payload-missing")
            logger.warning(
                "304 for %s but its archived body is unreadable (%s); refetching",
                request.url,
                exc,
            )
            return _unconditional(request)
        self.stats.inc_value("nianbao/incremental/not-modified")
        self.stats.inc_value("nianbao/incremental/bytes-from-archive", len(stored.body))
        replaced = _with_archived_body(response, stored.response_headers, stored.body)
        if self._was_soft_404(replaced):
            # SoftNotFoundMiddleware judges only status 200; the archived body was a soft-404
            # last time, and must stay one, or the spider would take it for a report.
            replaced = replaced.replace(flags=[*replaced.flags, SOFT_404_FLAG])
        return replaced

    def _was_soft_404(self, response: Response) -> bool:
        if not isinstance(response, TextResponse):
            return False
        try:
            text = response.text
        except (UnicodeDecodeError, LookupError):
            return False
        return is_soft_404(
            HTTP_OK, text, len(response.body), max_bytes=self.soft404_max_bytes
        )


def _unconditional(request: Request) -> Request:
    headers = Headers(request.headers)
    for name in ("If-None-Match", "If-Modified-Since"):
        headers.pop(name, None)
    meta = dict(request.meta)
    meta[META_PREVIOUS] = (
        ""  # not None: process_request must not make it conditional again
    )
    return request.replace(headers=headers, meta=meta, dont_filter=True)


def _with_archived_body(
    response: Response, archived_headers: tuple[tuple[str, str], ...], body: bytes
) -> Response:
    """The 304 with the archived body, and its Content-Type when the 304 repeats none.

    Keeps status 304 so the capture is recorded as not-modified; the response class (HTML,
    XML, text) follows the archived Content-Type so ``response.text`` decodes as before.
    """
    headers = Headers(response.headers)
    if b"Content-Type" not in headers:
        for name, value in archived_headers:
            lname = name.lower().encode("latin-1")
            if lname == b"content-type":
                headers[b"Content-Type"] = value.encode("latin-1")
                break
    for wire in _WIRE_HEADERS:
        headers.pop(wire, None)
    kwargs: dict[str, Any] = {
        "url": response.url,
        "status": response.status,
        "headers": headers,
        "body": body,
        "flags": [*response.flags, NOT_MODIFIED_FLAG],
        "request": response.request,
        "certificate": response.certificate,
        "ip_address": response.ip_address,
        "protocol": response.protocol,
    }
    cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
    return cls(**kwargs)
