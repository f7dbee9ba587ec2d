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
from archive.export import ExportFormat, ExportTable, export
from archive.parse import ParseOutcome
from archive.reparse import ReparseSummary, reparse
from archive.stats import stats
from archive.store import Archive, CaptureRow
from archive.verify import VerifyResult, verify

__all__ = [
    "Archive",
    "ArchiveError",
    "ArchiveNotWritableError",
    "Capture",
    "CaptureKind",
    "CaptureRow",
    "ExportFormat",
    "ExportTable",
    "IntegrityError",
    "ParseOutcome",
    "ReparseSummary",
    "StoredCapture",
    "UnknownDocumentError",
    "VerifyResult",
    "export",
    "reparse",
    "stats",
    "verify",
]
