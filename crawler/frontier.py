"""A shared frontier in Redis: several workers crawl one site from one queue (optional ``redis``).

``nianbao crawl … --frontier redis://HOST:PORT/DB`` (setting ``NIANBAO_FRONTIER``) makes every
worker that names the same Redis server share each site's request queue and duplicate filter:
scrapy-redis's ``Scheduler`` and ``RFPDupeFilter`` (pinned in ``pyproject.toml``), with
nianbao's ``crawler.frontier_queue.HostLeaseQueue`` as the queue class, so one host is fetched
by one worker at a time and the requests of a worker that dies are handed out again when its
host lease expires. Each worker writes its own archive; ``nianbao merge`` joins them afterwards.

scrapy-redis predates Scrapy's async ``start()`` (its spiders seed from a Redis list through
``start_requests``, which Scrapy 2.16 dropped), so ``FrontierSeedMiddleware`` adapts it: the
first worker to open a site's frontier claims the seed (``SET NX`` with an expiry while it seeds)
and its spider's start requests go into the shared queue; every other worker's are dropped, and
it waits for the claimant to finish seeding (or its claim to expire). The frontier is kept while
work remains anywhere (``SCHEDULER_PERSIST``); the worker that finds it empty at close deletes
it, so the next crawl of the site starts afresh. ``docs/scale.md`` says how to run it and what
it costs.

Settings read: ``NIANBAO_FRONTIER`` (Redis URL), ``NIANBAO_FRONTIER_LEASE`` (seconds),
``NIANBAO_FRONTIER_MAX_HOSTS``,
``NIANBAO_JOB`` (refused beside a frontier: the frontier is the job).
"""

from __future__ import annotations

import importlib.util
import logging
import re
from typing import TYPE_CHECKING

from crawler.errors import InvalidSettingError

if TYPE_CHECKING:
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)

KEY_PREFIX = "nianbao:frontier"
_SCHEMES = ("redis://", "rediss://", "unix://")


class FrontierError(InvalidSettingError):
    """A frontier that cannot work: not a Redis URL, beside a resumable job, or unreachable."""


def frontier_key(site_id: str) -> str:
    """The Redis key prefix of one site's frontier (its queue, seen set, seed claim)."""
    return f"{KEY_PREFIX}:{site_id}"


def check_frontier_url(url: str) -> str:
    """``url`` if it names a Redis server (``redis://``, ``rediss://``, ``unix://``)."""
    if not url.startswith(_SCHEMES):
        msg = f"a frontier is a Redis URL: redis://HOST:PORT/DB (got {url!r})"
        raise FrontierError(msg)
    return url


def require_frontier(url: str, *, timeout: float = 10.0) -> None:
    """Fail before crawling, with one line, when the frontier's Redis cannot be reached.

    Without this a worker whose Redis is down would start every site and fail in each one's
    scheduler with a traceback. The password in the URL is never printed.
    """
    if importlib.util.find_spec("redis") is None:
        msg = "a shared frontier needs the redis extra: pip install 'nianbao[redis]'"
        raise FrontierError(msg)
    import redis  # noqa: PLC0415 (the optional extra, only when a frontier is named)

    shown = re.sub(r"//[^@/]*@", "//***@", url)
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as exc:
        msg = f"cannot reach the frontier at {shown}: {exc}"
        raise FrontierError(msg) from exc
    finally:
        client.close()


def configure_frontier(settings: Settings, site_id: str) -> None:
    """``NIANBAO_FRONTIER`` → scrapy-redis's scheduler with nianbao's per-host lease queue.

    Called by the portal spider before its settings freeze; a no-op without a frontier.
    """
    url = settings.get("NIANBAO_FRONTIER")
    if not url:
        return
    check_frontier_url(str(url))
    if settings.get("NIANBAO_JOB") or settings.get("JOBDIR"):
        msg = "a shared frontier resumes by itself: give --frontier or --job, not both"
        raise FrontierError(msg)
    if importlib.util.find_spec("scrapy_redis") is None:
        msg = "a shared frontier needs the redis extra: pip install 'nianbao[redis]'"
        raise FrontierError(msg)
    key = frontier_key(site_id)
    for name, value in (
        ("REDIS_URL", url),
        ("SCHEDULER", "crawler.frontier_scheduler.FrontierScheduler"),
        ("SCHEDULER_QUEUE_CLASS", "crawler.frontier_queue.HostLeaseQueue"),
        ("SCHEDULER_QUEUE_KEY", key),
        ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
        ("SCHEDULER_DUPEFILTER_KEY", f"{key}:seen"),
        ("SCHEDULER_PERSIST", True),  # kept until the last worker finds it empty
    ):
        settings.set(name, value, "spider")
    middlewares = settings.getdict("SPIDER_MIDDLEWARES")
    middlewares.setdefault("crawler.frontier_scheduler.FrontierSeedMiddleware", 10)
    priority = settings.getpriority("SPIDER_MIDDLEWARES") or 0
    settings.set("SPIDER_MIDDLEWARES", middlewares, priority)
