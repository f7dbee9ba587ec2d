"""Reading WARC records back: one at an offset, or all from an offset on, checked as they come.

Used by ``verify``/``repair_tail`` and by payload look-ups; only these read WARC files. Each
gzip member is inflated on its own as well as parsed by warcio, so a truncated tail or a flipped
byte raises ``IntegrityError`` naming the file and offset. Reads no settings.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.errors import IntegrityError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: Added to ``ReadRecord.warc_headers`` when warcio's digest check fails.
DIGEST_PROBLEMS = "X-Nianbao-Digest-Problems"


@dataclass(frozen=True, slots=True)
class ReadRecord:
    """One record read back: its type, WARC headers, HTTP status, exact payload bytes and extent."""

    rec_type: str
    warc_headers: dict[str, str]
    http_status: int | None
    payload: bytes
    offset: int
    length: int
    #: the HTTP header block as stored (a request record's: the headers sent)
    http_headers: tuple[tuple[str, str], ...] = ()


def iter_records(path: Path, offset: int = 0) -> Iterator[ReadRecord]:
    """Read records from ``offset`` on, checking digests and that each gzip member is complete.

    warcio reads a truncated last member without complaint (it returns the shorter record), so
    every member is also inflated on its own: a missing gzip trailer or a CRC mismatch raises
    ``IntegrityError`` naming the file and offset, as does anything warcio cannot parse.
    """
    with path.open("rb") as handle, path.open("rb") as raw:
        handle.seek(offset)
        iterator = ArchiveIterator(handle, check_digests=True)
        expected = offset
        try:
            for record in iterator:
                payload = record.raw_stream.read()
                warc_headers = dict(record.rec_headers.headers)
                checker = record.digest_checker
                if checker is not None and checker.passed is False:
                    warc_headers[DIGEST_PROBLEMS] = "; ".join(checker.problems)
                status = (
                    record.http_headers.get_statuscode()
                    if record.http_headers
                    else None
                )
                start, length = (
                    iterator.get_record_offset(),
                    iterator.get_record_length(),
                )
                _check_member(raw, start, length, path.name)
                expected = start + length
                yield ReadRecord(
                    rec_type=record.rec_type,
                    warc_headers=warc_headers,
                    http_status=int(status) if status and status.isdigit() else None,
                    payload=payload,
                    offset=start,
                    length=length,
                    http_headers=tuple(
                        (str(k), str(v))
                        for k, v in (
                            record.http_headers.headers if record.http_headers else ()
                        )
                    ),
                )
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            msg = f"unreadable WARC record: {str(exc).splitlines()[0][:120]}"
            raise IntegrityError(msg, warc_file=path.name, offset=expected) from exc


def _check_member(raw: BinaryIO, offset: int, length: int, name: str) -> None:
    raw.seek(offset)
    data = raw.read(length)
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        inflater.decompress(data)
    except zlib.error as exc:
        msg = f"corrupt gzip member ({exc})"
        raise IntegrityError(msg, warc_file=name, offset=offset) from exc
    if not inflater.eof or inflater.unused_data:
        msg = (
            "truncated gzip member"
            if not inflater.eof
            else "trailing bytes in gzip member"
        )
        raise IntegrityError(msg, warc_file=name, offset=offset)


def read_record(path: Path, offset: int) -> ReadRecord:
    """The single record at ``offset``; ``IntegrityError`` if it is unreadable or absent."""
    for record in iter_records(path, offset):
        return record
    msg = "no record at this offset"
    raise IntegrityError(msg, warc_file=path.name, offset=offset)
