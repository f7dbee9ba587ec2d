"""A stream parse worker that finds the disk full stops the crawl as a full disk, not a failure.

Parsing writes to the archive's disk. A worker's ``database or disk is full`` must reach the
crawl's full-disk stop (one ``Error:`` line, the job resumes later), not be counted as a failed
parse, which ends the crawl ``failed`` with no word about the disk.
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future
from typing import TYPE_CHECKING

from tests.crawler.feedfakes import Stats, make_feed

if TYPE_CHECKING:
    from crawler.parsefeed import ParseFeed


def _feed(on_disk_full) -> tuple[ParseFeed, Stats]:
    feed, stats = make_feed(on_disk_full=on_disk_full)
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
