"""Plain-text report -> ``Document``: decode and normalise line breaks, nothing more.

Text reports (and text exported from Word, the corpus in ``/work/shared/corpus``) carry their
tables as layout: tab-separated rows, one cell per line with a leading tab, blank lines between
rows (see ``parsers.report.layouts``). That layout is the data, so this extractor keeps every
tab, blank line and leading space; it only unifies CR/CRLF line ends and drops NUL characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from parsers.extract.encoding import decode_body
from parsers.model import Document

if TYPE_CHECKING:
    from parsers.model import Source

EXTRACTOR: Final = "text/1"


def extract_text(source: Source) -> Document:
    """Decode a plain-text body (a ``<meta>``-like string in it is content, not a declaration)."""
    decoded = decode_body(source.body, http_charset=source.charset, use_meta=False)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    meta: dict[str, str] = {"encoding_source": decoded.source}
    if decoded.replaced:
        meta["decode_replaced"] = str(decoded.replaced)
    return Document(
        text=text,
        meta=meta,
        media_type="text/plain",
        encoding=decoded.encoding,
        extractor=EXTRACTOR,
    )
