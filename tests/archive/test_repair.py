from __future__ import annotations

import os
import sqlite3

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive import Archive, ArchiveError, verify


class SimulatedKill(BaseException):
    """Stands in for SIGKILL after the WARC fsync, before the index commit."""


def _kill_during_store(arch, monkeypatch, capture):
    def killed(*args, **kwargs):
        raise SimulatedKill

    monkeypatch.setattr(arch, "_commit_capture_rows", killed)
    with pytest.raises(SimulatedKill):
        arch.store(capture)
    monkeypatch.undo()


def test_orphan_in_a_freshly_rotated_file_is_cut_back_to_its_warcinfo(
    archive_dir, make_capture, monkeypatch
):
    with Archive.open(archive_dir, software_version="t", warc_max_bytes=200) as arch:
        first = arch.store(make_capture(url="http://d.test/1", body=b"one" * 100))
        _kill_during_store(
            arch, monkeypatch, make_capture(url="http://d.test/2", body=b"two")
        )
    files = sorted((archive_dir / "warc").glob("*.warc.gz"))
    assert len(files) == 2
    assert not verify(archive_dir).ok
    with Archive.open(archive_dir, software_version="t", warc_max_bytes=200):
        pass
    with files[1].open("rb") as fh:
        assert [r.rec_type for r in ArchiveIterator(fh)] == ["warcinfo"]
    assert files[0].name == first.warc_file
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_a_partial_warcinfo_is_rewritten_on_open(archive_dir, make_capture):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture())
    newer = archive_dir / "warc" / "nianbao-20991231000000-00002.warc.gz"
    newer.write_bytes(b"\x1f\x8b\x08\x00half a member")
    with Archive.open(archive_dir, software_version="t") as arch:
        stored = arch.store(make_capture(url="http://d.test/after", body=b"after"))
    assert stored.warc_file == newer.name
    with newer.open("rb") as fh:
        assert [r.rec_type for r in ArchiveIterator(fh)] == [
            "warcinfo",
            "response",
            "request",
        ]
    assert verify(archive_dir).ok


def test_damage_in_an_older_file_is_left_for_verify_to_report(
    archive_dir, make_capture
):
    with Archive.open(archive_dir, software_version="t", warc_max_bytes=200) as arch:
        old = arch.store(make_capture(url="http://d.test/1", body=b"one" * 100))
        arch.store(make_capture(url="http://d.test/2", body=b"two" * 100))
    path = archive_dir / "warc" / old.warc_file
    data = bytearray(path.read_bytes())
    data[old.warc_offset + 40] ^= 0xFF
    path.write_bytes(bytes(data))
    with Archive.open(archive_dir, software_version="t", warc_max_bytes=200):
        pass
    assert path.read_bytes() == bytes(data)  # open never rewrites an older file
    result = verify(archive_dir)
    assert not result.ok
    assert any(f"{old.warc_file} @ {old.warc_offset}" in p for p in result.problems)


def test_sqlite_error_on_commit_is_an_archive_error_and_leaves_no_record(
    archive_dir, make_capture, monkeypatch
):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture(body=b"first"))

        def locked(*args, **kwargs):
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(arch, "_commit_capture_rows", locked)
        with pytest.raises(ArchiveError, match="database is locked"):
            arch.store(make_capture(url="http://d.test/x", body=b"second"))
    assert verify(archive_dir).ok


def test_index_sha256_disagreeing_with_the_record_is_reported(
    archive_dir, make_capture
):
    with Archive.open(archive_dir, software_version="t") as arch:
        stored = arch.store(make_capture(body=b"payload"))
        arch.db.execute("PRAGMA foreign_keys = OFF")
        arch.db.execute(  # the index keeps the digest once, in documents (schema 8)
            "UPDATE documents SET sha256 = ?"
            " WHERE id = (SELECT document_id FROM captures WHERE id = ?)",
            ["f" * 64, stored.capture_id],
        )
        arch.db.conn.commit()
    result = verify(archive_dir)
    assert not result.ok
    assert any(
        f"@ {stored.warc_offset}" in p and "payload sha256" in p
        for p in result.problems
    )


def test_newer_schema_is_refused(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.db.execute("PRAGMA user_version = 99")
    with pytest.raises(ArchiveError, match="newer than this nianbao"):
        Archive.open(archive_dir, software_version="t")


def test_a_crawl_left_running_is_marked_died_by_the_next_writer(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        dead = arch.start_crawl(sites=["s"])
        done = arch.start_crawl(sites=["s"])
        arch.finish_crawl(done, status="finished", stats={})
    with Archive.open(archive_dir, software_version="t") as arch:
        statuses = {r["id"]: r["status"] for r in arch.db.table("crawls").rows}
    assert statuses == {dead: "died", done: "finished"}


def test_a_failed_warc_write_is_cut_off_and_typed(
    archive_dir, make_capture, monkeypatch
):
    # A full disk in the middle of a record: nothing half-written stays, the error is typed,
    # and the next capture lands on a clean file that verify accepts.
    from archive import ArchiveNotWritableError

    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture(url="http://d.test/1.html", body=b"one"))
        real_fsync = os.fsync
        calls = {"n": 0}

        def failing_fsync(fd):
            calls["n"] += 1
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", failing_fsync)
        with pytest.raises(ArchiveNotWritableError, match="No space left"):
            arch.store(make_capture(url="http://d.test/2.html", body=b"two"))
        monkeypatch.setattr(os, "fsync", real_fsync)
        assert calls["n"] >= 1
        arch.store(make_capture(url="http://d.test/3.html", body=b"three"))
        urls = [
            row["url"] for row in arch.db.query("select url from captures order by id")
        ]
    assert urls == ["http://d.test/1.html", "http://d.test/3.html"]
    result = verify(archive_dir)
    assert result.ok, result.problems
