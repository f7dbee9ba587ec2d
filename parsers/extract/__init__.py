"""Source -> Document: sniff the bytes, then hand them to the extractor for that type.

``extract`` never trusts the URL or the Content-Type (an HTML error page under a ``.pdf`` URL
is HTML; random bytes at a ``.html`` URL are refused, never rendered as mojibake). The table
``EXTRACTORS`` maps each sniffed type (``sniff.SniffedType``) to a function ``Source ->
Document``. HTML and text are extracted in this process; the binary formats (PDF, DOCX, DOC and
WPS, XLS/XLSX, OFD), where hostile input lives, run in a child process with a memory cap and a
time limit (``sandbox.run_isolated`` with ``limits.DEFAULT_LIMITS``).

Errors (all ``parsers.errors.ExtractionError``): an HTML or text body over ``MAX_BODY_BYTES``
-> ``ResourceLimitError`` (binary formats bring their own bounds with their extractors; sniffing
itself only reads the head, the OLE2 names and a bounded zip directory); an empty or whitespace-only body -> ``CorruptDocumentError`` (an empty
200 response is a broken fetch, not a format a future extractor could read, so reparse with a
new extractor need not retry it); a sniffed type without extractor -> ``UnsupportedFormatError``
("pdf: no extractor yet"); undecodable text -> ``DecodeError``.

Optional system tools (``options.ExtractionOptions``) are chosen here, never inside an
extractor: a PDF the text-layer extractor calls ``needs_ocr`` goes to ``ocr.extract_pdf_ocr``
when OCR is on (with its own, longer time limit); a DOC/WPS goes through LibreOffice for table
grids when ``soffice`` is installed and ``options.libreoffice`` allows it. Asking for OCR where Tesseract is missing is
a ``ToolMissingError`` before any work.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from parsers.errors import (
    CorruptDocumentError,
    NeedsOcrError,
    ResourceLimitError,
    ToolFailedError,
    UnsupportedFormatError,
)
from parsers.extract.html import extract_html
from parsers.extract.libreoffice import soffice_path
from parsers.extract.ocr_tool import check_ocr_available
from parsers.extract.options import DEFAULT_OPTIONS, ExtractionOptions
from parsers.extract.sandbox import Extractor, run_isolated
from parsers.extract.sniff import SniffedType, sniff_body
from parsers.extract.text import extract_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from parsers.extract.limits import ExtractionLimits
    from parsers.model import Document, Source

    #: Extract one source within the given bounds.
    SourceExtractor = Callable[[Source, ExtractionLimits], Document]

__all__ = [
    "DEFAULT_OPTIONS",
    "EXTRACTORS",
    "MAX_BODY_BYTES",
    "ExtractionOptions",
    "SniffedType",
    "extract",
    "sniff_body",
]

logger = logging.getLogger(__name__)

#: Largest HTML/text body extracted; real report pages are under 1 MB, a 20 MB page is no report.
MAX_BODY_BYTES: Final = 20 * 1024 * 1024


def _extractor(module: str, name: str) -> Extractor:
    """``parsers.extract.<module>.<name>``, imported on first use.

    The binary formats' extractors pull in PDFium, pdfplumber, Pillow, python-docx and
    openpyxl (about a fifth of a second of imports). Only the sandbox workers run them, and
    their forkserver imports them up front (``sandbox.PRELOAD``); a process that only sniffs,
    extracts HTML or writes the archive (a crawl, every CLI command) never pays for them.
    """
    extractor: Extractor = getattr(
        importlib.import_module(f"parsers.extract.{module}"), name
    )
    return extractor


def _isolated(module: str, name: str) -> SourceExtractor:
    """``(Source, limits) -> Document`` running ``module.name`` in a bounded child process."""

    def run(source: Source, limits: ExtractionLimits) -> Document:
        return run_isolated(_extractor(module, name), source.body, limits=limits)

    run.__name__ = f"isolated_{name}"
    return run


def _in_process(extractor: Callable[[Source], Document]) -> SourceExtractor:
    """HTML and text: cheap, bounded by ``MAX_BODY_BYTES``, and they need the URL/charset."""

    def run(source: Source, limits: ExtractionLimits) -> Document:
        return extractor(source)

    run.__name__ = getattr(extractor, "__name__", "extractor")
    return run


#: The extractor for each sniffed type; a type missing here is unsupported.
EXTRACTORS: Final[dict[SniffedType, SourceExtractor]] = {
    "html": _in_process(extract_html),
    "text": _in_process(extract_text),
    "pdf": _isolated("pdf", "extract_pdf"),
    "docx": _isolated("docx", "extract_docx"),
    "doc": _isolated("doc", "extract_doc"),  # DOC and WPS: both are Word 97 binaries
    "xls": _isolated("sheet", "extract_sheet"),
    "xlsx": _isolated("sheet", "extract_sheet"),
    "ofd": _isolated("ofd", "extract_ofd"),
}


def extract(
    source: Source, *, options: ExtractionOptions = DEFAULT_OPTIONS
) -> Document:
    """Turn fetched bytes into a ``Document``; raise an ``ExtractionError`` subclass if impossible.

    ``ToolMissingError`` (not a ``ParseError``) if ``options`` ask for a tool that is absent.
    """
    if options.ocr:
        check_ocr_available()
    kind = sniff_body(source.body)
    if kind == "empty":
        msg = "empty: the body holds no content"
        logger.warning("extraction failed for %s: %s", source.url, msg)
        raise CorruptDocumentError(msg)
    size = len(source.body)
    if kind in ("html", "text") and size > MAX_BODY_BYTES:
        msg = f"{kind}: body of {size} bytes exceeds the {MAX_BODY_BYTES}-byte limit"
        logger.warning("extraction refused for %s: %s", source.url, msg)
        raise ResourceLimitError(msg)
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        msg = f"{kind}: no extractor yet"
        logger.warning("extraction skipped for %s: %s", source.url, msg)
        raise UnsupportedFormatError(msg)
    if kind == "doc" and options.libreoffice and soffice_path() is not None:
        return _doc_with_libreoffice(source, options)
    try:
        return extractor(source, options.limits)
    except NeedsOcrError:
        if not (options.ocr and kind == "pdf"):
            raise
    logger.info("no text layer in %s: reading it by OCR", source.url or "the PDF")
    limits = replace(options.limits, timeout_s=options.ocr_timeout_s)
    return run_isolated(
        _extractor("ocr", "extract_pdf_ocr"), source.body, limits=limits
    )


def _doc_with_libreoffice(source: Source, options: ExtractionOptions) -> Document:
    """DOC/WPS through LibreOffice for grids; the own text reader if that gives no grid.

    The converter failing (or running out of time) says nothing about the document, and the
    own reader takes under a millisecond, so its text is still worth having; the reason is
    kept in ``meta["converter_error"]``. A conversion without any table is no better than the
    own reader and may be worse (LibreOffice made an empty document of a minimal Word file
    whose every number the own reader found), so it is not used either. Encrypted or corrupt
    files are not retried: the same OLE checks ran before LibreOffice was started.
    """
    try:
        converted = run_isolated(
            _extractor("libreoffice", "extract_doc_converted"),
            source.body,
            limits=options.limits,
        )
    except (ToolFailedError, ResourceLimitError) as exc:
        reason = f"{exc.reason}: {exc}"
    else:
        if converted.tables:
            return converted
        reason = "no_tables: LibreOffice's conversion holds no table"
    logger.warning(
        "LibreOffice gave no grid for %s (%s); reading its text", source.url, reason
    )
    document = EXTRACTORS["doc"](source, options.limits)
    return replace(document, meta={**document.meta, "converter_error": reason})
