"""On-disk seen sets: what the crawl's duplicate filter and the spider's per-crawl sets use."""

from __future__ import annotations

import gc
from pathlib import Path

from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.queues import DiskQueueScheduler
from crawler.seen import DiskDupeFilter, DiskSet
from crawler.spiders.portal import PortalSpider


def test_disk_set_adds_once_and_answers_membership():
    seen = DiskSet()
    assert seen.add("http://a/1") is True
    assert seen.add("http://a/1") is False
    assert (
        seen.add(b"http://a/1") is False
    )  # a string and its UTF-8 bytes are one member
    assert seen.add("http://a/2") is True
    assert "http://a/1" in seen
    assert "http://a/3" not in seen
    assert 42 not in seen
    assert len(seen) == 2
    seen.clear()
    assert "http://a/1" not in seen
    assert len(seen) == 0
    assert seen.add("http://a/1") is True
    seen.close()


def test_disk_set_file_is_removed_when_closed_or_collected():
    closed, dropped = DiskSet(), DiskSet()
    paths = [closed.path, dropped.path]
    assert all(path.exists() for path in paths)
    closed.close()
    del dropped
    gc.collect()
    assert not any(path.exists() for path in paths)


def test_disk_dupefilter_filters_a_repeated_request_and_keeps_no_fingerprint_set():
    crawler = get_crawler(PortalSpider)
    dupefilter = DiskDupeFilter.from_crawler(crawler)
    assert dupefilter.request_seen(Request("http://example.com/a?x=1&y=2")) is False
    # the same request with its query in another order has the same fingerprint
    assert dupefilter.request_seen(Request("http://example.com/a?y=2&x=1")) is True
    assert (
        dupefilter.request_seen(Request("http://example.com/a", method="POST")) is False
    )
    assert not dupefilter._fingerprints  # nothing kept in memory
    path = dupefilter.seen.path
    dupefilter.close("finished")
    assert not path.exists()


def test_scheduler_queues_on_disk_without_a_job_and_removes_its_directory():
    # Scrapy's default priority queue asks the running engine's downloader; this one does not
    settings = {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue"}
    crawler = get_crawler(PortalSpider, settings)
    crawler.spider = PortalSpider.from_crawler(
        crawler, site="demo-trs", base_url="http://127.0.0.1:9/"
    )
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    assert scheduler.dqs is not None
    request = Request("http://127.0.0.1:9/a", callback=crawler.spider.parse_list)
    assert scheduler.enqueue_request(request)
    assert crawler.stats.get_value("scheduler/enqueued/disk") == 1
    request = scheduler.next_request()
    assert request is not None
    assert request.url == "http://127.0.0.1:9/a"
    scratch = scheduler._scratch
    assert scratch is not None
    scheduler.close("finished")
    assert not Path(scratch).exists()
