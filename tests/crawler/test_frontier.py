"""The shared frontier's settings, command line and per-host lease queue (a real redis-server)."""

from __future__ import annotations

import gc
import time

import pytest
import redis
from click.testing import CliRunner
from scrapy import Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.cli import cli
from crawler.frontier import FrontierError, configure_frontier, frontier_key
from crawler.frontier_queue import HostLeaseQueue, lease_key
from crawler.spiders.portal import PortalSpider
from tests.crawler.local_servers import free_port
from tests.crawler.redis_server import running_redis


@pytest.fixture(scope="module")
def redis_url():
    with running_redis() as url:
        yield url


def test_configure_frontier_puts_scrapy_redis_scheduler_with_the_lease_queue():
    settings = Settings({"NIANBAO_FRONTIER": "redis://127.0.0.1:6379/3"})
    configure_frontier(settings, "demo-trs")
    assert settings["SCHEDULER"] == "crawler.frontier_scheduler.FrontierScheduler"
    assert settings["SCHEDULER_QUEUE_CLASS"] == "crawler.frontier_queue.HostLeaseQueue"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["SCHEDULER_QUEUE_KEY"] == frontier_key("demo-trs")
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/3"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert "crawler.frontier_scheduler.FrontierSeedMiddleware" in settings.getdict(
        "SPIDER_MIDDLEWARES"
    )


def test_no_frontier_changes_nothing():
    settings = Settings({"SCHEDULER": "crawler.queues.DiskQueueScheduler"})
    configure_frontier(settings, "demo-trs")
    assert settings["SCHEDULER"] == "crawler.queues.DiskQueueScheduler"


@pytest.mark.parametrize(
    "values",
    [
        {"NIANBAO_FRONTIER": "http://127.0.0.1:6379/"},
        {"NIANBAO_FRONTIER": "redis://127.0.0.1:6379/0", "NIANBAO_JOB": "daily"},
    ],
)
def test_a_frontier_that_cannot_work_is_refused(values):
    with pytest.raises(FrontierError):
        configure_frontier(Settings(values), "demo-trs")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--frontier", "127.0.0.1:6379"], "redis://HOST:PORT/DB"),
        (
            ["--frontier", "redis://127.0.0.1:6379/0", "--job", "j"],
            "--frontier or --job",
        ),
    ],
)
def test_crawl_command_refuses_a_bad_frontier_as_a_usage_error(
    tmp_path, extra, message
):
    result = CliRunner().invoke(
        cli,
        ["crawl", "--site", "demo-trs", "--base-url", "http://127.0.0.1:9/",
         "--archive", str(tmp_path), *extra],
    )  # fmt: skip
    assert result.exit_code == 2
    assert message in result.output


def lease_queue(url: str, site: str, worker: str) -> HostLeaseQueue:
    crawler = get_crawler(
        PortalSpider, {"NIANBAO_FRONTIER": url, "NIANBAO_FRONTIER_LEASE": 60}
    )
    spider = PortalSpider.from_crawler(
        crawler, site="demo-trs", base_url="http://127.0.0.1:9/"
    )
    queue = HostLeaseQueue(redis.Redis.from_url(url), spider, frontier_key(site))
    queue.worker = worker  # two workers in one test process
    return queue


def request(url: str, spider_queue: HostLeaseQueue) -> Request:
    return Request(url, callback=spider_queue.spider.parse_list)


def run_out(client: redis.Redis, host: str) -> None:
    """The host's lease expires now (as it would once its holder stops renewing it)."""
    client.pexpire(lease_key(host), 1)
    time.sleep(0.01)


def pop(queue: HostLeaseQueue) -> Request | None:
    queue._next_acquire = 0.0  # no wait between attempts to take a host
    return queue.pop()


def test_one_worker_per_host_and_a_dead_workers_requests_handed_out_again(redis_url):
    a = lease_queue(redis_url, "lease-test", "worker-a")
    b = lease_queue(redis_url, "lease-test", "worker-b")
    for path in ("1", "2", "3"):
        a.push(request(f"http://h1.test/{path}", a))
    first = pop(a)
    assert first is not None
    assert first.url == "http://h1.test/1"
    assert pop(b) is None  # h1 is leased by worker a
    b.push(request("http://h2.test/x", b))
    other = pop(b)
    assert other is not None
    assert other.url == "http://h2.test/x"
    # Scrapy is done with h2/x: acknowledged when let go, and b gives h2 back
    del other
    gc.collect()
    b.release_idle()
    assert not b.held
    client = redis.Redis.from_url(redis_url)
    assert not client.exists(lease_key("h2.test"))
    # worker a dies holding h1/1: nothing renews its lease, which runs out
    assert client.get(lease_key("h1.test")) == b"worker-a"
    run_out(client, "h1.test")
    taken = [pop(b), pop(b), pop(b)]
    assert [r.url for r in taken if r] == [
        "http://h1.test/1",  # a's request in flight, queued again first (oldest)
        "http://h1.test/2",
        "http://h1.test/3",
    ]
    assert b.counts["requeued"] == 1
    assert client.get(lease_key("h1.test")) == b"worker-b"
    # Scrapy lets go of b's requests: each is acknowledged and the frontier empties
    del first, taken
    gc.collect()
    b.flush_done()
    assert len(b) == 0
    assert not client.exists(f"{frontier_key('lease-test')}:hosts")
    b.release_idle()
    assert not b.held
    client.close()


def test_a_worker_whose_lease_ran_out_takes_its_host_back_without_refetching(redis_url):
    a = lease_queue(redis_url, "relapse-test", "worker-a")
    for path in ("1", "2"):
        a.push(request(f"http://h3.test/{path}", a))
    first = pop(a)
    assert first is not None
    client = redis.Redis.from_url(redis_url)
    run_out(client, "h3.test")  # a busy worker missed its renewals
    client.close()
    second = pop(a)
    assert second is not None
    assert second.url == "http://h3.test/2"  # not h3/1 again: a still has it in flight
    assert "requeued" not in a.counts
    del first, second
    gc.collect()
    a.release_idle()
    assert not a.held


def test_an_unreachable_frontier_is_one_error_line_before_anything_is_crawled(tmp_path):
    url = f"redis://:s3cret@127.0.0.1:{free_port()}/0"  # nothing listens there
    result = CliRunner().invoke(
        cli,
        ["crawl", "--site", "demo-trs", "--base-url", "http://127.0.0.1:9/",
         "--archive", str(tmp_path), "--frontier", url],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Error: cannot reach the frontier at redis://***@127.0.0.1:" in result.output
    assert "s3cret" not in result.output
    assert not (tmp_path / "index.sqlite").exists()


def test_a_request_is_marked_seen_and_queued_in_one_step(redis_url):
    queue = lease_queue(redis_url, "push-test", "worker-a")
    seen = f"{frontier_key('push-test')}:seen"
    client = redis.Redis.from_url(redis_url)
    first = request("http://h4.test/report.html", queue)
    assert queue.push_unseen(first, seen_key=seen, fingerprint="fp-report")
    # the same fingerprint again (another worker found the link too): refused, not queued
    again = request("http://h4.test/report.html", queue)
    assert not queue.push_unseen(again, seen_key=seen, fingerprint="fp-report")
    assert client.smembers(seen) == {b"fp-report"}
    assert len(queue) == 1
    # unfiltered (dont_filter), a request goes in whatever the seen set holds
    assert queue.push_unseen(again, seen_key=seen, fingerprint="")
    assert len(queue) == 2
    popped = [pop(queue), pop(queue)]
    assert [r.url for r in popped if r] == ["http://h4.test/report.html"] * 2
    del popped
    gc.collect()
    queue.release_idle()
    queue.clear()
    client.close()


def test_higher_priority_requests_are_popped_first(redis_url):
    queue = lease_queue(redis_url, "priority-test", "worker-a")
    for path, priority in (("low", -5), ("normal", 0), ("high", 10)):
        queue.push(Request(f"http://h5.test/{path}", priority=priority))
    popped = [pop(queue) for _ in range(3)]
    assert [r.url.rsplit("/", 1)[1] for r in popped if r] == ["high", "normal", "low"]
    del popped
    gc.collect()
    queue.release_idle()
    queue.clear()
