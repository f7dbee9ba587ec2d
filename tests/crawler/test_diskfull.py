"""A full disk, unit level: what counts as one, and job files that survive it."""

from __future__ import annotations

import errno
import json
import pickle
import sqlite3

import pytest
from scrapy.utils.test import get_crawler

from archive import ArchiveError
from crawler.diskfull import DISK_FULL_STAT, DiskFullGuard, JobScheduler, is_disk_full
from crawler.jobstate import job_crawls, set_aside_broken_state, write_job_crawls
from crawler.spiders.portal import PortalSpider


def _wrapped(cause: BaseException) -> ArchiveError:
    try:
        raise ArchiveError("cannot write the index") from cause
    except ArchiveError as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (sqlite3.OperationalError("database or disk is full"), True),
        (_wrapped(OSError(errno.ENOSPC, "No space left on device")), True),
        (OSError(errno.EACCES, "Permission denied"), False),
        (sqlite3.OperationalError("database is locked"), False),
        (ValueError("disk is full"), False),
        (None, False),
    ],
)
def test_only_enospc_edquot_and_sqlite_full_count_as_a_full_disk(exc, full):
    assert is_disk_full(exc) is full


def test_a_failed_job_state_write_keeps_the_old_state(tmp_path, monkeypatch):
    write_job_crawls(tmp_path, (1, 2))

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json, "dump", no_space)
    with pytest.raises(OSError, match="No space"):
        write_job_crawls(tmp_path, (1, 2, 3))
    assert job_crawls(tmp_path) == (1, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nianbao-job.json"]


def test_empty_scrapy_job_files_are_set_aside_and_good_ones_kept(tmp_path):
    (tmp_path / "requests.queue").mkdir()
    (tmp_path / "spider.state").write_bytes(b"")  # what a full disk leaves
    (tmp_path / "requests.queue" / "active.json").write_text("[1, 2]")
    moved = set_aside_broken_state(tmp_path)
    assert [p.name.split(".broken-")[0] for p in moved] == ["spider.state"]
    assert not (tmp_path / "spider.state").exists()
    assert (tmp_path / "requests.queue" / "active.json").read_text() == "[1, 2]"

    (tmp_path / "spider.state").write_bytes(pickle.dumps({"k": 1}))
    (tmp_path / "requests.queue" / "active.json").write_text("")
    moved = set_aside_broken_state(tmp_path)
    assert [p.name.split(".broken-")[0] for p in moved] == ["active.json"]
    assert (tmp_path / "spider.state").exists()


def test_the_job_scheduler_writes_active_json_atomically_and_reads_a_broken_one_as_empty(
    tmp_path, monkeypatch
):
    crawler = get_crawler(
        PortalSpider,
        settings_dict={
            "JOBDIR": str(tmp_path),
            "DUPEFILTER_CLASS": "crawler.resume.JobDupeFilter",  # in memory, no file
        },
    )
    scheduler = JobScheduler.from_crawler(crawler)
    dqdir = str(tmp_path)
    scheduler._write_dqs_state(dqdir, [3, 4])
    assert json.loads((tmp_path / "active.json").read_text()) == [3, 4]

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(json, "dump", no_space)
        with pytest.raises(OSError, match="No space"):
            scheduler._write_dqs_state(dqdir, [5])
    assert json.loads((tmp_path / "active.json").read_text()) == [3, 4]
    assert not (tmp_path / "active.json.tmp").exists()

    (tmp_path / "active.json").write_text("")
    assert scheduler._read_dqs_state(dqdir) == ()


def test_the_guard_stops_once_when_free_space_is_under_the_floor(tmp_path):
    crawler = get_crawler(
        PortalSpider,
        settings_dict={
            "ARCHIVE_DIR": str(tmp_path / "a"),
            "ARCHIVE_MIN_FREE_MB": 10**9,
        },
    )
    crawler.stats.open_spider()
    (tmp_path / "a").mkdir()  # the pipeline creates the archive before the guard looks
    guard = DiskFullGuard.from_crawler(crawler)
    guard.check_free_space()
    first = crawler.stats.get_value(DISK_FULL_STAT)
    assert "less than ARCHIVE_MIN_FREE_MB=1000000000" in first
    guard.check_free_space()
    assert crawler.stats.get_value(DISK_FULL_STAT) == first
