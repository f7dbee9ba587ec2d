"""WARC files through warcio: the one import path for record building, appending and reading back.

The work is split by job, and this module re-exports each public name so callers keep importing
from ``archive.warc``:

- ``archive.warc_records``: building the response/revisit and request records of a capture
  (decoded bodies, renamed wire-encoding headers, digests, dates);
- ``archive.warc_files``: appending record groups to the newest file with rotation by size,
  fsync and undo (``WarcAppender``), and listing the files;
- ``archive.warc_read``: reading records back with digest and gzip-member checks.

Tail repair on open lives in ``archive.verify`` (``repair_tail``). Reads no settings.
"""

from __future__ import annotations

from archive.warc_files import (
    WARC_VERSION,
    RecordSpan,
    WarcAppender,
    list_warc_files,
)
from archive.warc_read import DIGEST_PROBLEMS, ReadRecord, iter_records, read_record
from archive.warc_records import (
    PROFILE_IDENTICAL,
    PROFILE_NOT_MODIFIED,
    build_capture_records,
    sha1_digest,
    status_line,
    stored_response_headers,
    warc_date,
)

__all__ = [
    "DIGEST_PROBLEMS",
    "PROFILE_IDENTICAL",
    "PROFILE_NOT_MODIFIED",
    "WARC_VERSION",
    "ReadRecord",
    "RecordSpan",
    "WarcAppender",
    "build_capture_records",
    "iter_records",
    "list_warc_files",
    "read_record",
    "sha1_digest",
    "status_line",
    "stored_response_headers",
    "warc_date",
]
