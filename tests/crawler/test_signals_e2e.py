"""SIGINT and SIGTERM stop a crawl gracefully: ``interrupted``, exit 130/143, parsed next run.

Ctrl-C in a terminal reaches the whole process group, so the SIGINT case runs ``nianbao crawl``
in its own session and signals the group; SIGTERM (``kill``, systemd) is sent to the crawl's pid
while its parse pass runs (slowed by ``tests.crawler.killing_pipeline.SlowParsePass``). Either
way the crawl row says ``interrupted``, the stop comes within seconds, no process of the crawl
outlives it, and the next run of the same command parses everything the stopped run stored.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.crawler.test_resume_e2e import _survivors, _unparsed

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SLOW_FETCH = ("-s", "PORTAL_LOCAL_FAST=False", "-s", "DOWNLOAD_DELAY=0.05",
              "-s", "AUTOTHROTTLE_ENABLED=False")  # fmt: skip


def _crawl(base_url: str, archive_dir: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-trs",
        "--base-url", base_url, "--archive", str(archive_dir),
        "-s", "NIANBAO_PROGRESS_INTERVAL=0", "-s", "PORTAL_MAX_LIST_PAGES=8", *extra,
    ]  # fmt: skip


def _count(archive_dir: Path, sql: str) -> int:
    try:
        with sqlite3.connect(archive_dir / "index.sqlite", timeout=1) as db:
            return int(db.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _signal_when(
    command: list[str],
    archive_dir: Path,
    sql: str,
    count: int,
    *,
    signum: int,
    mark: str,
) -> tuple[int, str, float]:
    """Run ``command``; once ``sql`` counts ``count``, send ``signum`` to its process group.

    Returns the exit status, stderr and the seconds from the signal to the exit.
    """
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True, env={**os.environ, "NIANBAO_TEST_MARK": mark},
    )  # fmt: skip
    sent = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            if _count(archive_dir, sql) >= count:
                os.killpg(process.pid, signum)
                sent = time.monotonic()
                break
            time.sleep(0.02)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert sent is not None, "the crawl ended before the signal could be sent"
    return process.returncode, stderr, time.monotonic() - sent


def _statuses(archive_dir: Path) -> list[str]:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return [r[0] for r in db.execute("SELECT status FROM crawls ORDER BY id")]


def test_ctrl_c_while_fetching_stops_gracefully_and_the_next_run_finishes(
    portal, tmp_path
):
    directory = tmp_path / "archive"
    command = _crawl(portal.url, directory, "--job", "t")
    mark = uuid.uuid4().hex
    code, stderr, took = _signal_when(
        [*command, *SLOW_FETCH],
        directory, "SELECT count(*) FROM captures", 12, signum=signal.SIGINT, mark=mark,
    )  # fmt: skip
    assert code == 130, stderr[-3000:]
    assert took < 15
    assert "interrupted by SIGINT" in stderr
    assert "Traceback" not in stderr
    assert _statuses(directory) == ["interrupted"]
    assert _survivors(mark) == []

    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                             timeout=180, check=False)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _statuses(directory) == ["interrupted", "finished"]
    assert _unparsed(directory) == 0


def test_sigterm_in_the_parse_pass_stops_it_and_the_next_run_parses_the_rest(
    portal, tmp_path
):
    directory = tmp_path / "archive"
    # the pass that parses when the spider closes, slowed down so that the signal finds it
    # running (stream parsing writes texts while the crawl fetches: the signal would hit the
    # crawl, or its very end)
    command = _crawl(portal.url, directory, "-s", "ARCHIVE_PARSE=after")
    slow = json.dumps({"tests.crawler.killing_pipeline.SlowParsePass": 300})
    mark = uuid.uuid4().hex
    code, stderr, took = _signal_when(
        [*command, "-s", f"ITEM_PIPELINES={slow}"],
        directory, "SELECT count(*) FROM texts", 2, signum=signal.SIGTERM, mark=mark,
    )  # fmt: skip
    assert code == 143, stderr[-3000:]
    assert took < 10
    assert "interrupted by SIGTERM" in stderr
    assert _statuses(directory) == ["interrupted"]
    left = _unparsed(directory)
    assert left > 0, "the parse pass was not stopped"
    assert _survivors(mark) == []

    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                           timeout=180, check=False)  # fmt: skip
    assert again.returncode == 0, again.stderr[-3000:]
    assert _statuses(directory) == ["interrupted", "finished"]
    assert _unparsed(directory) == 0
    assert f"{left} documents parsed" in again.stderr
