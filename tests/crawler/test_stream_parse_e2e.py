"""The ``stream`` parse mode end to end: documents are parsed while the crawl still fetches.

A crawl of demo-trs with the project's settings (``ARCHIVE_PARSE=stream``, group commit on):
every report and attachment document it stored is parsed when the process ends, the parse
stats are counted, and ``verify`` passes. A second crawl gives the same reports (attachments
are written after their linking pages, whose context they take, whatever the workers' timing),
and so does a crawl that parses when the spider closes (``after``).
How much parsing overlaps the downloads is measured by ``bench/crawl_bench.py``, not asserted
here.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive import verify

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _crawl(base_url: str, archive_dir: Path, *extra: str) -> str:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=demo-trs",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive_dir}",
        "-s", "NIANBAO_PROGRESS_INTERVAL=0", "-s", "LOG_LEVEL=INFO", *extra,
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'finish_reason': 'finished'" in done.stderr, done.stderr[-3000:]
    return done.stderr


def _query(archive_dir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return db.execute(sql).fetchall()


_UNPARSED = (
    "SELECT count(DISTINCT document_id) FROM captures"
    " WHERE kind IN ('report', 'attachment')"
    " AND document_id NOT IN (SELECT document_id FROM texts)"
)
_REPORTS = (
    "SELECT d.sha256, r.status, r.year, r.agency FROM reports r"
    " JOIN documents d ON d.id = r.document_id ORDER BY d.sha256"
)


def test_stream_parses_every_document_while_the_crawl_fetches(portal, tmp_path):
    streamed = tmp_path / "stream"
    log = _crawl(portal.url, streamed)
    assert _query(streamed, _UNPARSED) == [(0,)]
    assert "'nianbao/parse/ok'" in log
    result = verify(streamed)
    assert result.ok, result.problems

    # each attachment is written after its linking page, whose context it takes: the same
    # reports on every run, whatever the workers' timing
    again = tmp_path / "again"
    _crawl(portal.url, again)
    assert _query(again, _REPORTS) == _query(streamed, _REPORTS)

    # and the same reports as parsing when the spider closes
    after = tmp_path / "after"
    _crawl(portal.url, after, "-s", "ARCHIVE_PARSE=after")
    assert _query(after, _REPORTS) == _query(streamed, _REPORTS)
