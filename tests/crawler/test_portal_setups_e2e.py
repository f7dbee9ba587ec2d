"""End to end: every Hanweb jpage set-up, TRS page lists, and the politeness and safety cases.

A portal of its own (another seed than the session portal, served with ``--hostile``) so the
server's request log holds only these crawls: one crawl of the TRS site, one of the Hanweb site. Assertions read the
archive and the log (``/__portal__/log``): what was asked for, how, and when.
"""

from __future__ import annotations

import json
import math
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import pytest
import sqlite_utils

from crawler.sampleportal import build_portal
from crawler.sampleportal.hanweb_setups import SETUPS, claimed_total, proxy_of
from crawler.sampleportal.process import running_portal
from tests.crawler.test_crawl_e2e import path_of, run_scrapy

pytestmark = pytest.mark.e2e

SEED = 11
SIZE = 30
MAX_LINKS = 60


@dataclass
class Run:
    url: str
    truth: object
    dbs: dict[str, sqlite_utils.Database]
    logs: dict[str, str]

    def requests(self, prefix: str = "/") -> list[dict]:
        with urllib.request.urlopen(
            f"{self.url}__portal__/log?prefix={prefix}"
        ) as answer:
            return json.load(answer)

    def events(self, site: str, kind: str) -> list[dict]:
        return list(self.dbs[site].query("select * from events where kind = ?", [kind]))

    def stats(self, site: str) -> dict:
        return json.loads(
            next(self.dbs[site].query("select stats from crawls"))["stats"]
        )


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    truth = build_portal(seed=SEED, size=SIZE, hostile=True)
    with running_portal(seed=SEED, size=SIZE, hostile=True) as url:
        dbs, logs = {}, {}
        for site in ("demo-trs", "demo-hanweb"):
            directory = tmp_path_factory.mktemp(site)
            done = run_scrapy(
                site, url, directory, "-s", f"PORTAL_MAX_LINKS_PER_PAGE={MAX_LINKS}"
            )
            assert done.returncode == 0, done.stderr[-2000:]
            assert "Traceback" not in done.stderr
            dbs[site] = sqlite_utils.Database(directory / "index.sqlite")
            logs[site] = done.stderr
        yield Run(url, truth, dbs, logs)


def hanweb_variant_columns(truth):
    return [
        c
        for c in truth.columns.values()
        if c.site_id == "demo-hanweb" and c.paging != (15, 3)
    ]


# ---------------------------------------------------------------- Hanweb


def test_every_hanweb_report_is_captured_whatever_the_setup(run):
    captured = {
        path_of(c["url"])
        for c in run.dbs["demo-hanweb"].query(
            "select url from captures where kind in ('report', 'attachment')"
        )
    }
    reports = [r for r in run.truth.reports if r.site_id == "demo-hanweb"]
    missing = [p for r in reports for p in r.paths if p not in captured]
    assert not missing
    setups = {c.setup for c in run.truth.columns.values() if c.site_id == "demo-hanweb"}
    assert setups == set(SETUPS)


def test_every_later_group_is_a_post_with_the_columns_parameters(run):
    posts = [r for r in run.requests("/") if "dataproxy.jsp" in r["path"]]
    assert posts
    assert {r["method"] for r in posts} == {"POST"}
    asked: dict[tuple[str, str], dict] = {}
    for r in posts:
        parts = urlsplit(r["path"])
        start = dict(parse_qsl(parts.query))["startrecord"]
        asked[(r["form"].get("columnid", ""), start)] = {
            **r["form"],
            "proxy": parts.path,
        }
    for column in hanweb_variant_columns(run.truth):
        cid = column.key.split(":", 1)[1]
        per_page, group_size = column.paging
        group = per_page * group_size
        total = claimed_total(column)
        starts = range(group + 1, total + 1, group)
        assert len(starts) == math.ceil(total / group) - 1
        for start in starts:
            form = asked.get((cid, str(start)))
            assert form is not None, (column.setup, start)
            assert form["proxy"] == proxy_of(column.setup)
            assert form["unitid"] == f"U{cid}"
            # decoded once, even where the page encoded it twice
            assert form["webname"] == "示范县"


def test_a_short_answer_gives_list_incomplete_events_only_for_that_column(run):
    (short,) = [c for c in hanweb_variant_columns(run.truth) if c.setup == "short"]
    cid = short.key.split(":", 1)[1]
    events = run.events("demo-hanweb", "list-incomplete")
    assert events
    assert all(f"/col/col{cid}/" in e["referrer"] for e in events)
    missing = sum(
        int(e["detail"].split(" of ")[1].split()[0])
        - int(e["detail"].split(": ")[1].split(" of ")[0])
        for e in events
    )
    assert missing == claimed_total(short) - len(short.entries)
    stats = run.stats("demo-hanweb")
    expected = stats["nianbao/hanweb/records-expected"]
    assert expected - stats["nianbao/hanweb/records-received"] == missing


# ---------------------------------------------------------------- TRS


def test_duplicate_filtered_requests_stay_below_pages_fetched(run):
    for site in ("demo-trs", "demo-hanweb"):
        stats = run.stats(site)
        pages = stats.get("response_received_count", 0)
        assert pages > 0
        assert stats.get("dupefilter/filtered", 0) <= pages


def test_a_column_page_is_fetched_once_whether_linked_as_directory_or_index(run):
    gets = [r["path"] for r in run.requests("/trs/") if r["method"] == "GET"]
    start = "/trs/zfxxgk/zfxxgknb/index.html"
    assert gets.count(start) == 1
    assert "/trs/zfxxgk/zfxxgknb/" not in gets
    directories = [p for p in gets if p.endswith("/") and "/xzjd/" in p]
    assert directories  # the sample portal links some street columns as directories
    for directory in directories:
        assert gets.count(directory) == 1
        assert f"{directory}index.html" not in gets


# ---------------------------------------------------------------- politeness and safety


def test_retry_after_is_honoured_before_the_retry(run):
    safety = run.truth.safety
    hits = [r for r in run.requests(safety.rate_limited) if r["method"] == "GET"]
    assert len(hits) == 2
    assert hits[1]["at"] - hits[0]["at"] >= safety.retry_after
    kinds = {
        c["kind"]
        for c in run.dbs["demo-trs"].query(
            "select kind from captures where url like ?", [f"%{safety.rate_limited}"]
        )
    }
    # the report is archived (the 429 itself may be kept as a retried answer, never as an error)
    assert "report" in kinds
    assert kinds <= {"report", "retry"}


def test_behaviour_only_challenge_is_an_event_never_a_report(run):
    safety = run.truth.safety
    assert [path_of(e["url"]) for e in run.events("demo-trs", "challenge")] == [
        safety.challenge
    ]
    kinds = [
        (c["kind"], c["status"])
        for c in run.dbs["demo-trs"].query(
            "select kind, status from captures where url like ?",
            [f"%{safety.challenge}"],
        )
    ]
    assert kinds == [("error", 202)]


def test_every_drop_leaves_an_event_with_its_reason(run):
    safety = run.truth.safety
    by_path = {
        path_of(e["url"]): (e["kind"], e["detail"])
        for kind in ("too-large", "redirect-loop", "offsite")
        for e in run.events("demo-trs", kind)
    }
    assert by_path[safety.gzip_bomb][0] == "too-large"
    assert "decompression" in by_path[safety.gzip_bomb][1]
    assert by_path[safety.streamed_large][0] == "too-large"
    assert "Content-Length" in by_path[safety.streamed_large][1]
    assert by_path[safety.redirect_loop[0]][0] == "redirect-loop"
    assert by_path[safety.offsite_redirect][0] == "offsite"
    assert not run.requests("/offsite/moved.html")


def test_a_flood_of_links_is_cut_at_the_cap_with_one_event(run):
    safety = run.truth.safety
    (event,) = run.events("demo-trs", "link-cap")
    directory = safety.flood_column.rsplit("/", 1)[0] + "/"
    assert path_of(event["url"]) in (safety.flood_column, directory)
    assert f"left {safety.flood_links - MAX_LINKS}" in event["detail"]
    assert len(run.requests(f"{directory}2024/")) == MAX_LINKS
