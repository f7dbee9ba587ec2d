"""robots.txt obeyed by every request: Scrapy's middleware with its waiters fixed, and a last check.

Scrapy 2.19's ``RobotsTxtMiddleware`` keeps one pending ``Deferred`` per host while that host's
robots.txt downloads, and every request that arrives meanwhile awaits it through
``maybe_deferred_to_future``, that is ``Deferred.asFuture``, which *consumes* the result: the
first waiter gets the parsed robots.txt and every later one gets ``None``, which the middleware
reads as "no robots.txt" and lets through unchecked. (The request that started the download reads
the parser from the cache, so it is checked.) A crawl rarely has several requests waiting on one
host's robots.txt, since a site starts from one page; but a worker that takes a host over on a
shared frontier (``crawler.frontier_queue``) pops the dead worker's requests of that host in one
burst, before it has that host's robots.txt, and the third and later of them were fetched
whatever robots.txt said. A resumed job, or a site with several start pages on one host, can do
the same.

``RobotsTxtMiddleware`` (in place of Scrapy's, at its priority) hands every waiter the parsed
robots.txt. ``RobotsGuardMiddleware`` is the last downloader middleware before the download
handler: whatever path a request took to get there (a redirect or retry, a request a middleware
made, one that carries ``dont_obey_robotstxt``, a robots.txt middleware that let it through), a
URL that its host's robots.txt, as this crawl parsed it, forbids is dropped with a WARNING line,
the stat ``nianbao/robots/dropped-at-download`` and an ``IgnoreRequest`` whose message the
spider's errback records as a ``robots`` event. Only robots.txt fetches themselves pass it
unchecked; a host whose robots.txt this crawl has not parsed (its download failed: Scrapy then
allows everything) is not checked either.

Settings read: ``ROBOTSTXT_OBEY`` (both are off without it), ``ROBOTSTXT_USER_AGENT``,
``USER_AGENT``, ``ROBOTSTXT_PARSER``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares import robotstxt
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

DROPPED_STAT = "nianbao/robots/dropped-at-download"
_ROBOTS_PATH = "/robots.txt"


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, every request that waited for robots.txt checked too."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        # Once the shared Deferred has fired, the cache holds what it fired with (the parser,
        # or None after a failed download), whichever waiter this is.
        settled = self._parsers.get(urlparse_cached(request).netloc, parser)
        return parser if isinstance(settled, Deferred) else settled


def is_robots_fetch(request: Request) -> bool:
    """A robots.txt download of the robots.txt middleware (or a redirect hop of one)."""
    if not request.meta.get("dont_obey_robotstxt"):
        return False
    chain = [*request.meta.get("redirect_urls", ()), request.url]
    return urlsplit(str(chain[0])).path == _ROBOTS_PATH


class RobotsGuardMiddleware:
    """Drop, just before the download, a request that its host's parsed robots.txt forbids."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            msg = "ROBOTSTXT_OBEY is off"
            raise NotConfigured(msg)
        self.crawler = crawler
        self.robots_user_agent: str | None = (
            settings.get("ROBOTSTXT_USER_AGENT") or None
        )
        self.default_user_agent: str = settings["USER_AGENT"]
        #: netloc → the robots.txt parsed for it in this crawl (Scrapy's robots_parsed signal)
        self.parsers: dict[str, RobotParser] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsGuardMiddleware:
        guard = cls(crawler)
        crawler.signals.connect(guard.robots_parsed, signal=signals.robots_parsed)
        return guard

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        self.parsers[urlparse_cached(request).netloc] = robotparser

    def process_request(self, request: Request) -> None:
        if is_robots_fetch(request):
            return
        parser = self.parsers.get(urlparse_cached(request).netloc)
        if parser is None:
            return
        user_agent = self.robots_user_agent or request.headers.get(
            b"User-Agent", self.default_user_agent
        )
        if parser.allowed(request.url, user_agent or self.default_user_agent):
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(DROPPED_STAT)
        logger.warning(
            "robots.txt: %s is forbidden and reached the downloader all the same; dropped",
            request.url,
        )
        msg = "Forbidden by robots.txt (dropped before the download)"
        raise IgnoreRequest(msg)
