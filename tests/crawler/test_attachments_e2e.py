"""End to end: the crawl captures, extracts and parses report attachments of every format.

One crawl per site of the served sample portal (``scrapy crawl portal`` in a subprocess, the
default ``ARCHIVE_PARSE=after`` pass), then, for every attachment in the ground truth: the
capture, the ``texts`` row (no error, the sniffed media type on the document) and the parsed
report, cell by cell against the numbers the portal built the file from. The two broken
attachments (an HTML error page under a ``.pdf`` URL, a truncated PDF) must end as recorded
failures, never as a report, and the crawl must still finish.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")
#: The media type each served format must be recorded as, whatever the server claimed
#: (Hanweb's downfile.jsp sends every file as application/octet-stream).
SNIFFED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "wps": "application/msword",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
}
SECTIONS = ("active_disclosure", "applications", "review_litigation")


@dataclass
class Crawl:
    db: sqlite_utils.Database
    returncode: int
    log: str


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawls(portal, tmp_path_factory) -> dict[str, Crawl]:
    done = {}
    for site in SITES:
        directory = tmp_path_factory.mktemp(f"attach-{site}")
        command = [
            sys.executable, "-m", "scrapy", "crawl", "portal",
            "-a", f"site={site}", "-a", f"base_url={portal.url}",
            "-s", f"ARCHIVE_DIR={directory}", "-s", "DOWNLOAD_MAXSIZE=1048576",
            "-s", "PORTAL_MAX_LIST_PAGES=8", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        ]  # fmt: skip
        completed = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
        )
        done[site] = Crawl(
            sqlite_utils.Database(directory / "index.sqlite"),
            completed.returncode,
            completed.stderr,
        )
    return done


def _document(crawl: Crawl, path: str) -> str:
    """The sha256 of the attachment captured at ``path`` (exactly one distinct body)."""
    shas = {
        row["sha256"]
        for row in crawl.db.query(
            "select c.url, d.sha256 from captures c"
            " join documents d on d.id = c.document_id where c.kind = 'attachment'"
        )
        if path_of(row["url"]) == path
    }
    assert len(shas) == 1, (path, shas)
    return shas.pop()


def _attachments(portal, *, hostile: bool):
    truth = portal.truth
    for report in truth.reports:
        for path in report.attachment_paths:
            attachment = truth.files[path]
            if attachment.oversized or (attachment.hostile is not None) != hostile:
                continue
            yield report, attachment


def test_every_site_crawl_finishes_with_its_attachments_parsed(crawls):
    for site, crawl in crawls.items():
        assert crawl.returncode == 0, (site, crawl.log[-2000:])
        assert "Traceback" not in crawl.log, site
        statuses = [r["status"] for r in crawl.db.query("select status from crawls")]
        assert statuses == ["finished"], site


def test_the_portal_serves_attachments_of_every_format(portal):
    kinds = {a.kind for _, a in _attachments(portal, hostile=False)}
    assert kinds == set(SNIFFED)


def test_every_attachment_is_extracted_and_parsed_to_every_ground_truth_cell(
    crawls, portal
):
    checked: dict[str, int] = {}
    for report, attachment in _attachments(portal, hostile=False):
        crawl = crawls[report.site_id]
        sha256 = _document(crawl, attachment.path)
        (text,) = crawl.db.query(
            "select error, extractor, meta from texts where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
            [sha256],
        )
        assert text["error"] is None, (attachment.path, text)
        if attachment.kind in ("doc", "wps") and shutil.which("soffice"):
            # With LibreOffice installed (CI) a Word binary goes through it. The portal's DOC
            # is hand-built (documents_ole.py, piece table only) and LibreOffice makes no
            # table of it, so this is the fallback path: the text reader, the reason kept.
            meta = json.loads(text["meta"])
            assert text["extractor"] == "nianbao-doc", attachment.path
            assert meta["converter_error"].startswith(("tool_failed:", "no_tables:")), (
                meta
            )
        (document,) = crawl.db.query(
            "select media_type from documents where sha256 = ?", [sha256]
        )
        assert document["media_type"] == SNIFFED[attachment.kind], attachment.path
        (parsed,) = crawl.db.query(
            "select id, year, agency, format from reports where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
            [sha256],
        )
        assert (parsed["year"], parsed["agency"], parsed["format"]) == (
            report.year,
            report.agency,
            report.format,
        ), attachment.path
        got = {
            (r["section"], r["row_id"], r["column_id"]): r["value"]
            for r in crawl.db.query(
                "select section, row_id, column_id, value from report_values"
                " where report_id = ?",
                [parsed["id"]],
            )
        }
        want = {
            (section, row, column): None if value is None else str(value)
            for section in SECTIONS
            for row, columns in getattr(report.numbers, section).items()
            for column, value in columns.items()
        }
        assert got == want, attachment.path
        checked[attachment.kind] = checked.get(attachment.kind, 0) + 1
    assert set(checked) == set(SNIFFED), checked


def test_attachment_only_reports_are_found_through_their_attachment(crawls, portal):
    only = [r for r in portal.truth.reports if r.attachment_only]
    assert len(only) == len(SNIFFED)
    for report in only:
        crawl = crawls[report.site_id]
        sha256 = _document(crawl, report.attachment_paths[0])
        rows = list(
            crawl.db.query(
                "select status from reports where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
                [sha256],
            )
        )
        assert [r["status"] for r in rows] == ["ok"], report.key


def test_truncated_pdf_ends_as_an_extraction_error_on_its_document(crawls, portal):
    crawl = crawls["demo-trs"]
    sha256 = _document(crawl, portal.truth.special.truncated_attachment)
    (text,) = crawl.db.query(
        "select error from texts where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
        [sha256],
    )
    assert text["error"], "a truncated PDF must record why it was not read"
    reports = crawl.db.query(
        "select count(*) as n from reports where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
        [sha256],
    )
    assert next(reports)["n"] == 0


def test_html_error_page_under_a_pdf_url_is_kept_as_a_soft_404_never_a_report(
    crawls, portal
):
    # The page says 文件不存在: the refusal middleware flags it before any parse, so it is
    # stored as evidence (kind soft-404, with an event) and no extraction or report follows.
    crawl = crawls["demo-trs"]
    path = portal.truth.special.html_error_attachment
    rows = [
        row
        for row in crawl.db.query(
            "select c.url, c.kind, d.sha256 from captures c"
            " join documents d on d.id = c.document_id"
        )
        if path_of(row["url"]) == path
    ]
    assert [row["kind"] for row in rows] == ["soft-404"]
    events = [
        e for e in crawl.db.query("select url from events") if path_of(e["url"]) == path
    ]
    assert events
    reports = crawl.db.query(
        "select count(*) as n from reports where document_id = (SELECT id FROM documents WHERE sha256 = ?)",
        [rows[0]["sha256"]],
    )
    assert next(reports)["n"] == 0
