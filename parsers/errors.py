"""Typed errors of the parsers package.

A bad cell is data (a ``None`` value plus a ``Problem``), never an exception. These errors are
for a whole document that cannot be read at all. Callers catch ``ParseError``; the subclass
names the reason and is stored as ``texts.error`` by the archive.
"""

from __future__ import annotations


class ParseError(Exception):
    """Base of every error the parsers package raises on purpose."""

    #: Short machine-readable reason stored with the document (``texts.error``).
    reason = "parse_error"


class ExtractionError(ParseError):
    """The bytes could not be turned into a ``Document``."""

    reason = "extraction_failed"


class UnsupportedFormatError(ExtractionError):
    """The sniffed type has no extractor (yet), or is not a document at all."""

    reason = "unsupported_format"


class CorruptDocumentError(ExtractionError):
    """The bytes claim a format but do not parse as it (truncated, malformed)."""

    reason = "corrupt"


class DecodeError(ExtractionError):
    """No text encoding decodes the bytes plausibly."""

    reason = "decode_failed"


class ResourceLimitError(ExtractionError):
    """The document exceeds a size, time or memory bound."""

    reason = "resource_limit"


class NeedsOcrError(ExtractionError):
    """The document has no text layer (a scan): recorded as ``needs_ocr``, not ``unreadable``."""

    reason = "needs_ocr"


class EncryptedDocumentError(ExtractionError):
    """The document needs a password to be read."""

    reason = "encrypted"


class ToolFailedError(ExtractionError):
    """An optional system tool (LibreOffice, Tesseract) failed on this document.

    Not the document's fault: a later ``nianbao reparse`` on a machine where the tool works
    may read it, so it is recorded as its own reason, never as ``corrupt``.
    """

    reason = "tool_failed"


class ToolMissingError(Exception):
    """An optional system tool was asked for but is not installed (a setup error).

    Raised before any document is touched (``nianbao reparse --ocr`` without Tesseract), so it
    is deliberately not a ``ParseError``: nothing is recorded on a document.
    """
