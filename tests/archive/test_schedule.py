from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from archive import (
    Archive,
    InvalidIntervalError,
    due_sites,
    last_finished,
    parse_interval,
)

NOW = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("12h", timedelta(hours=12)),
        ("30m", timedelta(minutes=30)),
        ("90s", timedelta(seconds=90)),
        ("2w", timedelta(weeks=2)),
        ("1d12h", timedelta(days=1, hours=12)),
        (" 6H ", timedelta(hours=6)),
    ],
)
def test_parse_interval_reads_units(text, expected):
    assert parse_interval(text) == expected


@pytest.mark.parametrize(
    "text", ["", "7", "d", "7x", "-1d", "1.5d", "0d", "0h0m", "7 days"]
)
def test_parse_interval_rejects_bad_text_with_a_typed_error(text):
    with pytest.raises(InvalidIntervalError, match="bad interval"):
        parse_interval(text)


def test_invalid_interval_is_also_a_value_error():
    with pytest.raises(ValueError, match="bad interval"):
        parse_interval("weekly")


def _crawl(archive, sites, *, status, finished_at):
    crawl_id = archive.start_crawl(sites=sites)
    archive.finish_crawl(crawl_id, status=status, stats={})
    # the crawls row is the schedule's state; set its time as the clock under test says
    archive.db.execute(
        "UPDATE crawls SET finished = ? WHERE id = ?",
        [finished_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), crawl_id],
    )
    archive.db.conn.commit()


INTERVALS = {
    "never": timedelta(days=1),
    "fresh": timedelta(days=7),
    "stale": timedelta(days=7),
    "exact": timedelta(hours=12),
    "failed-last": timedelta(days=7),
}


def test_due_sites_picks_exactly_the_sites_whose_interval_passed(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        _crawl(arch, ["fresh"], status="finished", finished_at=NOW - timedelta(days=6))
        _crawl(arch, ["stale"], status="finished", finished_at=NOW - timedelta(days=8))
        _crawl(
            arch, ["exact"], status="finished", finished_at=NOW - timedelta(hours=12)
        )
        _crawl(
            arch,
            ["failed-last"],
            status="finished",
            finished_at=NOW - timedelta(days=10),
        )
        # a later crawl that did not finish does not reset the clock
        _crawl(
            arch,
            ["failed-last"],
            status="shutdown",
            finished_at=NOW - timedelta(hours=1),
        )
        # sites outside the registry's intervals are never due
        _crawl(
            arch, ["retired"], status="finished", finished_at=NOW - timedelta(days=99)
        )

    assert due_sites(archive_dir, INTERVALS, now=NOW) == [
        "never",
        "stale",
        "exact",
        "failed-last",
    ]
    # one second earlier the 12-hour site is not due yet
    assert "exact" not in due_sites(
        archive_dir, INTERVALS, now=NOW - timedelta(seconds=1)
    )
    # a week later every site is due
    assert due_sites(archive_dir, INTERVALS, now=NOW + timedelta(days=7)) == list(
        INTERVALS
    )


def test_a_crawl_covering_several_sites_counts_for_each(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        _crawl(
            arch, ["a", "b"], status="finished", finished_at=NOW - timedelta(hours=1)
        )
    assert due_sites(
        archive_dir, {"a": timedelta(days=1), "b": timedelta(minutes=30)}, now=NOW
    ) == ["b"]
    assert set(last_finished(archive_dir)) == {"a", "b"}


def test_a_crawl_that_died_leaves_the_site_due(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        _crawl(arch, ["s"], status="finished", finished_at=NOW - timedelta(days=2))
        arch.start_crawl(sites=["s"])  # killed: never finished
    with Archive.open(archive_dir, software_version="t"):
        pass  # the next writer marks it died
    con = sqlite3.connect(archive_dir / "index.sqlite")
    assert con.execute("SELECT status FROM crawls ORDER BY id").fetchall() == [
        ("finished",),
        ("died",),
    ]
    con.close()
    assert due_sites(archive_dir, {"s": timedelta(days=1)}, now=NOW) == ["s"]


def test_an_archive_not_created_yet_makes_every_site_due(tmp_path):
    assert due_sites(tmp_path / "nothing", {"x": timedelta(days=1)}, now=NOW) == ["x"]


def test_due_sites_needs_an_aware_clock_and_positive_intervals(archive_dir):
    with pytest.raises(ValueError, match="timezone-aware"):
        due_sites(archive_dir, {"x": timedelta(days=1)}, now=datetime(2026, 1, 1))
    with pytest.raises(InvalidIntervalError, match="longer than zero"):
        due_sites(archive_dir, {"x": timedelta()}, now=NOW)
