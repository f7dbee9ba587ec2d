"""Crawls that fail: every download failing is `failed`, not `finished` (exit 1, due again);
an archive that will not open is one ``Error:`` line saying why."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
import sqlite_utils

from archive import Archive


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


@pytest.mark.e2e
def test_an_archive_that_will_not_open_is_one_error_line_saying_why(tmp_path):
    archive_dir = tmp_path / "a"
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.db.execute("PRAGMA user_version = 99")  # an index a newer nianbao wrote
    base_url = f"http://127.0.0.1:{_closed_loopback_port()}/"
    completed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-gkmlpt",
         "--base-url", base_url, "--archive", str(archive_dir)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    errors = [
        line for line in completed.stderr.splitlines() if line.startswith("Error:")
    ]
    assert len(errors) == 1, completed.stderr[-2000:]
    assert errors[0].startswith("Error: demo-gkmlpt: cannot open the archive: ")
    assert "newer than this nianbao" in errors[0]
