"""A disk that fills in the middle of a group: the WARC is cut back and the archive opens again.

The other full-disk tests fail ``fsync``; a real disk fails ``write(2)`` first, after writing what
fits, while Python's buffered file still holds the rest of the group's records. Here the WARC
file's raw writes go through a ``_FillingDisk`` with a byte budget, so a group runs into the
buffered failure a real tmpfs gave: a flush that fails inside the undo used to leave the group's
records in the file, and the next ``Archive.open`` refused the archive ("records after offset …
are not in the index; refusing to truncate").
"""

from __future__ import annotations

import errno
import io
import os
import pathlib

import pytest

from archive import Archive, ArchiveNotWritableError, verify


class _Disk:
    """Bytes left on the disk; a write past them writes what fits, then fails."""

    def __init__(self) -> None:
        self.room = 1 << 30


class _FillingDisk(io.RawIOBase):
    """A raw file whose writes take from ``disk.room`` and whose truncation gives back."""

    def __init__(self, path: pathlib.Path, disk: _Disk) -> None:
        self._raw = io.FileIO(path, "a")
        self._disk = disk

    def write(self, data) -> int:  # type: ignore[override]
        if self._disk.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        written = self._raw.write(bytes(data)[: self._disk.room])
        self._disk.room -= written
        return written

    def truncate(self, size: int | None = None) -> int:
        before = os.fstat(self._raw.fileno()).st_size
        after = self._raw.truncate(size)
        self._disk.room += max(0, before - after)
        return after

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def fileno(self) -> int:
        return self._raw.fileno()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()


@pytest.fixture
def disk(monkeypatch):
    """WARC files opened for appending sit on a ``_Disk``; every other file is left alone."""
    state = _Disk()
    real_open = pathlib.Path.open

    def open_on_disk(self, mode="r", *args, **kwargs):
        if mode == "ab" and self.name.endswith(".warc.gz"):
            return io.BufferedWriter(_FillingDisk(self, state))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_on_disk)
    return state


def _warc(archive_dir: pathlib.Path) -> pathlib.Path:
    (path,) = (archive_dir / "warc").glob("*.warc.gz")
    return path


def _urls(arch: Archive) -> list[str]:
    return [r["url"] for r in arch.db.query("select url from captures order by id")]


@pytest.mark.parametrize(
    ("room", "bodies"),
    [
        # the group's records fit in the write buffer: its fsync's flush is what fails
        (500, 2),
        # the group outgrows the buffer: a record's own write fails, earlier ones buffered
        (3000, 6),
    ],
)
def test_a_disk_filling_mid_group_leaves_the_warc_as_the_index_knows_it(
    archive_dir, make_capture, disk, room, bodies
):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture(url="http://d.test/kept.html", body=b"kept"))
        size = _warc(archive_dir).stat().st_size
        disk.room = room
        with pytest.raises(ArchiveNotWritableError, match=r"No space left|could not"):
            arch.store_many(
                [
                    make_capture(url=f"http://d.test/{i}.html", body=os.urandom(2500))
                    for i in range(bodies)
                ]
            )
        assert _warc(archive_dir).stat().st_size == size
        disk.room = 1 << 30  # space freed
        arch.store(make_capture(url="http://d.test/after.html", body=b"after"))
        assert _urls(arch) == ["http://d.test/kept.html", "http://d.test/after.html"]
    # a later process opens it (repairing the tail if it has to) and every record verifies
    with Archive.open(archive_dir, software_version="t") as arch:
        assert _urls(arch) == ["http://d.test/kept.html", "http://d.test/after.html"]
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_a_disk_full_when_the_process_stops_leaves_an_archive_the_next_open_accepts(
    archive_dir, make_capture, disk
):
    # the crawl's way: a group fails, the next one fails too, the process closes the archive
    arch = Archive.open(archive_dir, software_version="t")
    arch.store(make_capture(url="http://d.test/kept.html", body=b"kept"))
    disk.room = 700
    for group in range(2):
        with pytest.raises(ArchiveNotWritableError):
            arch.store_many(
                [
                    make_capture(
                        url=f"http://d.test/{group}-{i}.html", body=os.urandom(900)
                    )
                    for i in range(3)
                ]
            )
    arch.close()
    disk.room = 1 << 30
    with Archive.open(archive_dir, software_version="t") as reopened:
        assert _urls(reopened) == ["http://d.test/kept.html"]
    result = verify(archive_dir)
    assert result.ok, result.problems


def test_no_room_for_a_new_files_warcinfo_is_a_typed_error_and_leaves_no_partial_file(
    archive_dir, make_capture, disk
):
    with Archive.open(archive_dir, software_version="t") as arch:
        disk.room = 100  # less than the warcinfo record that starts every WARC file
        with pytest.raises(ArchiveNotWritableError, match="No space left"):
            arch.store(make_capture(url="http://d.test/lost.html", body=b"lost"))
        disk.room = 1 << 30
        arch.store(make_capture(url="http://d.test/after.html", body=b"after"))
        assert _urls(arch) == ["http://d.test/after.html"]
    result = verify(archive_dir)
    assert result.ok, result.problems
