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
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from parsers.errors import (
    CorruptDocumentError,
    ResourceLimitError,
    UnsupportedFormatError,
)
from parsers.extract.doc import extract_doc
from parsers.extract.docx import extract_docx
from parsers.extract.html import extract_html
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ofd import extract_ofd
from parsers.extract.pdf import extract_pdf
from parsers.extract.sandbox import Extractor, run_isolated
from parsers.extract.sheet import extract_sheet
from parsers.extract.sniff import SniffedType, sniff_body
from parsers.extract.text import extract_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from parsers.model import Document, Source

__all__ = ["EXTRACTORS", "MAX_BODY_BYTES", "SniffedType", "extract", "sniff_body"]

logger = logging.getLogger(__name__)

#: Largest HTML/text body extracted; real report pages are under 1 MB, a 20 MB page is no report.
MAX_BODY_BYTES: Final = 20 * 1024 * 1024


def _isolated(extractor: Extractor) -> Callable[[Source], Document]:
    """``Source -> Document`` running ``extractor`` on the body in a bounded child process."""

    def run(source: Source) -> Document:
        return run_isolated(extractor, source.body, limits=DEFAULT_LIMITS)

    run.__name__ = f"isolated_{getattr(extractor, '__name__', 'extractor')}"
    return run


#: The extractor for each sniffed type; a type missing here is unsupported.
EXTRACTORS: Final[dict[SniffedType, Callable[[Source], Document]]] = {
    "html": extract_html,
    "text": extract_text,
    "pdf": _isolated(extract_pdf),
    "docx": _isolated(extract_docx),
    "doc": _isolated(extract_doc),  # DOC and WPS: both are Word 97 binaries
    "xls": _isolated(extract_sheet),
    "xlsx": _isolated(extract_sheet),
    "ofd": _isolated(extract_ofd),
}


def extract(source: Source) -> Document:
    """Turn fetched bytes into a ``Document``; raise an ``ExtractionError`` subclass if impossible."""
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
    return extractor(source)
