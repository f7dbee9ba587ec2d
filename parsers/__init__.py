"""Bytes to meaning: extraction of documents and parsing of annual reports.

Pure functions over bytes and text. This package imports nothing from ``crawler`` or
``archive`` and nothing from Scrapy, Twisted, SQLite or WARC libraries, so any program holding
bytes can use it (see DESIGN.md).
"""

from __future__ import annotations

from parsers.errors import (
    CorruptDocumentError,
    DecodeError,
    EncryptedDocumentError,
    ExtractionError,
    NeedsOcrError,
    ParseError,
    ResourceLimitError,
    ToolFailedError,
    ToolMissingError,
    UnsupportedFormatError,
)
from parsers.extract import extract, sniff_body
from parsers.extract.ocr_tool import check_ocr_available
from parsers.extract.options import DEFAULT_OPTIONS, ExtractionOptions
from parsers.model import Document, Problem, Report, Source, Table, Value
from parsers.report import (
    PARSER_VERSION,
    ReportParseError,
    parse_report,
    report_to_json,
)
from parsers.report.codebook import (
    CodebookCell,
    CodebookRule,
    codebook_cells,
    codebook_rules,
)
from parsers.report.context import PageContext, apply_page_context
from parsers.report.labels import GENERIC_AGENCIES

__all__ = [
    "DEFAULT_OPTIONS",
    "GENERIC_AGENCIES",
    "PARSER_VERSION",
    "CodebookCell",
    "CodebookRule",
    "CorruptDocumentError",
    "DecodeError",
    "Document",
    "EncryptedDocumentError",
    "ExtractionError",
    "ExtractionOptions",
    "NeedsOcrError",
    "PageContext",
    "ParseError",
    "Problem",
    "Report",
    "ReportParseError",
    "ResourceLimitError",
    "Source",
    "Table",
    "ToolFailedError",
    "ToolMissingError",
    "UnsupportedFormatError",
    "Value",
    "apply_page_context",
    "check_ocr_available",
    "codebook_cells",
    "codebook_rules",
    "extract",
    "parse_report",
    "report_to_json",
    "sniff_body",
]
