"""End to end: Scrapy's own feed export (``scrapy crawl portal … -O out.jsonl``) of the sample portal.

Every item the spider yields must reach the feed: a capture's body and request body are exported
as their sha256 and size (field serializers in ``crawler.items``), never as raw bytes that the
JSON encoder rejects. The number of items written is checked against the crawl's own
``item_scraped_count``, and the captures in the feed against the archive's index.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_jsonl_feed_holds_every_item_without_bytes(portal, tmp_path):
    out = tmp_path / "out.jsonl"
    archive = tmp_path / "archive"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "portal",
            "-a",
            "site=demo-trs",
            "-a",
            f"base_url={portal.url}",
            "-s",
            f"ARCHIVE_DIR={archive}",
            "-s",
            "NIANBAO_PROGRESS_INTERVAL=0",
            "-s",
            "PORTAL_MAX_LIST_PAGES=4",
            "-s",
            "LOG_LEVEL=INFO",
            "-O",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    log = completed.stderr
    assert completed.returncode == 0, log[-3000:]
    assert "TypeError" not in log
    assert "Error processing" not in log
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    scraped = int(log.split("'item_scraped_count': ", 1)[1].split(",", 1)[0])
    assert len(rows) == scraped > 10
    captures = [r for r in rows if "body" in r]
    assert captures
    for row in captures:
        assert set(row["body"]) == {"sha256", "size"}
        assert len(row["body"]["sha256"]) == 64
    # the exported digests are the payloads the archive stored
    db = sqlite_utils.Database(archive / "index.sqlite")
    try:
        stored = {r["sha256"] for r in db.query("select sha256 from documents")}
    finally:
        db.close()
    exported = {r["body"]["sha256"] for r in captures if r["status"] == 200}
    assert exported <= stored
