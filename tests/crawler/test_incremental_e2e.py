"""End to end: crawl the sample portal three times into one archive with the incremental middleware.

Run 1 archives everything. Run 2 (portal unchanged, default policy: the sample reports were
published years ago) requests no report page or attachment at all, and its list pages are
answered 304. Run 3 with ``NIANBAO_REFRESH`` re-checks every report and attachment: all answered
304, reached through the archived list bodies, no body downloaded again. Counts come from each
crawl's stats as stored in ``crawls.stats``. A small in-test portal that can change (one report
corrected, one added) checks that the next crawl archives exactly one new version and one new
report.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import sqlite_utils

from archive import report_history, verify
from archive import stats as archive_stats
from crawler.sampleportal.reportgen import (
    correct_one_number,
    generate_numbers,
    render_html,
)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SITE = "demo-trs"
MIDDLEWARES = json.dumps(
    {
        "crawler.middlewares.SoftNotFoundMiddleware": 530,
        "crawler.middlewares.ChallengeMiddleware": 540,
        "crawler.incremental.ConditionalRequestMiddleware": 580,
    }
)
BODY_KINDS = ("report", "attachment")


@dataclass
class Run:
    crawl_id: int
    status: str
    stats: dict


def crawl(base_url: str, archive_dir: Path, *extra: str) -> None:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal",
        "-a", f"site={SITE}", "-a", f"base_url={base_url}",
        "-s", f"ARCHIVE_DIR={archive_dir}", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "PORTAL_MAX_LIST_PAGES=8", "-s", f"DOWNLOADER_MIDDLEWARES={MIDDLEWARES}",
        *extra,
    ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]


@pytest.fixture(scope="module")
def runs(portal, tmp_path_factory):
    directory = tmp_path_factory.mktemp("incremental")
    crawl(portal.url, directory)
    db = sqlite_utils.Database(directory / "index.sqlite")
    documents_after_first = db.table("documents").count
    db.close()
    crawl(portal.url, directory)
    crawl(portal.url, directory, "-s", "NIANBAO_REFRESH=True")
    db = sqlite_utils.Database(directory / "index.sqlite")
    done = [
        Run(row["id"], row["status"], json.loads(row["stats"]))
        for row in db.query("select id, status, stats from crawls order by id")
    ]
    yield directory, db, done, documents_after_first
    db.close()


def _urls(db, crawl_id, where):
    return {
        r["url"]
        for r in db.query(
            f"select url from captures where crawl_id = ? and {where}", [crawl_id]
        )
    }


def test_every_run_finishes_and_the_archive_verifies(runs):
    directory, _, done, _ = runs
    assert [r.status for r in done] == ["finished", "finished", "finished"]
    result = verify(directory)
    assert result.ok, result.problems


def test_unchanged_recrawl_requests_only_list_pages_and_gets_304s(runs):
    _, db, (first, second, _), documents_after_first = runs
    bodies_first = _urls(db, first.crawl_id, "kind in ('report', 'attachment')")
    lists_first = _urls(db, first.crawl_id, "kind = 'list'")
    assert bodies_first, "the first crawl archived no report"
    assert not (_urls(db, second.crawl_id, "1") & bodies_first)
    # start pages answer 304; the pages after an unchanged start page are not asked for
    lists_second = _urls(db, second.crawl_id, "kind = 'not-modified'") & lists_first
    assert lists_second
    assert len(lists_second) < len(lists_first)
    # (a list reached only from a skipped page is not asked for either, so not every
    # missing list page is counted as skipped)
    assert (
        0
        < second.stats["nianbao/incremental/pages-skipped"]
        <= len(lists_first - lists_second)
    )
    assert not _urls(db, second.crawl_id, "kind = 'list'")
    stats = second.stats
    # reports linked from the start pages are skipped by the revisit policy; those on the
    # further pages are not even reached
    assert (
        0
        < stats["nianbao/incremental/skipped/report"]
        < len(_urls(db, first.crawl_id, "kind = 'report'"))
    )
    # lists, plus the pages kept as soft-404/error (never parsed: no stated date, so still new)
    assert (
        stats["downloader/response_status_count/304"]
        == stats["nianbao/incremental/not-modified"]
    )
    assert not _urls(db, second.crawl_id, "status = 200 and kind != 'list'")
    assert "nianbao/archive/documents/new" not in stats
    assert db.table("documents").count == documents_after_first


def test_unchanged_recrawl_costs_a_small_fraction_of_the_first(runs):
    _, _, (first, second, _), _ = runs
    byte_ratio = (
        second.stats["downloader/response_bytes"]
        / first.stats["downloader/response_bytes"]
    )
    request_ratio = (
        second.stats["downloader/request_count"]
        / first.stats["downloader/request_count"]
    )
    assert byte_ratio < 0.02, byte_ratio
    # further list pages of unchanged start pages are skipped too (the limit was 0.5 before;
    # robots.txt and the start pages are a fixed cost on this 38-request fixture)
    assert request_ratio < 0.25, request_ratio


def test_refresh_rechecks_every_report_with_304s_and_downloads_no_body(runs):
    _, db, (first, _, third), documents_after_first = runs
    bodies_first = _urls(db, first.crawl_id, "kind in ('report', 'attachment')")
    assert not _urls(
        db, third.crawl_id, "status = 200 and kind in ('report', 'attachment')"
    )
    # the spider reached every report again, through the archived list bodies
    assert bodies_first <= _urls(db, third.crawl_id, "kind = 'not-modified'")
    stats = third.stats
    assert (
        stats["nianbao/incremental/not-modified"]
        == stats["nianbao/incremental/conditional"]
    )
    assert (
        stats["downloader/response_status_count/304"]
        == stats["nianbao/incremental/not-modified"]
    )
    assert "nianbao/archive/documents/new" not in stats
    assert db.table("documents").count == documents_after_first
    ratio = (
        third.stats["downloader/response_bytes"]
        / first.stats["downloader/response_bytes"]
    )
    assert ratio < 0.05, ratio


# ---------------------------------------------------------------- a portal that changes

LIST_PATH = "/trs/zfxxgk/zfxxgknb/index.html"
REPORT_A = "/trs/zfxxgk/zfxxgknb/202201/t20220115_1.html"
REPORT_B = "/trs/zfxxgk/zfxxgknb/202201/t20220116_2.html"
REPORT_C = "/trs/zfxxgk/zfxxgknb/202202/t20220210_3.html"
CITY = "示范区人民政府"
EDU = "示范区教育局"
FINANCE = "示范区财政局"


def _report_page(agency: str, numbers) -> bytes:
    title = f"{agency}2021年政府信息公开工作年度报告"
    body = render_html(title, agency, 2021, numbers)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><div class="TRS_Editor">{body}</div></body></html>'
    ).encode()


def _list_page(entries) -> bytes:
    items = "".join(
        f'<li><a href="{path}" title="{agency}2021年政府信息公开工作年度报告">'
        f"{agency}2021年政府信息公开工作年度报告</a></li>"
        for path, agency in entries
    )
    return (
        f'<html><head><meta charset="utf-8"><title>年报</title></head>'
        f"<body><ul>{items}</ul></body></html>"
    ).encode()


class _ChangingPortal(BaseHTTPRequestHandler):
    """Serves ``pages`` with a content ETag and answers If-None-Match with 304."""

    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        return


@pytest.fixture(scope="module")
def changing_portal():
    rng = random.Random(3)  # noqa: S311 (seeded test data, not security)
    city, edu, finance = (generate_numbers(rng, "2021") for _ in range(3))
    _ChangingPortal.pages = {
        LIST_PATH: _list_page([(REPORT_A, CITY), (REPORT_B, EDU)]),
        REPORT_A: _report_page(CITY, city),
        REPORT_B: _report_page(EDU, edu),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChangingPortal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def change() -> None:
        """Edition 2: report A corrected in place, report C added to the list."""
        _ChangingPortal.pages = {
            LIST_PATH: _list_page(
                [(REPORT_A, CITY), (REPORT_B, EDU), (REPORT_C, FINANCE)]
            ),
            REPORT_A: _report_page(CITY, correct_one_number(city, rng)),
            REPORT_B: _report_page(EDU, edu),
            REPORT_C: _report_page(FINANCE, finance),
        }

    yield f"http://127.0.0.1:{server.server_address[1]}/", change
    server.shutdown()
    server.server_close()


def test_changed_portal_gives_exactly_one_new_version_and_one_new_report(
    changing_portal, tmp_path
):
    base_url, change = changing_portal
    directory = tmp_path / "archive"
    crawl(base_url, directory)
    crawl(base_url, directory)
    change()
    crawl(base_url, directory)

    db = sqlite_utils.Database(directory / "index.sqlite")
    stats = [
        json.loads(r["stats"]) for r in db.query("select stats from crawls order by id")
    ]
    db.close()
    assert stats[1].get("nianbao/archive/documents/new") is None
    # edition 2: the list page, report A's correction and report C are the new bytes
    assert stats[2]["nianbao/archive/documents/new"] == 3
    assert stats[2]["nianbao/incremental/not-modified"] == 1  # report B
    # the operator summary stored with each crawl says the same
    assert stats[1]["nianbao/summary"]["new_documents"] == 0
    assert stats[1]["nianbao/summary"]["unchanged"] >= 1
    summary = stats[2]["nianbao/summary"]
    assert (summary["new_documents"], summary["new_versions"]) == (3, 1)
    assert summary["not_modified"] == 1

    city = report_history(directory, f"demo-trs:2021:{CITY}")
    assert [(v.number, v.is_newest) for v in city] == [(1, False), (2, True)]
    assert len(city[1].changes) == 1
    assert city[1].capture_urls == (base_url.rstrip("/") + REPORT_A,)
    assert len(report_history(directory, f"demo-trs:2021:{EDU}")) == 1
    [finance] = report_history(directory, base_url.rstrip("/") + REPORT_C)
    assert finance.key == f"demo-trs:2021:{FINANCE}"
    totals = archive_stats(directory)["totals"]
    assert (totals["logical_reports"], totals["report_versions"]) == (3, 4)
