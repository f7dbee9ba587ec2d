"""Source -> Document: sniff the bytes, then hand them to the extractor for that type.

``extract`` never trusts the URL or the Content-Type (an HTML error page under a ``.pdf`` URL
is HTML; random bytes at a ``.html`` URL are refused, never rendered as mojibake). The table
``EXTRACTORS`` maps each sniffed type (``sniff.SniffedType``) to a function ``Source ->
Document``; issue 5 adds PDF/DOC/DOCX/XLS/OFD by adding entries, nothing else changes.

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
from parsers.extract.html import extract_html
from parsers.extract.sniff import SniffedType, sniff_body
from parsers.extract.text import extract_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from parsers.model import Document, Source

__all__ = ["EXTRACTORS", "MAX_BODY_BYTES", "SniffedType", "extract", "sniff_body"]

logger = logging.getLogger(__name__)

#: Largest HTML/text body extracted; real report pages are under 1 MB, a 20 MB page is no report.
MAX_BODY_BYTES: Final = 20 * 1024 * 1024

#: The extractor for each sniffed type; a type missing here is unsupported.
EXTRACTORS: Final[dict[SniffedType, Callable[[Source], Document]]] = {
    "html": extract_html,
    "text": extract_text,
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
