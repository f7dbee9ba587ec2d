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
    InvalidIntervalError,
    UnknownDocumentError,
    UnknownReportError,
)
from archive.export import ExportFormat, ExportTable, export
from archive.history import CellChange, ReportVersion, report_history
from archive.parse import ParseOutcome
from archive.payload import StoredPayload
from archive.reparse import ReparseSummary, reparse
from archive.schedule import due_sites, last_finished, parse_interval
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
    "CellChange",
    "ExportFormat",
    "ExportTable",
    "IntegrityError",
    "InvalidIntervalError",
    "ParseOutcome",
    "ReparseSummary",
    "ReportVersion",
    "StoredCapture",
    "StoredPayload",
    "UnknownDocumentError",
    "UnknownReportError",
    "VerifyResult",
    "due_sites",
    "export",
    "last_finished",
    "parse_interval",
    "reparse",
    "report_history",
    "stats",
    "verify",
]
