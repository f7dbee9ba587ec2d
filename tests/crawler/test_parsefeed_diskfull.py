"""A stream parse worker that finds the disk full stops the crawl as a full disk, not a failure.

Parsing writes to the archive's disk. A worker's ``database or disk is full`` must reach the
crawl's full-disk stop (one ``Error:`` line, the job resumes later), not be counted as a failed
parse, which ends the crawl ``failed`` with no word about the disk.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from concurrent.futures import Future
from pathlib import Path

from crawler.parsefeed import ParseFeed
from parsers import ExtractionOptions


class _Stats:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] += count


def _feed(on_disk_full) -> tuple[ParseFeed, _Stats]:
    stats = _Stats()
    archive = type("A", (), {"directory": Path("/nonexistent")})()
    feed = ParseFeed(
        archive,  # type: ignore[arg-type]
        stats,  # type: ignore[arg-type]
        options=ExtractionOptions(),
        workers=1,
        on_disk_full=on_disk_full,
    )
    feed._stopped = True  # (no pool is started to take more work)
    feed._in_flight = 1
    return feed, stats


def _failed(exc: BaseException) -> Future:
    future: Future = Future()
    future.set_exception(exc)
    return future


def test_a_full_disk_in_a_worker_stops_the_crawl_for_the_disk():
    told: list[BaseException] = []
    feed, stats = _feed(told.append)
    full = sqlite3.OperationalError("database or disk is full")
    feed._arrived(_failed(full))
    assert told == [full]
    assert stats.values["nianbao/parse/pass-failed"] == 0


def test_any_other_worker_failure_is_a_failed_parse():
    told: list[BaseException] = []
    feed, stats = _feed(told.append)
    feed._arrived(_failed(RuntimeError("a bug")))
    assert told == []
    assert stats.values["nianbao/parse/pass-failed"] == 1
