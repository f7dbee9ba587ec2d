"""XLS/XLSX (and ODS, Kingsoft .et) -> ``Document``: every sheet's tables as grids.

python-calamine (MIT, Rust) returned exact grids and merged ranges for both XLS and XLSX,
12-16× faster than openpyxl/xlrd, and ignores a lying ``<dimension>`` (doc-extraction.md,
"XLS / XLSX"). A sheet is cut into blocks at empty rows; leading one-cell rows of a block
(a title or table heading typed above the table) go to the text, the rest is a ``Table``
trimmed to its used columns, merged ranges expanded (anchor text repeated, copies covered).
Numbers arrive as floats (``2415.0``): integral ones are printed as integers. Hidden sheets are
not read: a reader never sees them; nor are an XLSX sheet's hidden rows and columns
(``sheet_hidden.py``).
"""

from __future__ import annotations

import io
import logging
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import python_calamine as calamine
from lxml import etree

from parsers.errors import CorruptDocumentError, EncryptedDocumentError
from parsers.extract.cellgrid import MAX_COLS, MAX_ROWS, table_text
from parsers.extract.sheet_hidden import (
    NOTHING_HIDDEN,
    Hidden,
    drop_hidden,
    hidden_lines,
)
from parsers.extract.zipguard import check_body_size, open_guarded_zip
from parsers.model import Document, Table

if TYPE_CHECKING:
    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

_ZIP_MAGIC = b"PK\x03\x04"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLS_TYPE = "application/vnd.ms-excel"
CellValue = int | float | str | bool | date | datetime | time | timedelta | None
Merge = tuple[tuple[int, int], tuple[int, int]]
#: Significant digits Excel computes and shows (its numbers are doubles cut to 15).
EXCEL_DIGITS = 15


def extract_sheet(body: bytes, *, limits: ExtractionLimits) -> Document:
    """Every sheet's text and tables; raise an ``ExtractionError`` subclass if impossible."""
    check_body_size(body, limits=limits)
    hidden: dict[str, Hidden] = {}
    if body.startswith(_ZIP_MAGIC):
        archive = open_guarded_zip(body, limits=limits)
        try:
            hidden = hidden_lines(archive)
        except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
            logger.info("hidden rows and columns not known: %r", exc)
        finally:
            archive.close()
    texts: list[str] = []
    tables: list[Table] = []
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(body))
        for name in shown_sheets(book):
            sheet = book.get_sheet_by_name(name)
            rows = [
                [format_cell(v) for v in row]
                for row in sheet.to_python(skip_empty_area=False)
            ]
            if len(rows) > MAX_ROWS or any(len(row) > MAX_COLS for row in rows):
                logger.warning(
                    "sheet %r skipped: larger than %d x %d", name, MAX_ROWS, MAX_COLS
                )
                continue
            merges = list(sheet.merged_cell_ranges or ())
            # rows read with skip_empty_area=False start at A1, as merged ranges count:
            # the sheet's first used cell (``sheet.start``) is no offset of either (a
            # report typed from B2 had its merges spread one row and column off)
            start = (0, 0)
            rows, merges, start = drop_hidden(
                rows, merges, start, hidden.get(name, NOTHING_HIDDEN)
            )
            _spread_merges(rows, merges, start)
            for text, table in _blocks(rows, _covered(merges, start)):
                texts.extend(text)
                if table is not None:
                    tables.append(table)
                    texts.append(table_text(table))
    except calamine.PasswordError as exc:
        logger.warning("spreadsheet refused: password protected")
        raise EncryptedDocumentError(
            f"the spreadsheet needs a password: {exc}"
        ) from exc
    except (calamine.CalamineError, ValueError, TypeError) as exc:
        logger.warning("spreadsheet unreadable: %r", exc)
        raise CorruptDocumentError(f"not a readable spreadsheet: {exc!r}") from exc
    return Document(
        text="\n".join(texts),
        tables=tuple(tables),
        media_type=XLSX_TYPE if body.startswith(_ZIP_MAGIC) else XLS_TYPE,
        extractor="python-calamine",
    )


def shown_sheets(book: calamine.CalamineWorkbook) -> list[str]:
    """The names of the sheets a reader sees, in order: hidden sheets are left out.

    A workbook keeps last year's report, a draft or a template on a hidden sheet; read first,
    its tables were taken for the report's own (every number of another year, status ``ok``).
    A workbook whose every sheet is marked hidden (no spreadsheet program writes one) is read
    whole rather than not at all.
    """
    names = [
        meta.name
        for meta in book.sheets_metadata
        if meta.visible == calamine.SheetVisibleEnum.Visible
    ]
    hidden = len(book.sheet_names) - len(names)
    if hidden:
        logger.info("%d hidden sheet(s) of %d not read", hidden, len(book.sheet_names))
    return names or list(book.sheet_names)


def format_cell(value: CellValue) -> str:
    """A cell as the text a reader sees: ``2415.0`` -> ``2415``, ``0.1`` -> ``0.1``.

    A formula's cached double keeps the binary sum's tail (``=0.1+0.2`` caches
    ``0.30000000000000004``): Excel computes and shows 15 significant digits, so a number is
    read to 15, as the sheet prints it.

    >>> format_cell(2415.0), format_cell(12.5), format_cell(None)
    ('2415', '12.5', '')
    >>> format_cell(0.1 + 0.2), format_cell(186.1 + 0.2)
    ('0.3', '186.3')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(f"{value:.{EXCEL_DIGITS}g}"), "f")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _spread_merges(
    rows: list[list[str]], merges: list[Merge], start: tuple[int, int]
) -> None:
    """Copy each merged range's anchor text into the positions it covers (in place)."""
    for (top, left), (bottom, right) in merges:
        r0, r1, c0, c1 = (
            top - start[0],
            bottom - start[0],
            left - start[1],
            right - start[1],
        )
        if not (0 <= r0 < len(rows) and 0 <= c0 < len(rows[r0])):
            continue
        anchor = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                rows[r][c] = anchor


def _covered(
    merges: list[Merge], start: tuple[int, int]
) -> dict[tuple[int, int], bool]:
    """Sheet positions inside a merged range: True for copies, False for the anchor."""
    out: dict[tuple[int, int], bool] = {}
    for (r0, c0), (r1, c1) in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                out[r - start[0], c - start[1]] = (r, c) != (r0, c0)
    return out


def _blocks(
    rows: list[list[str]], merged: dict[tuple[int, int], bool]
) -> list[tuple[list[str], Table | None]]:
    """Cut at empty rows; each block -> (its leading text lines, its table or None)."""
    out: list[tuple[list[str], Table | None]] = []
    block: list[int] = []
    for index in [*range(len(rows)), -1]:
        if index >= 0 and any(rows[index]):
            block.append(index)
            continue
        if block:
            out.append(_split_block(rows, block, merged))
        block = []
    return out


def _split_block(
    rows: list[list[str]], block: list[int], merged: dict[tuple[int, int], bool]
) -> tuple[list[str], Table | None]:
    text: list[str] = []
    while block and _is_text_row(rows[block[0]], block[0], merged):
        text.append(next(cell for cell in rows[block[0]] if cell))
        block = block[1:]
    if not block:
        return text, None
    width = 1 + max(c for r in block for c, cell in enumerate(rows[r]) if cell)
    grid = tuple(tuple(rows[r][:width]) for r in block)
    covered = frozenset(
        (i, c)
        for i, r in enumerate(block)
        for c in range(width)
        if merged.get((r, c), False)
    )
    return text, Table(rows=grid, covered=covered)


def _is_text_row(
    row: list[str], index: int, merged: dict[tuple[int, int], bool]
) -> bool:
    filled = [c for c, cell in enumerate(row) if cell]
    return len(filled) == 1 and (index, filled[0]) not in merged
