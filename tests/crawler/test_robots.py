"""robots.txt for every request: the waiters of a host's robots.txt, and the guard at the download."""

from __future__ import annotations

import asyncio
import logging

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import TextResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.signals import robots_parsed
from scrapy.utils.test import get_crawler

from crawler.middlewares import event_of_failure
from crawler.robots import (
    DROPPED_STAT,
    RobotsGuardMiddleware,
    RobotsTxtMiddleware,
    is_robots_fetch,
)

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class Portal(Spider):
    name = "portal"


class HeldRobotsDownload:
    """An engine whose robots.txt downloads wait until the test lets them finish."""

    def __init__(self, body: bytes | None) -> None:
        self.body = body
        self.released = asyncio.get_running_loop().create_future()
        self.downloads: list[str] = []

    async def download_async(self, request: Request) -> TextResponse:
        self.downloads.append(request.url)
        await self.released
        if self.body is None:
            msg = "connection refused"
            raise ConnectionRefusedError(msg)
        return TextResponse(request.url, body=self.body, encoding="utf-8")


async def check_together(urls: list[str], body: bytes | None) -> tuple[list[str], list]:
    """``urls`` all reach the middleware before their host's robots.txt is in."""
    crawler = get_crawler(Portal, {"ROBOTSTXT_OBEY": True})
    crawler.spider = Portal()
    engine = HeldRobotsDownload(body)
    crawler.engine = engine
    middleware = RobotsTxtMiddleware.from_crawler(crawler)
    checks = [
        asyncio.ensure_future(middleware.process_request(Request(u))) for u in urls
    ]
    await asyncio.sleep(0)  # every request is waiting now
    engine.released.set_result(None)
    results = await asyncio.gather(*checks, return_exceptions=True)
    return engine.downloads, results


def test_every_request_that_waited_for_robots_txt_is_checked_against_it():
    urls = [f"http://h.test/private/{n}.html" for n in range(5)]
    urls.insert(3, "http://h.test/open.html")
    downloads, results = asyncio.run(check_together(urls, ROBOTS))
    assert downloads == ["http://h.test/robots.txt"]  # one download for all of them
    # Scrapy's own middleware refuses only the first two here: later waiters got no parser
    verdicts = ["refused" if isinstance(r, IgnoreRequest) else r for r in results]
    assert verdicts == ["refused", "refused", "refused", None, "refused", "refused"]


def test_a_robots_txt_that_cannot_be_fetched_lets_every_waiter_through():
    # Scrapy's documented behaviour, kept: no robots.txt read, nothing forbidden
    urls = [f"http://h.test/private/{n}.html" for n in range(3)]
    _, results = asyncio.run(check_together(urls, None))
    assert results == [None, None, None]


def guard_with(robots: bytes | None = ROBOTS, **settings):
    crawler = get_crawler(Portal, {"ROBOTSTXT_OBEY": True, **settings})
    guard = RobotsGuardMiddleware.from_crawler(crawler)
    if robots is not None:
        parser = ProtegoRobotParser.from_crawler(crawler, robots)
        crawler.signals.send_catch_log(
            robots_parsed, robotparser=parser, request=Request("http://h.test/a")
        )
    return crawler, guard


def test_guard_drops_a_forbidden_request_that_reached_the_download(caplog):
    crawler, guard = guard_with()
    # it carries the robots.txt middleware's own exemption, as a copied meta would
    request = Request(
        "http://h.test/private/1.html", meta={"dont_obey_robotstxt": True}
    )
    with (
        caplog.at_level(logging.WARNING, logger="crawler.robots"),
        pytest.raises(IgnoreRequest) as dropped,
    ):
        guard.process_request(request)
    assert crawler.stats.get_value(DROPPED_STAT) == 1
    assert "http://h.test/private/1.html" in caplog.text
    # the spider's errback records it as a robots event, not as a silent skip
    assert event_of_failure(dropped.value) == ("robots", str(dropped.value))


def test_guard_lets_allowed_pages_other_hosts_and_robots_fetches_through():
    crawler, guard = guard_with(b"User-agent: *\nDisallow: /\n")
    robots = Request("http://h.test/robots.txt", meta={"dont_obey_robotstxt": True})
    hop = Request(
        "http://h.test/moved/robots.txt",
        meta={
            "dont_obey_robotstxt": True,
            "redirect_urls": ["http://h.test/robots.txt"],
        },
    )
    for request in (robots, hop, Request("http://other.test/private/1.html")):
        assert guard.process_request(request) is None
    _, open_guard = guard_with()
    assert open_guard.process_request(Request("http://h.test/open.html")) is None
    assert crawler.stats.get_value(DROPPED_STAT) is None


def test_guard_reads_robots_txt_with_the_configured_user_agent():
    body = b"User-agent: nianbao\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    _, guard = guard_with(body, ROBOTSTXT_USER_AGENT="nianbao")
    with pytest.raises(IgnoreRequest):
        guard.process_request(Request("http://h.test/page.html"))
    _, other = guard_with(body, USER_AGENT="another-bot")
    assert other.process_request(Request("http://h.test/page.html")) is None


def test_a_page_is_no_robots_fetch_for_carrying_the_exemption():
    assert is_robots_fetch(
        Request("http://h.test/robots.txt", meta={"dont_obey_robotstxt": True})
    )
    assert not is_robots_fetch(Request("http://h.test/robots.txt"))
    assert not is_robots_fetch(
        Request("http://h.test/p.html", meta={"dont_obey_robotstxt": True})
    )


def test_guard_is_off_when_robots_txt_is_not_obeyed():
    with pytest.raises(NotConfigured):
        RobotsGuardMiddleware.from_crawler(
            get_crawler(Portal, {"ROBOTSTXT_OBEY": False})
        )
