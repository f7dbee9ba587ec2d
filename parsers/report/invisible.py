"""Characters nobody sees, taken out of a document before it is read.

Text pasted from Word or WPS into a portal's editor, and files saved by some exporters, carry
characters that print nothing: zero-width spaces and joiners (U+200B-U+200D, U+2060), the
byte-order mark used as a zero-width no-break space (U+FEFF), soft hyphens (U+00AD),
direction marks and embeddings, and C0 control characters (LibreOffice's HTML export wraps
a content control's value in U+0004 ... U+0005). A reader sees ``20``; the parser saw a
zero-width space and ``20``, which is no number, and a label with one inside matched no row:
the cell, or the whole row, was null. They are removed from the text and from every table
cell; tabs, line breaks and the other white space stay, the parser reads those.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from parsers.model import Document, Table

_CODES: Final = [
    *range(0x09),  # C0 controls before the tab
    *range(0x0E, 0x20),  # C0 controls after the carriage return
    0x7F,
    0x00AD,  # soft hyphen
    *range(0x200B, 0x2010),  # zero-width space, non-joiner, joiner; LRM, RLM
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2060, 0x2065),  # word joiner, invisible operators
    *range(0x2066, 0x206A),  # bidi isolates
    0xFEFF,  # byte-order mark / zero-width no-break space
]
INVISIBLE: Final = re.compile("[" + "".join(re.escape(chr(c)) for c in _CODES) + "]")
_DROP: Final = dict.fromkeys(_CODES)
#: Joins a document's cells for the one search that tells whether any holds such a character.
_SEPARATOR: Final = "\t"


def without_invisible(document: Document) -> Document:
    """``document`` with invisible characters removed (itself when it holds none).

    One regular-expression search over the text and one over the joined cells decide; most
    documents hold none and cost no copy.
    """
    text = document.text if isinstance(document.text, str) else ""
    dirty_text = INVISIBLE.search(text) is not None
    dirty_tables = any(_holds_invisible(table) for table in document.tables)
    if not dirty_text and not dirty_tables:
        return document
    return replace(
        document,
        text=text.translate(_DROP) if dirty_text else text,
        tables=tuple(_clean(table) for table in document.tables)
        if dirty_tables
        else document.tables,
    )


def _holds_invisible(table: Table) -> bool:
    return (
        INVISIBLE.search(_SEPARATOR.join(_SEPARATOR.join(row) for row in table.rows))
        is not None
    )


def _clean(table: Table) -> Table:
    if not _holds_invisible(table):
        return table
    rows = tuple(tuple(cell.translate(_DROP) for cell in row) for row in table.rows)
    return replace(table, rows=rows)
