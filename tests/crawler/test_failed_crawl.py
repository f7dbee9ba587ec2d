"""A crawl in which every download fails is `failed`, not `finished` (exit 1, due again)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
import sqlite_utils


def _closed_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the with block ends


@pytest.mark.e2e
def test_a_crawl_that_fetches_nothing_is_failed_and_exits_one(tmp_path):
    base_url = f"http://127.0.0.1:{_closed_loopback_port()}/"
    archive_dir = tmp_path / "a"
    completed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-gkmlpt",
         "--base-url", base_url, "--archive", str(archive_dir), "-s", "RETRY_TIMES=0"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr[-2000:]
    assert "demo-gkmlpt: failed" in completed.stderr
    db = sqlite_utils.Database(archive_dir / "index.sqlite")
    assert [row["status"] for row in db.query("select status from crawls")] == [
        "failed"
    ]
