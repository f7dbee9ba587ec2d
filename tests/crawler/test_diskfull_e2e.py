"""A full disk stops a crawl within seconds with one ``Error:`` line; the job resumes later.

Three ways to fill the disk: the free-space floor (``ARCHIVE_MIN_FREE_MB`` above what the disk
has, a real check of the real disk), an injected ``ENOSPC`` from the archive in the middle of the
crawl (``tests.crawler.killing_pipeline.FullDiskAt``), and, where the test may mount one, a
small tmpfs that really fills up (a ballast file leaves 300 KB free). Each run must end with exit 1, the crawl row ``disk-full``, the
job state readable, and the same command (space freed) must resume the job to ``finished``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.jobstate import JOB_STATE
from tests.crawler.test_resume_e2e import _unparsed

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _crawl(base_url: str, archive_dir: Path, *extra: str, **env: str):
    command = [
        sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-trs",
        "--base-url", base_url, "--archive", str(archive_dir), "--job", "t",
        "-s", "NIANBAO_PROGRESS_INTERVAL=0", "-s", "PORTAL_MAX_LIST_PAGES=8", *extra,
    ]  # fmt: skip
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **env},
    )  # fmt: skip
    return completed, time.monotonic() - started


def _statuses(archive_dir: Path) -> list[str]:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return [r[0] for r in db.execute("SELECT status FROM crawls ORDER BY id")]


def _assert_stopped_for_disk_full(
    completed, archive_dir: Path, rows: tuple[str, ...] = ("disk-full",)
) -> None:
    assert completed.returncode == 1, completed.stderr[-3000:]
    errors = [
        line for line in completed.stderr.splitlines() if line.startswith("Error:")
    ]
    assert len(errors) == 1, completed.stderr[-4000:]
    assert errors[0].startswith("Error: the disk of ")
    assert _statuses(archive_dir)[-1] in rows
    state = archive_dir / "jobs" / "t" / "demo-trs" / JOB_STATE
    assert json.loads(state.read_text())["crawl_ids"]  # readable, and the job goes on


def _assert_resumes(base_url: str, archive_dir: Path, *extra: str) -> None:
    resumed, _ = _crawl(base_url, archive_dir, *extra)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _statuses(archive_dir)[-1] == "finished"
    assert _unparsed(archive_dir) == 0
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        twice = db.execute(
            "SELECT count(*) FROM (SELECT url, kind FROM captures WHERE method = 'GET'"
            # exchanges (robots.txt, redirect hops, retries) are recorded by every run
            " AND kind NOT IN ('robots', 'redirect', 'retry')"
            " GROUP BY url, kind HAVING count(*) > 1)"
        ).fetchone()[0]
    assert twice == 0


def test_less_free_space_than_the_floor_stops_the_crawl_before_it_fetches(
    portal, tmp_path
):
    directory = tmp_path / "archive"
    stopped, took = _crawl(portal.url, directory, "-s", "ARCHIVE_MIN_FREE_MB=100000000")
    _assert_stopped_for_disk_full(stopped, directory)
    assert took < 60
    _assert_resumes(portal.url, directory)


def test_enospc_in_the_middle_of_a_crawl_stops_it_and_the_job_resumes(portal, tmp_path):
    directory = tmp_path / "archive"
    pipelines = json.dumps({"tests.crawler.killing_pipeline.FullDiskAt": 300})
    stopped, _ = _crawl(
        portal.url, directory, "-s", f"ITEM_PIPELINES={pipelines}",
        NIANBAO_TEST_KILL_AT="15",
    )  # fmt: skip
    _assert_stopped_for_disk_full(stopped, directory)
    with sqlite3.connect(directory / "index.sqlite") as db:
        # the spider's captures; robots.txt is an exchange recorded beside them
        spider = " WHERE kind NOT IN ('robots', 'redirect', 'retry')"
        # captures are committed in groups: the ones still waiting with the 15th failed
        # with it (never reported stored), and the resumed job fetches them again
        assert db.execute(f"SELECT count(*) FROM captures{spider}").fetchone()[0] <= 14
    _assert_resumes(portal.url, directory)


@pytest.fixture
def small_tmpfs(tmp_path):
    mountpoint = tmp_path / "small"
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mountpoint)],
        capture_output=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(
            "mounting a tmpfs needs root (the injected-ENOSPC test covers the path)"
        )
    yield mountpoint
    subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def _fill_leaving(mountpoint: Path, free: int) -> Path:
    """A ballast file that leaves ``free`` bytes of ``mountpoint``; its path."""
    ballast = mountpoint / "ballast"
    ballast.write_bytes(b"\0" * (shutil.disk_usage(mountpoint).free - free))
    return ballast


def test_a_really_full_tmpfs_stops_the_crawl_and_the_job_resumes_once_space_is_freed(
    portal, small_tmpfs
):
    # room to open the index and write the job state, not for the crawl (a new index is
    # ~130 kB since texts left it; with 1 MB the whole crawl fitted)
    ballast = _fill_leaving(small_tmpfs, 600 * 1024)
    directory = small_tmpfs / "archive"
    stopped, took = _crawl(portal.url, directory, "-s", "ARCHIVE_MIN_FREE_MB=0")
    # with no byte left the index cannot record the end either: the row stays `running`
    # and the next writer marks it `died` (the free-space floor exists to avoid this)
    _assert_stopped_for_disk_full(stopped, directory, ("disk-full", "running"))
    assert took < 120
    ballast.unlink()  # space freed (8 MB in all: under the default floor)
    _assert_resumes(portal.url, directory, "-s", "ARCHIVE_MIN_FREE_MB=0")


def test_no_room_for_the_job_state_itself_is_a_disk_full_stop_not_a_traceback(
    portal, small_tmpfs
):
    ballast = _fill_leaving(small_tmpfs, 200 * 1024)
    directory = small_tmpfs / "archive"
    stopped, _ = _crawl(portal.url, directory, "-s", "ARCHIVE_MIN_FREE_MB=0")
    assert stopped.returncode == 1, stopped.stderr[-3000:]
    assert "Traceback" not in stopped.stderr
    errors = [line for line in stopped.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stopped.stderr[-4000:]
    assert errors[0].startswith("Error: the disk of ")
    state = directory / "jobs" / "t" / "demo-trs" / JOB_STATE
    assert not state.exists() or json.loads(state.read_text())["crawl_ids"]
    ballast.unlink()
    _assert_resumes(portal.url, directory, "-s", "ARCHIVE_MIN_FREE_MB=0")
