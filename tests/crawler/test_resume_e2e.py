"""Fault injection: a crawl of demo-trs killed with SIGKILL, then resumed with the same job.

Each scenario kills the crawl subprocess at one point: (a) while fetching, once some captures
are committed (watched by polling the index); (b) between a capture's WARC write and its index
commit; (c) inside the index commit; (d) inside the end-of-crawl parse pass ((b), (c) and (d) by
the test-only pipelines of ``tests/crawler/killing_pipeline.py``). The same command is then run
again; the job's archive must hold exactly the (url, kind) captures of an uninterrupted
reference crawl, each once, the killed crawl marked ``died``, the resumed one ``finished``, and
``verify`` must pass. With the parse pass on, every document the killed crawl stored is parsed
by the resumed one, and no process of the killed crawl (its parse workers) outlives it.
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
from collections import Counter
from pathlib import Path

import pytest

from archive import verify
from crawler.jobstate import JOB_STATE

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
KILLERS = "tests.crawler.killing_pipeline"


def _command(base_url: str, archive_dir: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=demo-trs",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive_dir}",
        "-s", "NIANBAO_PROGRESS_INTERVAL=0", "-s", "PORTAL_MAX_LIST_PAGES=8",
        "-s", "ARCHIVE_PARSE=off", "-s", "LOG_LEVEL=INFO", *extra,
    ]  # fmt: skip


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )


#: The spider's captures, not the exchanges ``crawler.exchanges`` records beside them.
_SPIDERS = " WHERE kind NOT IN ('robots', 'redirect', 'retry')"


def _captures(archive_dir: Path) -> Counter[tuple[str, str]]:
    """The spider's captures (items) by URL and kind.

    The exchanges recorded beside them (robots.txt, redirect hops, retried answers,
    ``crawler.exchanges``) are left out: each process really fetches robots.txt again, and
    they are archived as they happen, not once per job.
    """
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        rows = db.execute(f"SELECT url, kind FROM captures{_SPIDERS}").fetchall()
    return Counter((url, kind) for url, kind in rows)


def _unparsed(archive_dir: Path) -> int:
    """Report/attachment documents with no ``texts`` row: stored but never parsed."""
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return db.execute(
            "SELECT count(DISTINCT document_id) FROM captures"
            " WHERE kind IN ('report', 'attachment')"
            " AND document_id NOT IN (SELECT document_id FROM texts)"
        ).fetchone()[0]


def _processes_marked(mark: str) -> list[int]:
    """Pids of live processes whose environment holds ``NIANBAO_TEST_MARK=mark``."""
    found = []
    needle = f"NIANBAO_TEST_MARK={mark}".encode()
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if needle in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def _survivors(mark: str, grace: float = 5.0) -> list[int]:
    """The marked processes still alive after ``grace`` seconds (a sandbox child may need a
    moment to finish its document and notice its reader is gone)."""
    deadline = time.monotonic() + grace
    alive = _processes_marked(mark)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = _processes_marked(mark)
    return alive


def _statuses(archive_dir: Path) -> list[str]:
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        return [r[0] for r in db.execute("SELECT status FROM crawls ORDER BY id")]


@pytest.fixture(scope="module")
def reference(portal, tmp_path_factory):
    directory = tmp_path_factory.mktemp("reference")
    done = _run(_command(portal.url, directory))
    assert done.returncode == 0, done.stderr[-3000:]
    captures = _captures(directory)
    assert max(captures.values()) == 1, "the reference crawl itself captured twice"
    assert len(captures) > 20
    return set(captures)


def _kill_when_indexed(command: list[str], archive_dir: Path, count: int) -> int:
    """Start the crawl and SIGKILL it once ``count`` captures are committed."""
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with sqlite3.connect(archive_dir / "index.sqlite", timeout=1) as db:
                    done = db.execute(
                        f"SELECT count(*) FROM captures{_SPIDERS}"
                    ).fetchone()[0]
            except sqlite3.Error:
                done = 0
            if done >= count:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _assert_resumed_like_reference(archive_dir: Path, reference: set) -> None:
    captures = _captures(archive_dir)
    duplicates = {key: n for key, n in captures.items() if n > 1}
    assert not duplicates
    assert set(captures) == reference
    statuses = _statuses(archive_dir)
    assert statuses[0] == "died"
    assert statuses[-1] == "finished"
    result = verify(archive_dir)
    assert result.ok, result.problems
    state = json.loads(
        (archive_dir / "jobs" / "t" / "demo-trs" / JOB_STATE).read_text()
    )
    assert state == {"crawl_ids": []}  # the job finished: its next run starts afresh


SLOW = ("-s", "PORTAL_LOCAL_FAST=False", "-s", "DOWNLOAD_DELAY=0.05",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")  # fmt: skip


def test_killed_while_fetching_then_resumed_captures_everything_once(
    portal, reference, tmp_path
):
    directory = tmp_path / "archive"
    command = _command(portal.url, directory, "-s", "NIANBAO_JOB=t", *SLOW)
    code = _kill_when_indexed(command, directory, count=12)
    assert code == -signal.SIGKILL, "the crawl ended before it could be killed"
    assert 12 <= sum(_captures(directory).values()) < len(reference)
    assert (directory / "jobs" / "t" / "demo-trs").is_dir()

    resumed = _run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "resuming job" in resumed.stderr
    _assert_resumed_like_reference(directory, reference)


@pytest.mark.parametrize("group", [1, 32])
@pytest.mark.parametrize("killer", ["KillBeforeIndexCommit", "KillInsideIndexCommit"])
def test_killed_inside_store_then_resumed_captures_everything_once(
    portal, reference, tmp_path, killer, group
):
    directory = tmp_path / "archive"
    command = _command(
        portal.url,
        directory,
        "-s",
        "NIANBAO_JOB=t",
        "-s",
        f"ARCHIVE_GROUP_SIZE={group}",
    )
    pipelines = json.dumps({f"{KILLERS}.{killer}": 300})
    killed = _run(
        [*command, "-s", f"ITEM_PIPELINES={pipelines}"], NIANBAO_TEST_KILL_AT="15"
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    if group == 1:
        assert sum(_captures(directory).values()) == 14  # the 15th never committed
    else:
        # the group holding the 15th was never committed: the kill cost all of it, and
        # none of its captures had been reported stored
        assert sum(_captures(directory).values()) < 15

    resumed = _run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    _assert_resumed_like_reference(directory, reference)


def _killed_while_parsing(portal, tmp_path, mode: str, killer: str):
    """A job crawl killed at its third parse (written, or handed to a worker); its archive and command."""
    directory = tmp_path / "archive"
    command = _command(
        portal.url, directory, "-s", "NIANBAO_JOB=t", "-s", f"ARCHIVE_PARSE={mode}"
    )
    pipelines = json.dumps({f"{KILLERS}.{killer}": 300})
    mark = uuid.uuid4().hex
    killed = _run(
        [*command, "-s", f"ITEM_PIPELINES={pipelines}"],
        NIANBAO_TEST_KILL_AT="3",
        NIANBAO_TEST_MARK=mark,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    assert _unparsed(directory) > 0
    assert _survivors(mark) == [], "a parse worker outlived the killed crawl"
    return directory, command


def test_killed_while_stream_parsing_then_resumed_parses_what_it_stored(
    portal, reference, tmp_path
):
    directory, command = _killed_while_parsing(
        portal, tmp_path, "stream", "KillInsideStreamParse"
    )
    resumed = _run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _unparsed(directory) == 0
    assert "recovered-unparsed" in resumed.stderr
    _assert_resumed_like_reference(directory, reference)


def test_killed_inside_the_parse_pass_then_resumed_parses_what_it_stored(
    portal, reference, tmp_path
):
    directory, command = _killed_while_parsing(
        portal, tmp_path, "after", "KillInsideParsePass"
    )
    assert set(_captures(directory)) == reference  # every capture came before the pass
    left = _unparsed(directory)

    resumed = _run(command)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _unparsed(directory) == 0
    assert (
        f"{left} documents parsed" in resumed.stderr
    )  # the summary says what it recovered
    _assert_resumed_like_reference(directory, reference)


def test_a_parse_worker_killed_mid_crawl_neither_hangs_the_crawl_nor_loses_a_document(
    portal, reference, tmp_path
):
    """A dead worker breaks the whole process pool: the crawl goes on in a new one.

    The killed worker's documents are counted as a failed parse and left unparsed, and the
    next crawl of the site parses them; before, every later hand-over raised and the crawl
    waited for ever for documents no worker would parse.
    """
    directory = tmp_path / "archive"
    command = _command(
        portal.url, directory, "-s", "NIANBAO_JOB=t", "-s", "ARCHIVE_PARSE=stream"
    )
    pipelines = json.dumps({f"{KILLERS}.KillParseWorker": 300})
    first = _run(
        [*command, "-s", f"ITEM_PIPELINES={pipelines}"], NIANBAO_TEST_KILL_AT="5"
    )
    assert "a parse worker died; parsing goes on in a new pool" in first.stderr
    assert set(_captures(directory)) == reference  # the crawl itself went on to the end
    assert "'nianbao/parse/ok'" in first.stderr  # and so did parsing, in the new pool
    assert first.returncode == 0, first.stderr[-3000:]
    # the tasks in the broken pool: the dead worker's, and any waiting beside it
    assert "'nianbao/parse/pass-failed'" in first.stderr
    assert _unparsed(directory) > 0

    again = _run(command)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "recovered-unparsed" in again.stderr
    assert _unparsed(directory) == 0
