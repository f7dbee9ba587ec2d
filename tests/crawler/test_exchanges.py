"""``ExchangeRecorderMiddleware``: which answers it archives, and how, on hand-made responses.

It must archive exactly what Scrapy's redirect, retry and robots.txt handling will consume:
a followed 3xx, a retryable status with attempts left, a robots.txt fetch; and leave the answers
the spider gets (a 200, a 304, the last failed attempt, a 3xx the request keeps) to the spider.
"""

from __future__ import annotations

import errno
import gzip

import pytest
import sqlite_utils
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from archive import ArchiveNotWritableError
from crawler.diskfull import DISK_FULL_STAT
from crawler.exchanges import ExchangeRecorderMiddleware, decoded_body

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def recorder(tmp_path):
    crawler = get_crawler(
        Spider, settings_dict={"ARCHIVE_DIR": str(tmp_path / "archive")}
    )
    crawler.spider = crawler._create_spider("portal")
    crawler.stats.open_spider()
    middleware = ExchangeRecorderMiddleware.from_crawler(crawler)
    middleware.spider_opened(crawler.spider)
    yield crawler, middleware
    middleware.spider_closed(crawler.spider)


def answer(url, status, *, meta=None, headers=None, body=b""):
    request = Request(url, meta=meta or {})
    return request, Response(
        url, status=status, headers=headers, body=body, request=request
    )


@pytest.mark.parametrize(
    ("status", "meta", "headers", "kind"),
    [
        (301, {}, {"Location": "/new"}, "redirect"),
        (302, {"dont_redirect": True}, {"Location": "/new"}, None),
        (301, {"handle_httpstatus_list": [301]}, {"Location": "/new"}, None),
        (301, {}, {}, None),  # no Location: nothing to follow
        (500, {}, {}, "retry"),
        (500, {"retry_times": 2}, {}, None),  # the last attempt reaches the spider
        (503, {"dont_retry": True}, {}, None),
        (404, {}, {}, None),
        (304, {}, {}, None),  # crawler.incremental's revisit
        (200, {}, {}, None),
    ],
)
def test_exchange_kind_follows_what_scrapy_will_do(
    recorder, status, meta, headers, kind
):
    _, middleware = recorder
    request, response = answer(f"{BASE}/a.html", status, meta=meta, headers=headers)
    assert middleware.exchange_kind(request, response) == kind


def test_robots_txt_fetched_by_scrapy_is_a_robots_exchange(recorder):
    _, middleware = recorder
    request, response = answer(
        f"{BASE}/robots.txt", 200, meta={"dont_obey_robotstxt": True}
    )
    assert middleware.exchange_kind(request, response) == "robots"


def test_recorded_answers_are_captures_of_their_kind_and_pass_through(
    recorder, tmp_path
):
    crawler, middleware = recorder
    request, hop = answer(
        f"{BASE}/old.html",
        301,
        headers={"Location": f"{BASE}/new.html", "Content-Encoding": "gzip"},
        body=gzip.compress(b"moved"),
    )
    assert middleware.process_response(request, hop) is hop
    request, failed = answer(f"{BASE}/flaky.html", 500, body=b"oops")
    assert middleware.process_response(request, failed) is failed
    request, fine = answer(f"{BASE}/new.html", 200, body=b"report")
    assert middleware.process_response(request, fine) is fine
    db = sqlite_utils.Database(tmp_path / "archive" / "index.sqlite")
    rows = list(db.query("select url, status, kind, size from captures order by id"))
    db.close()
    assert rows == [
        {"url": f"{BASE}/old.html", "status": 301, "kind": "redirect", "size": 5},
        {"url": f"{BASE}/flaky.html", "status": 500, "kind": "retry", "size": 4},
    ]
    assert crawler.stats.get_value("nianbao/archive/exchanges/redirect") == 1
    assert crawler.stats.get_value("nianbao/archive/exchanges/retry") == 1


def test_decoded_body_refuses_what_it_cannot_decode():
    assert decoded_body(b"plain", "") == b"plain"
    assert decoded_body(b"not gzip", "gzip") is None
    assert decoded_body(b"x", "br") is None


def test_a_full_disk_while_recording_stops_the_crawl(recorder, monkeypatch):
    crawler, middleware = recorder

    def no_space(capture):
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise ArchiveNotWritableError("cannot write the WARC record") from exc

    monkeypatch.setattr(middleware.archive, "store", no_space)
    request, failed = answer(f"{BASE}/flaky.html", 500, body=b"oops")
    assert middleware.process_response(request, failed) is failed  # never raises
    assert crawler.stats.get_value("nianbao/archive/exchanges/store-error") == 1
    assert "cannot write" in crawler.stats.get_value(DISK_FULL_STAT)
