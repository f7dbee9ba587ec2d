"""Group commit: ``Archive.store_many`` fsyncs a group's WARC records once and commits its rows once.

The promise stays the one ``store`` keeps: a capture is in the index only after its WARC record
is on disk; a process killed in the middle of a group loses nothing reported stored, and the
next ``open`` cuts the group's orphan records off; a failed fsync leaves no row behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive import Archive, ArchiveError, ArchiveNotWritableError, verify


def _urls(arch):
    return [r["url"] for r in arch.db.query("select url from captures order by id")]


def test_a_group_is_fsynced_once_and_every_capture_is_indexed(
    archive, archive_dir, make_capture, monkeypatch
):
    archive.store(make_capture(url="http://d.test/0.html", body=b"zero"))
    calls = []
    real_fsync = os.fsync

    def counting_fsync(fd):
        calls.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    captures = [
        make_capture(url=f"http://d.test/{i}.html", body=f"body {i}".encode())
        for i in range(1, 21)
    ]
    results = archive.store_many(captures)
    monkeypatch.undo()
    assert len(calls) == 1
    assert all(not isinstance(r, ArchiveError) for r in results)
    assert _urls(archive) == [f"http://d.test/{i}.html" for i in range(21)]
    assert [r.capture_id for r in results] == sorted(r.capture_id for r in results)
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_a_payload_seen_earlier_in_the_group_becomes_a_revisit_of_it(
    archive, make_capture
):
    first, second = archive.store_many(
        [
            make_capture(url="http://d.test/a.html", body=b"same"),
            make_capture(url="http://d.test/b.html", body=b"same"),
        ]
    )
    assert first.is_new_document
    assert not second.is_new_document
    assert first.sha256 == second.sha256
    types = [
        r["warc_record_type"]
        for r in archive.db.query("select warc_record_type from captures order by id")
    ]
    assert types == ["response", "revisit"]
    count = archive.db.execute("select capture_count from documents").fetchone()[0]
    assert count == 2


def test_one_bad_capture_is_its_own_error_and_the_rest_of_the_group_is_stored(
    archive, archive_dir, make_capture
):
    bad = make_capture(url="http://d.test/naive.html", fetched_at=datetime(2026, 1, 1))
    results = archive.store_many(
        [
            make_capture(url="http://d.test/1.html", body=b"one"),
            bad,
            make_capture(url="http://d.test/2.html", body=b"two"),
        ]
    )
    assert isinstance(results[1], ArchiveError)
    assert _urls(archive) == ["http://d.test/1.html", "http://d.test/2.html"]
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_a_failed_fsync_leaves_no_row_and_no_record_of_the_group(
    archive_dir, make_capture, monkeypatch
):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture(url="http://d.test/kept.html", body=b"kept"))

        def failing_fsync(fd):
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(os, "fsync", failing_fsync)
        with pytest.raises(ArchiveNotWritableError, match="Input/output error"):
            arch.store_many(
                [
                    make_capture(url=f"http://d.test/{i}.html", body=f"{i}".encode())
                    for i in range(5)
                ]
            )
        monkeypatch.undo()
        assert _urls(arch) == ["http://d.test/kept.html"]
        assert arch.db.execute("select count(*) from documents").fetchone()[0] == 1
        arch.store(make_capture(url="http://d.test/after.html", body=b"after"))
    result = verify(archive_dir)
    assert result.ok, result.problems
    with next((archive_dir / "warc").glob("*.warc.gz")).open("rb") as fh:
        uris = [
            r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(fh)
            if r.rec_type == "response"
        ]
    assert uris == ["http://d.test/kept.html", "http://d.test/after.html"]


_KILLED_GROUP = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime, timedelta
    from archive import Archive, Capture

    T0 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)

    def capture(i):
        return Capture(url=f"http://d.test/{i}.html", status=200, body=f"body {i}".encode(),
                       fetched_at=T0 + timedelta(seconds=i), kind="report", site_id="s",
                       response_headers=(("Content-Type", "text/html"),))

    arch = Archive.open(sys.argv[1], software_version="t")
    for result in arch.store_many([capture(i) for i in range(10)]):
        print("stored", result.capture_id, flush=True)
    real = arch._commit_capture_rows
    count = 0
    def dying(*args, **kwargs):
        global count
        count += 1
        if count == 7:  # six captures of the second group written, unsynced, uncommitted
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    arch._commit_capture_rows = dying
    arch.store_many([capture(i) for i in range(10, 20)])
    print("not reached", flush=True)
    """
)


def test_a_kill_in_the_middle_of_a_group_loses_nothing_reported_stored(archive_dir):
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_GROUP, str(archive_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    reported = [
        line for line in killed.stdout.splitlines() if line.startswith("stored")
    ]
    assert len(reported) == 10
    assert not verify(archive_dir).ok  # twelve records of the second group, unindexed
    with Archive.open(archive_dir, software_version="t") as arch:
        assert _urls(arch) == [f"http://d.test/{i}.html" for i in range(10)]
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_many_unindexed_records_outside_the_latest_group_are_still_refused(
    archive_dir, make_capture
):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store_many(
            [
                make_capture(url=f"http://d.test/{i}", body=f"{i}".encode())
                for i in range(3)
            ]
        )
        arch.store(make_capture(url="http://d.test/last", body=b"last"))
    (archive_dir / "index.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (archive_dir / f"index.sqlite{suffix}").unlink(missing_ok=True)
    with pytest.raises(ArchiveError, match="refusing to truncate"):
        Archive.open(archive_dir, software_version="t")
