"""End to end: `scrapy crawl portal` in a subprocess against the served sample portal.

One crawl per site (module-scoped), then assertions on the archive through sqlite-utils and
warcio, checked against the portal's ground truth.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from archive.textstore import register_text_functions

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
MAX_LIST_PAGES = 8
SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")


@dataclass
class Crawl:
    site_id: str
    directory: Path
    db: sqlite_utils.Database
    returncode: int
    log: str

    def captures(self, where: str = "1", params=()) -> list[dict]:
        rows = list(
            self.db.query(  # the index names the document by its id (schema 8)
                "select c.*, d.sha256 from captures c"
                f" join documents d on d.id = c.document_id where {where}",
                params,
            )
        )
        for row in rows:  # NULL in the index when it is the url (no redirect)
            row["final_url"] = row["final_url"] or row["url"]
        return rows

    def events(self, kind: str) -> list[dict]:
        return list(self.db.query("select * from events where kind = ?", [kind]))


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def run_scrapy(
    site: str, base_url: str, archive_dir: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal",
        "-a", f"site={site}", "-a", f"base_url={base_url}",
        "-s", f"ARCHIVE_DIR={archive_dir}", "-s", "DOWNLOAD_MAXSIZE=1048576",
        "-s", f"PORTAL_MAX_LIST_PAGES={MAX_LIST_PAGES}", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )


@pytest.fixture(scope="module")
def crawls(portal, tmp_path_factory) -> dict[str, Crawl]:
    done = {}
    for site in SITES:
        directory = tmp_path_factory.mktemp(site)
        completed = run_scrapy(site, portal.url, directory)
        done[site] = Crawl(
            site,
            directory,
            sqlite_utils.Database(directory / "index.sqlite"),
            completed.returncode,
            completed.stderr,
        )
    return done


def all_captures(crawls) -> list[dict]:
    return [c for crawl in crawls.values() for c in crawl.captures()]


@pytest.mark.parametrize("site", SITES)
def test_crawl_finishes_cleanly(crawls, site):
    crawl = crawls[site]
    assert crawl.returncode == 0, crawl.log[-2000:]
    assert "Traceback" not in crawl.log
    assert [row["status"] for row in crawl.db.query("select status from crawls")] == [
        "finished"
    ]


def test_every_expected_report_is_captured_as_report_or_attachment(crawls, portal):
    truth = portal.truth
    found: dict[str, set[str]] = {}
    for capture in all_captures(crawls):
        for url in (capture["url"], capture["final_url"]):
            found.setdefault(path_of(url), set()).add(capture["kind"])
    special = truth.special
    missing = [
        (report.key, path)
        for report in truth.reports
        for path in report.paths
        if not found.get(path, set()) & {"report", "attachment"}
    ]
    missing += [
        (report.key, path)
        for report in truth.reports
        for path in report.attachment_paths
        # the oversized file is refused; the HTML error page is kept as a soft-404
        if path not in (special.oversized, special.html_error_attachment)
        and "attachment" not in found.get(path, set())
    ]
    assert not missing
    years = {r.year for r in truth.reports}
    assert {2019, 2024} <= years


def test_attachment_only_report_is_captured_through_its_script_link(crawls, portal):
    (report,) = [
        r
        for r in portal.truth.reports
        if r.attachment_only and r.attachment_paths[0].endswith(".docx")
    ]
    rows = crawls[report.site_id].captures("kind = 'attachment'")
    assert {path_of(r["url"]) for r in rows} >= set(report.attachment_paths)


def test_no_non_report_article_is_captured_as_a_report(crawls, portal):
    articles = set(portal.truth.articles)
    reports = [c for c in all_captures(crawls) if c["kind"] == "report"]
    assert reports
    assert not [c["url"] for c in reports if path_of(c["final_url"]) in articles]


def test_both_trs_pagination_schemes_are_followed(crawls):
    urls = {path_of(c["url"]) for c in crawls["demo-trs"].captures("kind = 'list'")}
    assert "/trs/zfxxgk/zfxxgknb/index_1.html" in urls
    assert "/trs/zfxxgk/bmnb/index_2.shtml" in urls
    assert "/trs/zfxxgk/bmnb/index_1.shtml" not in urls


def test_hanweb_dataproxy_and_gkmlpt_api_pages_are_captured_as_lists(crawls):
    posts = crawls["demo-hanweb"].captures("kind = 'list' and method = 'POST'")
    assert posts
    assert all("dataproxy.jsp?startrecord=" in c["url"] for c in posts)
    api = crawls["demo-gkmlpt"].captures(
        "kind = 'list' and url like '%/gkmlpt/api/all/%'"
    )
    assert api
    assert not crawls["demo-gkmlpt"].events("http-error")


def test_duplicate_url_gives_one_document_two_captures(crawls, portal):
    (report,) = [r for r in portal.truth.reports if len(r.paths) > 1]
    rows = [
        c
        for c in crawls[report.site_id].captures()
        if path_of(c["url"]) in report.paths
    ]
    assert len(rows) == 2
    assert len({r["sha256"] for r in rows}) == 1
    document = next(
        crawls[report.site_id].db.query(
            "select * from documents where sha256 = ?", [rows[0]["sha256"]]
        )
    )
    assert document["capture_count"] == 2


def test_corrected_republication_gives_two_documents(crawls, portal):
    (corrected,) = [r for r in portal.truth.reports if r.corrected_version_of]
    original = next(
        r for r in portal.truth.reports if r.key == corrected.corrected_version_of
    )
    crawl = crawls[corrected.site_id]
    shas = {
        c["sha256"]
        for c in crawl.captures()
        if path_of(c["url"]) in corrected.paths + original.paths
    }
    assert len(shas) == 2


def test_failure_modes_are_recorded_as_such(crawls, portal):
    special = portal.truth.special
    trs = crawls["demo-trs"]
    # the HTML error page served at a report's .pdf URL is a soft-404 too
    assert sorted(path_of(e["url"]) for e in trs.events("soft-404")) == sorted(
        [special.soft404, special.html_error_attachment]
    )
    assert [c["kind"] for c in trs.captures("url like ?", [f"%{special.soft404}"])] == [
        "soft-404"
    ]
    assert special.broken in {path_of(e["url"]) for e in trs.events("http-error")}
    assert [
        (c["kind"], c["status"])
        for c in trs.captures("url like ?", [f"%{special.broken}"])
    ] == [("error", 404)]
    assert [path_of(e["url"]) for e in trs.events("robots")] == [
        special.robots_disallowed
    ]
    assert [path_of(e["url"]) for e in trs.events("too-large")] == [special.oversized]
    offsite = {
        path_of(e["url"]) for crawl in crawls.values() for e in crawl.events("offsite")
    }
    assert offsite == set(special.offsite)
    assert all(
        urlsplit(e["url"]).hostname == "localhost" for e in trs.events("offsite")
    )


def test_forbidden_and_offsite_paths_were_never_requested(crawls, portal):
    for prefix in ("/offsite/", "/trs/private/"):
        with urllib.request.urlopen(
            portal.at(f"/__portal__/hits?prefix={prefix}")
        ) as answer:
            assert json.load(answer)["hits"] == 0


def test_calendar_trap_is_cut_at_the_cap(crawls, portal):
    trs = crawls["demo-trs"]
    traps = trs.events("trap")
    assert traps
    assert all(
        path_of(e["url"]).startswith(portal.truth.special.trap_prefix) for e in traps
    )
    pages = trs.captures("url like ?", [f"%{portal.truth.special.trap_prefix}%"])
    assert 1 <= len(pages) <= MAX_LIST_PAGES


def test_redirected_report_keeps_first_and_final_url(crawls, portal):
    special = portal.truth.special
    rows = crawls["demo-trs"].captures(
        "url like ? order by c.id", [f"%{special.redirect_from}"]
    )
    # the 301 hop is recorded too (for replay), under its own URL, before the report
    assert [(r["kind"], r["status"], path_of(r["final_url"])) for r in rows] == [
        ("redirect", 301, special.redirect_from),
        ("report", 200, special.redirect_to),
    ]


def test_flaky_500_report_is_captured_after_a_retry(crawls, portal):
    rows = crawls["demo-trs"].captures(
        "url like ? and kind = 'report'", [f"%{portal.truth.special.flaky_500}"]
    )
    assert [r["status"] for r in rows] == [200]


def test_non_html_body_and_malformed_page_do_not_crash(crawls, portal):
    special = portal.truth.special
    trs = crawls["demo-trs"]
    binary = trs.captures("url like ?", [f"%{special.non_html}"])
    assert [r["kind"] for r in binary] == ["error"]
    assert special.non_html in {path_of(e["url"]) for e in trs.events("download-error")}
    assert trs.captures("url like ?", [f"%{special.malformed}"])


def test_gbk_pages_are_decoded(crawls, portal):
    trs = crawls["demo-trs"]
    report = next(
        r
        for r in portal.truth.reports
        if r.site_id == "demo-trs"
        and r.encoding == "gbk"
        and not r.attachment_only
        and r.layout == "html"
    )
    (row,) = [
        c
        for c in trs.captures("kind = 'report'")
        if path_of(c["final_url"]) == report.paths[0]
    ]
    # the text is in the extraction store; SQL reads it attached, as an analyst would
    register_text_functions(trs.db.conn)
    trs.db.execute(
        "ATTACH DATABASE ? AS extracted", [str(trs.directory / "extracted.sqlite")]
    )
    texts = list(
        trs.db.query(
            "select nianbao_text(x.value) as text from texts t"
            " join documents d on d.id = t.document_id join extracted.extracted x"
            " on x.sha256 = d.sha256 and x.key = t.extraction_key"
            " where t.document_id = (SELECT id FROM documents WHERE sha256 = ?)",
            [row["sha256"]],
        )
    )
    assert texts
    assert report.agency in texts[0]["text"]
    assert "\ufffd" not in texts[0]["text"]


@pytest.mark.parametrize("site", SITES)
def test_warcio_reads_every_record_and_payload_digests_match(crawls, site):
    crawl = crawls[site]
    checked = 0
    for path in sorted((crawl.directory / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                payload = record.content_stream().read()
                if record.rec_type == "response":
                    algorithm, value = record.rec_headers.get_header(
                        "WARC-Payload-Digest"
                    ).split(":", 1)
                    assert algorithm == "sha1"
                    assert (
                        base64.b32encode(
                            hashlib.sha1(payload, usedforsecurity=False).digest()
                        ).decode()
                        == value
                    )
                    checked += 1
    responses = crawl.db.execute(
        "select count(*) from captures where warc_record_type = 'response'"
    ).fetchone()[0]
    assert checked == responses > 0


def test_unknown_site_id_exits_with_a_clear_error(portal, tmp_path):
    completed = run_scrapy("demo-trx", portal.url, tmp_path / "a")
    assert completed.returncode != 0
    assert "unknown site id 'demo-trx'; did you mean demo-trs" in completed.stderr


def test_unwritable_archive_dir_closes_cleanly_with_one_error(portal, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    completed = run_scrapy("demo-gkmlpt", portal.url, blocker / "archive")
    assert "Traceback" not in completed.stderr
    assert "cannot open the archive" in completed.stderr
    assert "'finish_reason': 'archive_not_writable'" in completed.stderr


#: The tables that name a document, by ``documents.id`` (index schema 8).
DOCUMENT_TABLES = ("captures", "texts", "reports", "report_versions")


@pytest.mark.parametrize("site", SITES)
def test_the_index_stores_each_sha256_once_and_the_views_still_give_it(crawls, site):
    db = crawls[site].db
    for table in DOCUMENT_TABLES:
        columns = {row[1]: row[2] for row in db.execute(f"PRAGMA table_info({table})")}
        assert columns["document_id"] == "INTEGER", table
        assert not {"sha256", "document_sha256"} & set(columns), table
        # every reference is an integer that names a document: no 64-hex text anywhere
        assert db.execute(
            f"SELECT count(*) FROM {table} WHERE typeof(document_id) != 'integer'"
            " OR document_id NOT IN (SELECT id FROM documents)"
        ).fetchone() == (0,), table
        for name, kind in columns.items():
            if kind == "TEXT":
                assert not db.execute(
                    f"SELECT count(*) FROM {table} WHERE length({name}) = 64"
                    f" AND {name} IN (SELECT sha256 FROM documents)"
                ).fetchone()[0], (table, name)
    documents = {r[0] for r in db.execute("SELECT sha256 FROM documents")}
    assert all(len(sha) == 64 for sha in documents)
    for view in ("report_renditions", "logical_reports", "latest_reports"):
        shas = {r[0] for r in db.execute(f"SELECT document_sha256 FROM {view}")}
        assert shas, view
        assert shas <= documents, view
    versions = db.execute("SELECT count(*) FROM report_versions").fetchone()[0]
    assert (
        db.execute(
            "SELECT count(*) FROM report_renditions WHERE document_sha256 IS NOT NULL"
        ).fetchone()[0]
        == versions
    )
    values = db.execute("SELECT DISTINCT document_sha256 FROM latest_values")
    assert {r[0] for r in values} <= documents
