"""Requests the crawler drops on purpose, each with a reason that becomes an event.

Scrapy drops some requests quietly: a redirect back to a URL of the same chain is discarded by
the duplicate filter (the redirected request inherits ``dont_filter=False``), and a body without
``Content-Length`` that outgrows ``DOWNLOAD_MAXSIZE`` ends in a bare ``CancelledError``. The two
components here make those drops explicit, so the spider's errback records them
(``crawler.middlewares.event_of_failure``):

* ``RedirectGuardMiddleware`` (downloader middleware, before ``RedirectMiddleware`` on the way
  back) raises ``DroppedRequest("redirect-loop")`` for a ``Location`` that points back into the
  chain, and ``DroppedRequest("offsite")`` for one that leaves the spider's allowed domains.
* ``BodySizeGuard`` (extension) counts the bytes of each download as they arrive and stops one
  that passes ``DOWNLOAD_MAXSIZE`` (or the request's ``download_maxsize``) with
  ``BodyTooLarge``, whether or not the server announced a length.

Stats: ``nianbao/drops/<kind>``. Settings read: ``DOWNLOAD_MAXSIZE``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.utils.url import url_is_from_any_domain

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

    from crawler.items import EventKind

logger = logging.getLogger(__name__)

_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
_RECEIVED = "nianbao_bytes_received"


class DroppedRequest(IgnoreRequest):
    """A request dropped for a reason worth an event (``kind`` is the event kind)."""

    def __init__(self, kind: EventKind, detail: str) -> None:
        super().__init__(detail)
        self.kind: EventKind = kind


class BodyTooLarge(StopDownload):
    """A download stopped because its body passed the size limit while streaming."""

    def __init__(self, detail: str) -> None:
        super().__init__(fail=True)
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


class RedirectGuardMiddleware:
    """Drop, with a reason, a redirect that loops or leaves the site."""

    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None  # noqa: S101 (Scrapy sets it before middlewares)
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if response.status not in _REDIRECT_STATUS or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            self._drop(
                "redirect-loop", f"redirect loop: {' -> '.join([*chain, target])}"
            )
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = urlsplit(target).hostname or ""
        if domains and not (url_is_from_any_domain(target, domains) or host in domains):
            self._drop(
                "offsite", f"redirect to a host outside allowed_domains: {target}"
            )
        return response

    def _drop(self, kind: EventKind, detail: str) -> None:
        self.stats.inc_value(f"nianbao/drops/{kind}")
        logger.warning("dropped: %s", detail)
        raise DroppedRequest(kind, detail)


class BodySizeGuard:
    """Stop a download whose body passes the size limit, announced or not."""

    def __init__(self, max_size: int, stats: StatsCollector) -> None:
        self.max_size = max_size
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BodySizeGuard:
        assert crawler.stats is not None  # noqa: S101 (Scrapy sets it before extensions)
        guard = cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"), crawler.stats)
        crawler.signals.connect(guard.headers_received, signal=signals.headers_received)
        crawler.signals.connect(guard.bytes_received, signal=signals.bytes_received)
        return guard

    def headers_received(self, request: Request, **_: object) -> None:
        """A new download (or a retry, whose meta is a copy) starts counting at zero."""
        request.meta[_RECEIVED] = 0

    def bytes_received(self, data: bytes, request: Request, **_: object) -> None:
        limit = int(request.meta.get("download_maxsize", self.max_size) or 0)
        received = int(request.meta.get(_RECEIVED, 0)) + len(data)
        request.meta[_RECEIVED] = received
        if limit and received > limit:
            self.stats.inc_value("nianbao/drops/too-large")
            detail = (
                f"body passed download max size ({limit} bytes) after {received} bytes"
                " (no or wrong Content-Length)"
            )
            raise BodyTooLarge(detail)
