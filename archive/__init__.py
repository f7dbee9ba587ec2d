"""Everything persistent: WARC files, the SQLite index, verification, exports, re-parsing.

Imports ``parsers`` (to parse stored documents) and never Scrapy or Twisted, so every archive
command runs without the crawler.
"""

from __future__ import annotations

from archive.api import DocumentInfo, ReadOnlyArchive, ReportInfo, TextInfo
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
from archive.export import ExportFormat, ExportResult, ExportTable, export, export_feed
from archive.export_rows import row_schema
from archive.feeds import InvalidCursorError
from archive.files_out import FilesResult, document_bytes, write_files
from archive.history import CellChange, ReportVersion, report_history
from archive.parse import ParseOutcome
from archive.parsewriter import ParseWriter, parse_stored, parse_stored_many
from archive.payload import StoredPayload
from archive.regions import apply_registry_regions
from archive.reparse import ReparseSummary, reparse, unparsed_documents
from archive.schedule import due_sites, last_finished, parse_interval
from archive.stats import stats
from archive.store import MAX_GROUP, Archive, CaptureRow, write_transaction
from archive.verify import VerifyResult, verify
from archive.wacz import WaczResult, WaczUnavailableError, write_wacz

__all__ = [
    "MAX_GROUP",
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
    "DocumentInfo",
    "ExportFormat",
    "ExportResult",
    "ExportTable",
    "FilesResult",
    "IntegrityError",
    "InvalidCursorError",
    "InvalidIntervalError",
    "ParseOutcome",
    "ParseWriter",
    "ReadOnlyArchive",
    "ReparseSummary",
    "ReportInfo",
    "ReportVersion",
    "StoredCapture",
    "StoredPayload",
    "TextInfo",
    "UnknownDocumentError",
    "UnknownReportError",
    "VerifyResult",
    "WaczResult",
    "WaczUnavailableError",
    "apply_registry_regions",
    "browse_metadata",
    "codebook_document",
    "coverage",
    "coverage_csv",
    "coverage_html",
    "coverage_text",
    "document_bytes",
    "due_sites",
    "export",
    "export_feed",
    "last_finished",
    "parse_interval",
    "parse_stored",
    "parse_stored_many",
    "reparse",
    "report_history",
    "row_schema",
    "stats",
    "unparsed_documents",
    "verify",
    "write_browse_files",
    "write_codebook",
    "write_files",
    "write_transaction",
    "write_wacz",
]
