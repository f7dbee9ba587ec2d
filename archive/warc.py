"""WARC files through warcio: record building, appending with rotation, reading back, tail repair.

One gzip member per record (warcio ``WARCWriter(gzip=True)``), so any record can be read from its
offset alone and a crash can only damage the last member. Files are named
``nianbao-YYYYMMDDhhmmss-NNNNN.warc.gz`` and start with a hostname-free ``warcinfo`` record; a new
file starts once the current one exceeds ``max_bytes``.

Bodies are stored decoded (Scrapy removes the transfer/content coding, see
reference/crawl-archive-anchors.md §2 item 7), so the stored HTTP header block drops
``Content-Encoding``/``Transfer-Encoding``/``Content-Length``, keeps the originals as
``X-Nianbao-Original-*`` and states the real length: digests and replay then agree with the bytes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import TYPE_CHECKING, Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.errors import ArchiveNotWritableError, IntegrityError
from archive.schema import TIMESTAMP_FORMAT

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from archive.capture import Capture, Headers

logger = logging.getLogger(__name__)

WARC_VERSION = "1.1"
#: Headers that describe the wire encoding, not the decoded body we store.
_WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
#: Revisit profiles of WARC 1.1 §6.7.
#: Added to ``ReadRecord.warc_headers`` when warcio's digest check fails.
DIGEST_PROBLEMS = "X-Nianbao-Digest-Problems"
PROFILE_IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
PROFILE_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


@dataclass(frozen=True, slots=True)
class RecordSpan:
    """Where one record landed: file name (relative to ``warc/``), offset and length in bytes."""

    warc_file: str
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class ReadRecord:
    """One record read back: its type, WARC headers, HTTP status, exact payload bytes and extent."""

    rec_type: str
    warc_headers: dict[str, str]
    http_status: int | None
    payload: bytes
    offset: int
    length: int


def sha1_digest(body: bytes) -> str:
    """The ``WARC-Payload-Digest`` value warcio computes: ``sha1:`` + base32 of the SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")  # noqa: S324


def warc_date(moment: datetime) -> str:
    """ISO-8601 UTC, always with six fractional digits (WARC 1.1 allows them).

    A fixed width keeps the index's string timestamps sortable: ``…00Z`` would sort after
    ``…00.5Z``.
    """
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def stored_response_headers(
    headers: Headers, body_length: int
) -> list[tuple[str, str]]:
    """The header block as stored: wire-encoding headers renamed, a true Content-Length added."""
    kept: list[tuple[str, str]] = []
    for name, value in headers:
        if name.lower() in _WIRE_HEADERS:
            kept.append((f"X-Nianbao-Original-{name}", value))
        else:
            kept.append((name, value))
    kept.append(("Content-Length", str(body_length)))
    return kept


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


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


def build_capture_records(
    writer: WARCWriter,
    capture: Capture,
    *,
    sha256: str,
    profile: str | None,
    refers_to_uri: str | None,
    refers_to_date: str | None,
) -> tuple[Any, Any]:
    """The main record (``response``, or ``revisit`` when ``profile`` is set) and its request.

    A revisit carries the HTTP header block only, plus the Refers-To pair pywb needs to resolve
    it (reference/crawl-archive-anchors.md §2 item 13); the request is linked to the main record
    by ``WARC-Concurrent-To``.
    """
    date = warc_date(capture.fetched_at)
    warc_headers = {"WARC-Date": date, "WARC-Nianbao-Sha256": sha256}
    if capture.ip_address:
        warc_headers["WARC-IP-Address"] = capture.ip_address
    status = status_line(capture.status)
    if profile is None:
        body = capture.body
        http = StatusAndHeaders(
            status,
            stored_response_headers(capture.response_headers, len(body)),
            "HTTP/1.1",
        )
        main = writer.create_warc_record(
            capture.url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
    else:
        warc_headers["WARC-Profile"] = profile
        warc_headers["WARC-Refers-To-Target-URI"] = refers_to_uri or capture.url
        warc_headers["WARC-Refers-To-Date"] = refers_to_date or date
        if profile == PROFILE_IDENTICAL:  # a 304 has no body to digest
            warc_headers["WARC-Payload-Digest"] = sha1_digest(capture.body)
        http = StatusAndHeaders(status, list(capture.response_headers), "HTTP/1.1")
        main = writer.create_warc_record(
            capture.url, "revisit", http_headers=http, warc_headers_dict=warc_headers
        )
    target = capture.url.split("://", 1)[-1]
    path = "/" + target.split("/", 1)[1] if "/" in target else "/"
    request = writer.create_warc_record(
        capture.url,
        "request",
        payload=BytesIO(capture.request_body),
        length=len(capture.request_body),
        http_headers=StatusAndHeaders(
            f"{capture.method} {path} HTTP/1.1",
            list(capture.request_headers),
            is_http_request=True,
        ),
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Concurrent-To": main.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    return main, request


def list_warc_files(directory: Path) -> list[str]:
    """WARC file names in ``directory``, oldest first.

    Ordered by the sequence number at the end of the name, not by the timestamp, so a clock set
    back between two files cannot make an older file look newest (and get its tail "repaired").
    """
    return sorted(
        (p.name for p in directory.glob("*.warc.gz")), key=lambda n: (n[-13:], n)
    )


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
