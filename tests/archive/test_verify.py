from __future__ import annotations

import pytest

from archive import Archive, ArchiveError, verify
from archive.store import Archive as StoreArchive


def _fill(archive_dir, make_capture, n=3):
    with Archive.open(archive_dir, software_version="t") as arch:
        stored = [
            arch.store(
                make_capture(
                    url=f"http://d.test/{i}.html", body=f"body {i}".encode() * 50
                )
            )
            for i in range(n)
        ]
        stored.append(
            arch.store(make_capture(url="http://d.test/dup.html", body=b"body 0" * 50))
        )
    return stored


def _warc_path(archive_dir, stored):
    return archive_dir / "warc" / stored.warc_file


def test_verify_passes_on_a_good_archive(archive_dir, make_capture):
    _fill(archive_dir, make_capture)
    result = verify(archive_dir)
    assert result.problems == []
    assert result.ok
    assert (
        result.records_checked == 1 + 2 * 4
    )  # warcinfo + (main + request) per capture


def test_verify_fails_naming_file_and_offset_when_a_byte_is_flipped(
    archive_dir, make_capture
):
    stored = _fill(archive_dir, make_capture)
    target = stored[1]
    path = _warc_path(archive_dir, target)
    data = bytearray(path.read_bytes())
    data[target.warc_offset + target.warc_length // 2] ^= 0x01
    path.write_bytes(bytes(data))
    result = verify(archive_dir)
    assert not result.ok
    assert any(
        f"{target.warc_file} @ {target.warc_offset}" in p for p in result.problems
    )


def test_a_flipped_byte_is_one_problem_and_the_records_after_it_are_still_checked(
    archive_dir, make_capture
):
    stored = _fill(archive_dir, make_capture, n=12)
    target = stored[1]
    path = _warc_path(archive_dir, target)
    data = bytearray(path.read_bytes())
    data[target.warc_offset + target.warc_length // 2] ^= 0x01
    path.write_bytes(bytes(data))
    result = verify(archive_dir)
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].startswith(f"{target.warc_file} @ {target.warc_offset}: ")
    assert "reading resumed at the next gzip member" in result.problems[0]
    # warcinfo + 13 groups of two records: every one was read (the damaged one counts once)
    assert result.records_checked == 1 + 2 * 13


def test_damage_after_the_last_readable_record_says_nothing_follows(
    archive_dir, make_capture
):
    stored = _fill(archive_dir, make_capture)
    path = _warc_path(archive_dir, stored[-1])
    with path.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08 not a gzip member at all")
    result = verify(archive_dir)
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].endswith("no readable record after it")


def test_verify_fails_when_the_tail_is_truncated(archive_dir, make_capture):
    stored = _fill(archive_dir, make_capture)
    path = _warc_path(archive_dir, stored[-1])
    data = path.read_bytes()
    path.write_bytes(data[:-10])
    result = verify(archive_dir)
    assert not result.ok
    assert any(stored[-1].warc_file in p and "truncated" in p for p in result.problems)


def test_verify_fails_when_an_index_row_points_past_the_end(archive_dir, make_capture):
    stored = _fill(archive_dir, make_capture)
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.db.execute(
            "UPDATE captures SET warc_offset = 10000000 WHERE id = ?",
            [stored[0].capture_id],
        )
        arch.db.conn.commit()
    result = verify(archive_dir)
    assert not result.ok
    assert any(
        f"{stored[0].warc_file} @ 10000000" in p and "past the end" in p
        for p in result.problems
    )
    # the record it used to point at is now unaccounted for, and verify says so
    assert any(
        f"@ {stored[0].warc_offset}: response record is not in the index" in p
        for p in result.problems
    )


def test_verify_of_a_directory_without_index_is_an_archive_error(tmp_path):
    with pytest.raises(ArchiveError, match="not a nianbao archive"):
        verify(tmp_path)


def test_failed_index_commit_takes_the_records_back(
    archive_dir, make_capture, monkeypatch
):
    with Archive.open(archive_dir, software_version="t") as arch:
        good = arch.store(make_capture(body=b"kept"))
        size_before = _warc_path(archive_dir, good).stat().st_size

        def boom(*args, **kwargs):
            raise RuntimeError("disk full while committing")

        monkeypatch.setattr(arch, "_commit_capture_rows", boom)
        with pytest.raises(RuntimeError, match="disk full"):
            arch.store(make_capture(url="http://d.test/lost", body=b"lost"))
        assert _warc_path(archive_dir, good).stat().st_size == size_before
        assert arch.db.table("captures").count == 1
    assert verify(archive_dir).ok


class SimulatedKill(BaseException):
    """Stands in for SIGKILL between the WARC fsync and the index commit (no cleanup runs)."""


def test_crash_between_warc_write_and_index_commit_is_repaired_on_open(
    archive_dir, make_capture, monkeypatch, caplog
):
    with Archive.open(archive_dir, software_version="t") as arch:
        good = arch.store(make_capture(body=b"kept"))

        def killed(*args, **kwargs):
            raise SimulatedKill

        monkeypatch.setattr(arch, "_commit_capture_rows", killed)
        with pytest.raises(SimulatedKill):
            arch.store(make_capture(url="http://d.test/orphan", body=b"orphan" * 100))
    path = _warc_path(archive_dir, good)
    # the orphan records are on disk, not in the index: verify sees them
    before = verify(archive_dir)
    assert not before.ok
    assert any("not in the index" in p for p in before.problems)
    # and a partial member after them, as a kill mid-write would leave
    with path.open("ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00partial")
    crashed_size = path.stat().st_size
    monkeypatch.undo()
    with (
        caplog.at_level("WARNING", logger="archive.verify"),
        StoreArchive.open(archive_dir, software_version="t") as arch,
    ):
        assert arch.db.table("captures").count == 1
        assert "repaired" in caplog.text
        repaired_size = path.stat().st_size
        after_repair = arch.store(make_capture(url="http://d.test/next", body=b"next"))
    assert repaired_size < crashed_size
    assert (
        after_repair.warc_offset == repaired_size
    )  # appended right after the last good group
    result = verify(archive_dir)
    assert result.ok, result.problems
    with Archive.open(archive_dir, software_version="t") as arch:
        urls = [r["url"] for r in arch.db.table("captures").rows]
    assert urls == ["http://demo.test/zfxxgknb/t1.html", "http://d.test/next"]


def test_open_refuses_to_truncate_many_unindexed_records(archive_dir, make_capture):
    _fill(archive_dir, make_capture)
    (archive_dir / "index.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (archive_dir / f"index.sqlite{suffix}").unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in (archive_dir / "warc").glob("*.warc.gz"))
    with pytest.raises(ArchiveError, match="refusing to truncate"):
        Archive.open(archive_dir, software_version="t")
    assert (
        sum(p.stat().st_size for p in (archive_dir / "warc").glob("*.warc.gz")) == size
    )
