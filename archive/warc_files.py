"""WARC files on disk: appending record groups with rotation, fsync and undo, and listing files.

One gzip member per record (warcio ``WARCWriter(gzip=True)``), so any record can be read from its
offset alone and a crash can only damage the last member. Files are named
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


@dataclass(frozen=True, slots=True)
class RecordSpan:
    """Where one record landed: file name (relative to ``warc/``), offset and length in bytes."""

    warc_file: str
    offset: int
    length: int


class WarcAppender:
    """Appends record groups to the newest WARC file, rotating by size, fsyncing every group.

    The caller commits index rows only after ``append`` returns (DESIGN.md "Promises"), and calls
    ``truncate`` to take a group back when that commit fails.
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
        existing = list_warc_files(directory)
        if existing:
            self._open(existing[-1])

    @property
    def current_name(self) -> str | None:
        return self._name

    def append(self, records: Sequence[Any]) -> list[RecordSpan]:
        """Write ``records`` (warcio records) back to back; flush and fsync before returning."""
        handle = self._handle_for_write()
        assert self._name is not None  # noqa: S101 (set by _handle_for_write)
        first = handle.tell()
        spans: list[RecordSpan] = []
        try:
            for record in records:
                start = handle.tell()
                self.writer.out = handle
                self.writer.write_record(record)
                spans.append(RecordSpan(self._name, start, handle.tell() - start))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            # A full disk or an I/O error mid-record: cut the partial gzip member off again, so
            # later records are not appended behind damage that would hide them from readers.
            with contextlib.suppress(OSError):
                self.truncate(self._name, first)
            msg = f"cannot write WARC file {self._name}: {exc}"
            raise ArchiveNotWritableError(msg) from exc
        return spans

    def truncate(self, warc_file: str, offset: int) -> None:
        """Cut ``warc_file`` back to ``offset`` (undo an append whose index commit failed)."""
        if self._file is not None and warc_file == self._name:
            self._file.flush()
            self._file.truncate(offset)
            self._file.seek(offset)
            os.fsync(self._file.fileno())
        else:
            with (self.directory / warc_file).open("r+b") as handle:
                handle.truncate(offset)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _handle_for_write(self) -> BinaryIO:
        if self._file is None or self._file.tell() > self.max_bytes:
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
        self._name, self._file = name, handle
        if handle.tell() == 0:
            info = {
                "software": f"nianbao/{self.software_version}",
                "format": "WARC/1.1",
            }
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
