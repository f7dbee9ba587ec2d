"""``Retry-After`` honoured per host: a 429 or 503 that names a delay pauses that host.

Scrapy's ``RetryMiddleware`` retries a 429 at once (within half a second on a fast link), which
a rate-limited portal answers with another 429 or a ban. ``RetryAfterMiddleware`` sits before it
on the way back (priority above 550): for a 429/503 carrying ``Retry-After`` (seconds or an HTTP
date) it records when the host may be asked again and returns the retry request
(``get_retry_request``, so ``RETRY_TIMES`` and the retry stats still apply). On the way out,
every request to a paused host waits in ``process_request`` until the pause ends, so the retry
and everything else for that host goes out after the delay, while the downloader's other
slots go on. A delay above ``NIANBAO_RETRY_AFTER_MAX`` seconds is not waited for: the response
goes on to the spider, which records it as an ``http-error`` event. Stats:
``nianbao/politeness/retry-after``, ``nianbao/politeness/waited`` (seconds).
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.utils.asyncio import sleep

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

_THROTTLED = frozenset({429, 503})


def retry_after_seconds(value: str, *, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date), or None.

    >>> retry_after_seconds("120", now=0)
    120.0
    >>> retry_after_seconds("Thu, 01 Jan 1970 00:02:00 GMT", now=60)
    60.0
    >>> retry_after_seconds("soon", now=0) is None
    True
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)


class RetryAfterMiddleware:
    """Pause a host for the delay its 429/503 names, then retry the request."""

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        assert crawler.stats is not None  # noqa: S101 (Scrapy sets it before middlewares)
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.max_wait = max_wait
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler, crawler.settings.getfloat("NIANBAO_RETRY_AFTER_MAX", 600.0))

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).netloc
        wait = self.paused_until.get(host, 0.0) - time.monotonic()
        if wait > 0:
            self.stats.inc_value("nianbao/politeness/waited", round(wait))
            await sleep(wait)

    def process_response(
        self, request: Request, response: Response
    ) -> Request | Response:
        header = response.headers.get("Retry-After")
        if response.status not in _THROTTLED or not header:
            return response
        delay = retry_after_seconds(header.decode("latin-1"), now=time.time())
        if delay is None or delay > self.max_wait:
            return response
        host = urlsplit(request.url).netloc
        until = time.monotonic() + delay
        self.paused_until[host] = max(self.paused_until.get(host, 0.0), until)
        spider = self.crawler.spider
        if spider is None:
            return response
        retry = get_retry_request(
            request,
            spider=spider,
            reason=f"{response.status} Retry-After {delay:g}s",
        )
        if retry is None:
            return response
        self.stats.inc_value("nianbao/politeness/retry-after")
        logger.info(
            "%s answered %d, Retry-After %gs: host paused", host, response.status, delay
        )
        return retry
