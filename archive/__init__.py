"""Everything persistent: WARC files, the SQLite index, verification, exports, re-parsing.

Imports ``parsers`` (to parse stored documents) and never Scrapy or Twisted, so every archive
command runs without the crawler.
"""

from __future__ import annotations

from archive.browse import browse_metadata, write_browse_files
from archive.capture import Capture, CaptureKind, StoredCapture
from archive.codebook import CodebookFormat, codebook_document, write_codebook
from archive.coverage import Coverage, CoverageCell, coverage
from archive.coverage import render_html as coverage_html
from archive.coverage import write_csv as coverage_csv
from archive.coverage import write_text as coverage_text
from archive.errors import (
    ArchiveError,
    ArchiveNotWritableError,
    IntegrityError,
    InvalidIntervalError,
    UnknownDocumentError,
    UnknownReportError,
)
from archive.export import ExportFormat, ExportTable, export
from archive.export_rows import row_schema
from archive.history import CellChange, ReportVersion, report_history
from archive.parse import ParseOutcome
from archive.payload import StoredPayload
from archive.regions import apply_registry_regions
from archive.reparse import ReparseSummary, reparse, unparsed_documents
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
    "CodebookFormat",
    "Coverage",
    "CoverageCell",
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
    "apply_registry_regions",
    "browse_metadata",
    "codebook_document",
    "coverage",
    "coverage_csv",
    "coverage_html",
    "coverage_text",
    "due_sites",
    "export",
    "last_finished",
    "parse_interval",
    "reparse",
    "report_history",
    "row_schema",
    "stats",
    "unparsed_documents",
    "verify",
    "write_browse_files",
    "write_codebook",
]
