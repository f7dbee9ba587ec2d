"""The shared frontier's scrapy-redis scheduler and its seeding under Scrapy's async ``start()``.

``crawler.frontier`` configures both (``NIANBAO_FRONTIER``); ``crawler.frontier_queue`` is the
per-host lease queue they drive. ``FrontierScheduler`` is scrapy-redis's ``Scheduler`` (its
duplicate filter in Redis, its queue class loaded from ``SCHEDULER_QUEUE_CLASS``) plus what the
lease queue needs from it: a request marked seen and queued in one atomic step, a timer that
renews the leases, an idle check that counts work left on *any* worker (a worker waits while
others may still queue requests), and a close that hands held hosts back and, when nothing is
left anywhere, clears the frontier. ``FrontierSeedMiddleware``
lets one worker's start requests in (see ``crawler.frontier``).

Settings read: ``NIANBAO_FRONTIER``, ``NIANBAO_FRONTIER_LEASE``, scrapy-redis's ``REDIS_URL``
and ``SCHEDULER_QUEUE_KEY`` (set by ``crawler.frontier.configure_frontier``).
"""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis import connection
from scrapy_redis.scheduler import Scheduler
from twisted.internet import reactor, task

from crawler.frontier_queue import new_worker_id

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Request
    from scrapy.crawler import Crawler

    from crawler.frontier_queue import HostLeaseQueue

logger = logging.getLogger(__name__)

STATS_PREFIX = "nianbao/frontier/"
#: Seconds a worker waits between looks at a seed another worker is writing.
SEED_POLL = 0.5
_DONE = (b"done", "done")


class FrontierScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis ships no type hints
    """scrapy-redis's scheduler over ``HostLeaseQueue``: leases renewed, work handed back."""

    queue: HostLeaseQueue

    def open(self, spider: Any) -> None:
        super().open(spider)
        self._renewal = task.LoopingCall(self._renew)
        self._renewal.start(self.queue.lease_ms / 3000, now=False)

    def enqueue_request(self, request: Request) -> bool:
        """Mark ``request`` seen and queue it in one atomic step (``HostLeaseQueue.push_unseen``).

        scrapy-redis's scheduler asks its duplicate filter, then pushes: a worker killed between
        the two left a URL that every worker's filter drops and none fetches.
        """
        fingerprint = (
            "" if request.dont_filter else self.df.request_fingerprint(request)
        )
        if not self.queue.push_unseen(
            request, seen_key=self.df.key, fingerprint=fingerprint
        ):
            self.df.log(request, self.spider)
            return False
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _renew(self) -> None:
        try:
            self.queue.renew()
        except (
            Exception
        ):  # a Redis hiccup must not stop the loop; the next tick retries
            logger.exception("frontier: renewing leases failed")

    def has_pending_requests(self) -> bool:
        """Work left anywhere in this site's frontier, or a seed still being written.

        Requests this worker still holds count through Scrapy's own idle check (downloader,
        scraper); one whose last reference sits in a reference cycle is freed by a collection
        here, so the frontier does not wait on it.
        """
        queue = self.queue
        if queue.in_flight() and not self.spider.crawler.engine.downloader.active:
            gc.collect()
        queue.flush_done()
        queue.release_idle()
        if self.server.exists(f"{queue.key}:hosts"):
            return True
        seed = self.server.get(f"{queue.key}:seed")
        return seed is not None and seed not in _DONE

    def close(self, reason: str) -> None:
        if getattr(self, "_renewal", None) is not None and self._renewal.running:
            self._renewal.stop()
        queue = self.queue
        queue.return_all()
        if self.stats is not None:
            for name, count in queue.counts.items():
                self.stats.set_value(STATS_PREFIX + name, count, spider=self.spider)
        seed = self.server.get(f"{queue.key}:seed")
        finished = not self.server.exists(f"{queue.key}:hosts") and seed in _DONE
        if finished:
            # the crawl is over everywhere: the next crawl of the site starts afresh
            self.df.clear()
            queue.clear()
            logger.info("frontier %s finished: cleared", queue.key)
        else:
            logger.info(
                "frontier %s kept: work left for other workers (%s)", queue.key, reason
            )


class FrontierSeedMiddleware:
    """Let one worker's start requests into the shared queue: scrapy-redis under ``start()``."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = connection.from_settings(settings)
        self.ttl_ms = max(1, int(settings.getfloat("NIANBAO_FRONTIER_LEASE") * 1000))
        self.key = f"{settings['SCHEDULER_QUEUE_KEY']}:seed"
        self.worker = new_worker_id()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierSeedMiddleware:
        if not crawler.settings.get("NIANBAO_FRONTIER"):
            msg = "no shared frontier"
            raise NotConfigured(msg)
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        while True:
            if self.server.set(
                self.key, f"seeding:{self.worker}", nx=True, px=self.ttl_ms
            ):
                break
            state = self.server.get(self.key)
            if state in _DONE:
                logger.info(
                    "frontier: seeded by another worker; pulling from the queue"
                )
                self._count("seed-skipped")
                return
            await maybe_deferred_to_future(
                task.deferLater(reactor, SEED_POLL, lambda: None)
            )
        async for item_or_request in start:
            self.server.pexpire(self.key, self.ttl_ms)
            yield item_or_request
        self.server.set(self.key, "done")
        self._count("seeded")

    def _count(self, name: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(STATS_PREFIX + name)
