"""Workers on one shared Redis frontier crawl the six-host portal set as one worker does.

A real ``redis-server`` on 127.0.0.1 holds the frontier. The portal set is crawled from fresh
servers at the same URLs each time (its flaky page fails once per server process): once by a
single worker without a frontier (the reference), then by two ``nianbao crawl --all --frontier``
processes at once, each into its own archive. Their captures together must be the reference's
(url, kind, sha256), no URL fetched more often than by the single worker, each host fetched by
one worker only (politeness across workers), ``nianbao merge`` of the two equal to the reference
and pass ``verify``, and the frontier gone from Redis at the end. Then one worker is killed
(SIGKILL) mid-crawl: the other takes its hosts over when their leases expire and finishes
everything (the requests the killed worker had in flight are fetched again), and robots.txt
is obeyed on the hosts it took over: a forbidden page among a dead worker's requests in flight
is refused, whatever its place in the burst the survivor pops them in.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from collections import Counter
from contextlib import closing
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import redis
from scrapy import Request
from scrapy.utils.test import get_crawler

from archive import verify
from crawler.frontier import frontier_key
from crawler.frontier_queue import HostLeaseQueue, lease_key
from crawler.sampleportal.build import build_portal
from crawler.sampleportal.portalset import running_portal_set, set_hosts
from crawler.sampleportal.process import running_portal
from crawler.spiders.portal import PortalSpider
from tests.crawler.local_servers import finish, free_port, nianbao
from tests.crawler.redis_server import running_redis

if TYPE_CHECKING:
    import subprocess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HOSTS = 6
SIZE = 12
EXCHANGES = frozenset({"redirect", "retry", "robots"})
#: Short leases so a killed worker's hosts move on within seconds; three hosts per worker at
#: once, so two workers started together both get some.
FRONTIER_SETTINGS = (
    "-s", "NIANBAO_FRONTIER_LEASE=5", "-s", "NIANBAO_FRONTIER_MAX_HOSTS=3",
)  # fmt: skip


def crawl(registry, archive, *extra: str) -> subprocess.Popen[str]:
    return nianbao(
        "crawl", "--all", "--registry", str(registry), "--archive", str(archive),
        "-s", "ARCHIVE_PARSE=off", *extra,
    )  # fmt: skip


def rows(directory) -> list[tuple[str, str, str]]:
    with closing(
        sqlite3.connect(f"file:{directory}/index.sqlite?mode=ro", uri=True)
    ) as db:
        return list(
            db.execute(
                "SELECT c.url, c.kind, d.sha256 FROM captures c"
                " JOIN documents d ON d.id = c.document_id"
            )
        )


def hosts_of(captured: list[tuple[str, str, str]]) -> set[str]:
    return {urlsplit(url).hostname or "" for url, _, _ in captured}


@pytest.fixture(scope="module")
def frontier_url():
    with running_redis() as url:
        yield url


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The portal set's registry, its fixed port, and one worker's captures of it."""
    base = tmp_path_factory.mktemp("frontier")
    registry = base / "sites.toml"
    port = free_port(set_hosts(1)[0])
    with running_portal_set(hosts=HOSTS, size=SIZE, registry=registry, port=port):
        finish(crawl(registry, base / "single"))
    return registry, port, rows(base / "single")


def frontier_keys(url: str) -> list[bytes]:
    with closing(redis.Redis.from_url(url)) as client:
        return list(client.scan_iter(match="nianbao:frontier:*"))


def test_two_workers_on_one_frontier_crawl_what_one_worker_does(
    frontier_url, reference, tmp_path
):
    registry, port, single = reference
    archives = [tmp_path / "w0", tmp_path / "w1"]
    with running_portal_set(hosts=HOSTS, size=SIZE, registry=registry, port=port):
        children = [
            crawl(registry, archive, "--frontier", frontier_url, *FRONTIER_SETTINGS)
            for archive in archives
        ]
        for child in children:
            finish(child)
    parts = [rows(archive) for archive in archives]
    assert all(parts), "both workers crawled something"
    assert set(parts[0]) | set(parts[1]) == set(single)
    # no URL fetched twice: together the workers fetched each (url, kind) as often as one did
    together = Counter((u, k) for u, k, _ in parts[0] + parts[1])
    alone = Counter((u, k) for u, k, _ in single)
    assert {key: n for key, n in together.items() if n > alone[key]} == {}
    # politeness across workers: each host was fetched by one worker only
    assert not hosts_of(parts[0]) & hosts_of(parts[1])
    assert frontier_keys(frontier_url) == []  # the finished frontier is cleared

    merged = tmp_path / "merged"
    finish(nianbao("merge", *map(str, archives), "--into", str(merged)))
    assert set(rows(merged)) == set(single)
    result = verify(merged)
    assert result.ok, result.problems[:5]


def wait_for_captures(directory, count: int, child, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        try:
            if len(rows(directory)) >= count:
                return
        except sqlite3.Error:  # the index is not created yet
            pass
        time.sleep(0.05)
    pytest.fail(f"worker stored fewer than {count} captures")


@pytest.fixture(scope="module")
def after_a_kill(frontier_url, reference, tmp_path_factory):
    """One worker SIGKILLed mid-crawl, the other finishing: (killed's, survivor's, single's)."""
    registry, port, single = reference
    tmp_path = tmp_path_factory.mktemp("kill")
    killed, survivor = tmp_path / "killed", tmp_path / "survivor"
    with running_portal_set(hosts=HOSTS, size=SIZE, registry=registry, port=port):
        victim = crawl(registry, killed, "--frontier", frontier_url, *FRONTIER_SETTINGS)
        wait_for_captures(killed, 10, victim)
        other = crawl(
            registry, survivor, "--frontier", frontier_url, *FRONTIER_SETTINGS
        )
        time.sleep(1.0)
        victim.kill()
        victim.communicate(timeout=60)
        finish(other)
    return rows(killed), rows(survivor), single


def test_a_killed_workers_hosts_are_finished_by_the_other(after_a_kill, frontier_url):
    lost, kept, single = after_a_kill
    # The survivor took over hosts the killed worker held (it leases three at a time).
    assert hosts_of(kept) & hosts_of(lost)
    assert len(hosts_of(kept)) > 3
    # Nothing is lost: every page, report and attachment the single worker captured is there.
    # HTTP exchanges (robots.txt, retried answers, redirect hops) depend on which server
    # process saw a page first and on which worker asked first, so they are left out.
    reference_pages = pages(single)
    after_kill = pages(lost + kept)
    assert reference_pages <= after_kill
    # The only extras are list pages: the survivor's next-link trap guard starts afresh on a
    # chain the killed worker was reading, so it may read up to PORTAL_TRAP_PAGES more pages.
    extras = after_kill - reference_pages
    assert {kind for _, kind, _ in extras} <= {"list"}, sorted(extras)
    assert frontier_keys(frontier_url) == []


def test_robots_txt_is_obeyed_on_hosts_taken_over(after_a_kill):
    # The survivor pops a taken-over host's requests in one burst, before it has the host's
    # robots.txt; the next test makes that burst hold a forbidden page every time.
    lost, kept, _ = after_a_kill
    assert not [row for row in lost + kept if "/private/" in row[0]]


def pages(captured: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Captures that are no HTTP exchange recorded for replay and no robots.txt answer."""
    return {
        row
        for row in captured
        if row[1] not in EXCHANGES and not row[0].endswith("/robots.txt")
    }


def in_flight_on_a_dead_worker(url: str, base: str, paths: list[str]) -> list[Request]:
    """``demo-trs``'s frontier as a worker killed with ``paths`` popped leaves it.

    The requests are pushed and popped by a lease queue standing in for the dead worker, which
    never acknowledges them (the caller holds them; nothing flushes its acknowledgements) and
    whose lease is gone; the site counts as seeded, so only the taken-over requests are crawled.
    """
    crawler = get_crawler(
        PortalSpider, {"NIANBAO_FRONTIER": url, "NIANBAO_FRONTIER_LEASE": 60}
    )
    spider = PortalSpider.from_crawler(crawler, site="demo-trs", base_url=base)
    client = redis.Redis.from_url(url)
    key = frontier_key("demo-trs")
    dead = HostLeaseQueue(client, spider, key)
    dead.worker = "killed-worker"
    for path in paths:
        dead.push(
            Request(
                base.rstrip("/") + path,
                callback=spider.parse_report,
                errback=spider.errback,
                cb_kwargs={"referrer": base, "anchor": None},
                meta={"depth": 2},
            )
        )
    popped = []
    for _ in paths:
        dead._next_acquire = 0.0
        request = dead.pop()
        assert request is not None
        popped.append(request)
    client.delete(lease_key(urlsplit(base).hostname or ""))  # it stopped renewing
    client.set(f"{key}:seed", "done")
    client.close()
    return popped


def test_requests_taken_over_in_one_burst_all_meet_robots_txt(frontier_url, tmp_path):
    """A dead worker's in-flight pages of a host reach the survivor at once, before it has the
    host's robots.txt: every one of them is checked, the forbidden page (the fourth) too."""
    seed, size = 5, 12
    truth = build_portal(seed=seed, size=size)
    reports = [r.paths[0] for r in truth.reports if r.site_id == "demo-trs"][:3]
    private = truth.special.robots_disallowed
    archive = tmp_path / "survivor"
    with running_portal(seed=seed, size=size) as base:
        held = in_flight_on_a_dead_worker(frontier_url, base, [*reports, private])
        output = finish(
            crawl_site(base, archive, "--frontier", frontier_url, *FRONTIER_SETTINGS)
        )
        with urllib.request.urlopen(
            base.rstrip("/") + "/__portal__/hits?prefix=/trs/private/", timeout=10
        ) as answer:
            private_hits = json.load(answer)["hits"]
    del held
    assert "took 127.0.0.1 over; 4 requests" in output
    assert private_hits == 0
    # refused by the robots.txt middleware itself, not only by the guard at the download
    assert "reached the downloader all the same" not in output
    captured = {url for url, _, _ in rows(archive)}
    assert {base.rstrip("/") + path for path in reports} <= captured
    assert not [url for url in captured if "/private/" in url]
    with closing(
        sqlite3.connect(f"file:{archive}/index.sqlite?mode=ro", uri=True)
    ) as db:
        refused = list(db.execute("SELECT url FROM events WHERE kind = 'robots'"))
    assert refused == [(base.rstrip("/") + private,)]
    assert frontier_keys(frontier_url) == []


def crawl_site(base: str, archive, *extra: str) -> subprocess.Popen[str]:
    return nianbao(
        "crawl", "--site", "demo-trs", "--base-url", base, "--archive", str(archive),
        "-s", "ARCHIVE_PARSE=off", "-v", *extra,
    )  # fmt: skip
