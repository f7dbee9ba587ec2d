"""A plain Scrapy crawl of a fixed request list: the baseline ``crawl_bench.py`` measures against.

Nothing of the project runs here: no ``crawler.settings``, no project middleware, pipeline,
extension, item or spider class. One small spider per site fetches exactly the requests the
project's crawl of that site made (method, URL, form body, as its WARC ``request`` records hold
them; ``crawl_bench.requests_from_archive`` reads them), and drops every answer. The sites run as one
crawler each in one ``CrawlerProcess``, as ``nianbao crawl`` runs them, with the concurrency and
politeness the project's spider gives a loopback sample portal (``PORTAL_LOCAL_FAST``: no delay,
no AutoThrottle, 8 requests per domain, 16 per crawler, robots.txt obeyed, the same retries).

    python bench/plain_crawl.py REQUESTS.json     # {"site id": [[method, url, body], ...]}
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import scrapy
from scrapy.crawler import CrawlerProcess

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

#: The project's identity and politeness for a loopback portal, spelled out (not imported).
PLAIN_SETTINGS: dict[str, Any] = {
    "USER_AGENT": "nianbao/0.1 (archiver of government information-disclosure annual reports)",
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 60,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "DOWNLOAD_MAXSIZE": 200 * 1024 * 1024,
    "REDIRECT_MAX_TIMES": 10,
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    # Scrapy's cookie middleware would fetch the Public Suffix List from the internet
    "COOKIES_ENABLED": False,
    "LOG_LEVEL": "INFO",
}

Requests = dict[str, list[tuple[str, str, str]]]


class PlainSpider(scrapy.Spider):
    """Fetch a fixed list of requests; keep nothing."""

    name = "plain"
    # error answers are downloaded like any other (the project captures them)
    handle_httpstatus_list: ClassVar[list[int]] = [*range(400, 430), *range(500, 530)]

    def __init__(self, requests: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.planned = requests

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for method, url, body in self.planned:
            headers = (
                {"Content-Type": "application/x-www-form-urlencoded"} if body else None
            )
            yield scrapy.Request(
                url,
                method=method,
                body=body.encode(),
                headers=headers,
                callback=self.parse,
                dont_filter=True,
            )

    def parse(self, response: scrapy.http.Response, **kwargs: Any) -> None:
        return None


def main() -> None:
    requests: Requests = json.loads(Path(sys.argv[1]).read_text())
    process = CrawlerProcess(PLAIN_SETTINGS)
    for planned in requests.values():
        process.crawl(PlainSpider, requests=[tuple(r) for r in planned])
    process.start()


if __name__ == "__main__":
    main()
