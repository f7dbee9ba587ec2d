"""Everything persistent: WARC files, the SQLite index, verification, exports, re-parsing.

Imports ``parsers`` (to parse stored documents) and never Scrapy or Twisted, so every archive
command runs without the crawler.
"""

from __future__ import annotations

from archive.capture import Capture, CaptureKind, StoredCapture
from archive.errors import (
    ArchiveError,
    ArchiveNotWritableError,
    IntegrityError,
    UnknownDocumentError,
)

__all__ = [
    "ArchiveError",
    "ArchiveNotWritableError",
    "Capture",
    "CaptureKind",
    "IntegrityError",
    "StoredCapture",
    "UnknownDocumentError",
]
