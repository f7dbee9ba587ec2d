"""WARC files on disk: appending record groups with rotation, fsync and undo, and listing files.

One gzip member per record (warcio ``WARCWriter(gzip=True)``), so any record can be read from its
offset alone and a crash can only damage the last member. A group of captures
(``Archive.store_many``) is appended without syncing and fsynced once (``sync``) before its index
rows commit; a file is only rotated between groups, so a group's records share one file. Files are named
``nianbao-YYYYMMDDhhmmss-NNNNN.warc.gz`` and start with a hostname-free ``warcinfo`` record; a new
file starts once the current one exceeds ``max_bytes`` (an explicit argument, no settings read).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from warcio.warcwriter import WARCWriter

from archive.errors import ArchiveNotWritableError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

WARC_VERSION = "1.1"
#: File beside the WARC files naming where the latest group of records started.
GROUP_MARK = ".group-start"


@dataclass(frozen=True, slots=True)
class RecordSpan:
    """Where one record landed: file name (relative to ``warc/``), offset and length in bytes."""

    warc_file: str
    offset: int
    length: int


class WarcAppender:
    """Appends record groups to the newest WARC file, rotating by size, fsyncing every group.

    The caller commits index rows only after ``append`` returns, or after ``sync`` for records
    appended with ``sync=False`` (DESIGN.md "Promises"), and calls ``truncate`` to take records
    back when that commit fails.
    """

    def __init__(
        self, directory: Path, *, software_version: str, max_bytes: int
    ) -> None:
        self.directory = directory
        self.software_version = software_version
        self.max_bytes = max_bytes
        self.writer = WARCWriter(None, gzip=True, warc_version=WARC_VERSION)
        self._name: str | None = None
        self._file: BinaryIO | None = None
        # bytes appended with sync=False and not fsynced yet
        self._dirty = False
        existing = list_warc_files(directory)
        if existing:
            self._open(existing[-1])

    @property
    def current_name(self) -> str | None:
        return self._name

    def append(
        self, records: Sequence[Any], *, sync: bool = True, rotate: bool = True
    ) -> list[RecordSpan]:
        """Write ``records`` (warcio records) back to back.

        With ``sync`` (the default) they are flushed and fsynced before this returns; without,
        the caller calls ``sync`` before committing rows that point at them. ``rotate=False``
        keeps them in the current file whatever its size (the rest of a group).
        """
        handle = self._handle_for_write(rotate=rotate)
        assert self._name is not None  # noqa: S101 (set by _handle_for_write)
        first = handle.tell()
        spans: list[RecordSpan] = []
        try:
            for record in records:
                start = handle.tell()
                self.writer.out = handle
                self.writer.write_record(record)
                spans.append(RecordSpan(self._name, start, handle.tell() - start))
            self._dirty = True
            if sync:
                self.sync()
        except (OSError, ArchiveNotWritableError) as exc:
            # A full disk or an I/O error mid-record: cut the partial gzip member off again, so
            # later records are not appended behind damage that would hide them from readers.
            with contextlib.suppress(OSError):
                self.truncate(self._name, first)
            if isinstance(exc, ArchiveNotWritableError):
                raise
            msg = f"cannot write WARC file {self._name}: {exc}"
            raise ArchiveNotWritableError(msg) from exc
        return spans

    def start_group(self) -> tuple[str, int]:
        """Rotate if the current file is full; the file and offset the next group starts at.

        The position is also written to ``GROUP_MARK`` (not fsynced: it only has to outlive a
        killed process, as the unsynced records do), so that ``verify.repair_tail`` can tell
        the records of one interrupted group from an index that was lost.
        """
        handle = self._handle_for_write(rotate=True)
        assert self._name is not None  # noqa: S101 (set by _handle_for_write)
        offset = handle.tell()
        try:
            (self.directory / GROUP_MARK).write_text(f"{self._name} {offset}\n")
        except OSError as exc:
            msg = f"cannot write {GROUP_MARK} in {self.directory}: {exc}"
            raise ArchiveNotWritableError(msg) from exc
        return self._name, offset

    def sync(self) -> None:
        """Flush and fsync what was appended since the last sync (one fsync for a group)."""
        if self._file is None or not self._dirty:
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            msg = f"cannot write WARC file {self._name}: {exc}"
            raise ArchiveNotWritableError(msg) from exc
        self._dirty = False

    def flush(self) -> None:
        """Hand buffered records to the OS (no fsync), so a reader of the file sees them."""
        if self._file is not None:
            self._file.flush()

    def truncate(self, warc_file: str, offset: int) -> None:
        """Cut ``warc_file`` back to ``offset`` (undo an append whose index commit failed).

        On a full disk the bytes still in the write buffer cannot be flushed, and a flush that
        failed before the cut used to leave the group's records in the file, after the last
        indexed one and before a group mark pointing past the file's end: the next ``open``
        then refused the archive. The buffer is dropped instead (the file handle closed and
        opened again). Its bytes lie past ``offset`` when the cut undoes a whole group (a group
        starts on synced bytes); when some lay before it (one capture of a group cut back), the
        records before ``offset`` are gone too, and ``ArchiveNotWritableError`` says so, so
        the caller fails the whole group rather than index records that are not there.
        """
        if self._file is not None and warc_file == self._name:
            try:
                self._file.flush()
            except OSError:
                self._file = self._reopened(self._file, warc_file)
            written = self._file.seek(0, os.SEEK_END)
            self._file.truncate(min(offset, written))
            self._file.seek(min(offset, written))
            os.fsync(self._file.fileno())
            self._dirty = False
            if written < offset:
                msg = (
                    f"cannot write WARC file {warc_file}: records before offset {offset}"
                    " could not be written"
                )
                raise ArchiveNotWritableError(msg)
        else:
            with (self.directory / warc_file).open("r+b") as handle:
                handle.truncate(offset)

    def _reopened(self, handle: BinaryIO, name: str) -> BinaryIO:
        """``name`` opened again, the bytes ``handle`` buffered and could not write dropped."""
        with contextlib.suppress(OSError):
            handle.close()  # the descriptor is closed even when the last flush fails
        return (self.directory / name).open("ab")

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(ArchiveNotWritableError):
                self.sync()  # records of a group whose rows never committed: repaired on open
            self._file.close()
            self._file = None

    def _handle_for_write(self, *, rotate: bool) -> BinaryIO:
        if self._file is None or (rotate and self._file.tell() > self.max_bytes):
            self.close()
            now = datetime.now(UTC)
            sequence = len(list_warc_files(self.directory)) + 1
            self._open(f"nianbao-{now:%Y%m%d%H%M%S}-{sequence:05d}.warc.gz")
        assert self._file is not None  # noqa: S101 (set by _open)
        return self._file

    def _open(self, name: str) -> None:
        is_new = not (self.directory / name).exists()
        handle = (self.directory / name).open("ab")
        if is_new:
            # the new directory entry must survive a power loss too, not only the bytes
            directory = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            try:
                self._start_file(handle, name)
            except OSError as exc:
                # No room for the warcinfo: no file at all, rather than one whose first
                # record is cut short with the next group appended behind it.
                with contextlib.suppress(OSError):
                    handle.close()
                with contextlib.suppress(OSError):
                    (self.directory / name).unlink()
                msg = f"cannot write WARC file {name}: {exc}"
                raise ArchiveNotWritableError(msg) from exc
        self._name, self._file = name, handle

    def _start_file(self, handle: BinaryIO, name: str) -> None:
        """Write the ``warcinfo`` record a new file starts with, and put it on disk."""
        info = {"software": f"nianbao/{self.software_version}", "format": "WARC/1.1"}
        self.writer.out = handle
        self.writer.write_record(self.writer.create_warcinfo_record(name, info))
        handle.flush()
        os.fsync(handle.fileno())


def list_warc_files(directory: Path) -> list[str]:
    """WARC file names in ``directory``, oldest first.

    Ordered by the sequence number at the end of the name, not by the timestamp, so a clock set
    back between two files cannot make an older file look newest (and get its tail "repaired").
    """
    return sorted(
        (p.name for p in directory.glob("*.warc.gz")), key=lambda n: (n[-13:], n)
    )


def group_start(directory: Path) -> tuple[str, int] | None:
    """The WARC file and offset the latest record group started at (``GROUP_MARK``), or None."""
    try:
        name, offset = (directory / GROUP_MARK).read_text().split()
        return name, int(offset)
    except (OSError, ValueError):
        return None
