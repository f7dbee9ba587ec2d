"""Rows and columns an XLSX sheet hides: a reader never sees them, so they are not read.

Organs keep last year's figures, a draft or a check (the rows' sums less their 总计) in rows
or columns they hide before publishing; what they publish is what the sheet shows. calamine
reads every cell and says nothing of what is hidden, so the sheet's own XML is asked
(``<row hidden="1">``, ``<col min max hidden="1">``). Read, a hidden row under a row's label
made the row's printing ambiguous, a hidden column beside part 三's 总计 made the table
one column too wide, and a hidden row of last year's part 四 figures stood where this year's
was expected: those parts were null (tests/accuracy/render_sheets.py). Legacy XLS keeps the
flags in BIFF records calamine does not expose: its hidden rows and columns are still read
(and the parser's checks leave what they make ambiguous null).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Final

from lxml import etree

from parsers.extract.zipguard import MEMBER_XML_PARSER

if TYPE_CHECKING:
    import zipfile

    from parsers.extract.sheet import Merge

_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_REL: Final = (
    "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
)
_TRUE: Final = frozenset({"1", "true"})
#: Hidden rows and columns of one sheet, 0-based like calamine's positions.
Hidden = tuple[frozenset[int], frozenset[int]]
NOTHING_HIDDEN: Final[Hidden] = (frozenset(), frozenset())


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, MEMBER_XML_PARSER)


def hidden_lines(archive: zipfile.ZipFile) -> dict[str, Hidden]:
    """Sheet name -> its hidden rows and columns; empty when the package says nothing."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in _parse(archive.read("xl/_rels/workbook.xml.rels")).iter(_PACKAGE_REL)
    }
    out: dict[str, Hidden] = {}
    for sheet in _parse(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL))
        if not target:
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        if path in names:
            out[sheet.get("name", "")] = _sheet_hidden(archive.read(path))
    return out


def _sheet_hidden(data: bytes) -> Hidden:
    root = _parse(data)
    rows = frozenset(
        int(row.get("r", "0")) - 1
        for row in root.iter(f"{_MAIN}row")
        if row.get("hidden") in _TRUE and row.get("r", "").isdigit()
    )
    columns: set[int] = set()
    for col in root.iter(f"{_MAIN}col"):
        low, high = col.get("min", ""), col.get("max", "")
        if col.get("hidden") in _TRUE and low.isdigit() and high.isdigit():
            columns.update(range(int(low) - 1, min(int(high), int(low) + 16_384)))
    return rows, frozenset(columns)


def drop_hidden(
    rows: list[list[str]], merges: list[Merge], start: tuple[int, int], hidden: Hidden
) -> tuple[list[list[str]], list[Merge], tuple[int, int]]:
    """``rows`` without the hidden rows and columns, the merged ranges moved with them.

    A range whose first cell is hidden keeps its text in its first shown cell. Positions of
    the result start at (0, 0).
    """
    hidden_rows, hidden_columns = hidden
    width = max((len(row) for row in rows), default=0)
    keep_rows = [r for r in range(len(rows)) if r + start[0] not in hidden_rows]
    keep_columns = [c for c in range(width) if c + start[1] not in hidden_columns]
    if len(keep_rows) == len(rows) and len(keep_columns) == width:
        return rows, merges, start
    new_row = {old: new for new, old in enumerate(keep_rows)}
    new_column = {old: new for new, old in enumerate(keep_columns)}
    moved: list[Merge] = []
    for (top, left), (bottom, right) in merges:
        shown_rows = [
            r - start[0] for r in range(top, bottom + 1) if r - start[0] in new_row
        ]
        shown_columns = [
            c - start[1] for c in range(left, right + 1) if c - start[1] in new_column
        ]
        if not shown_rows or not shown_columns:
            continue
        r0, c0 = top - start[0], left - start[1]
        if 0 <= r0 < len(rows) and 0 <= c0 < len(rows[r0]):
            rows[shown_rows[0]][shown_columns[0]] = rows[r0][c0]
        moved.append(
            (
                (new_row[shown_rows[0]], new_column[shown_columns[0]]),
                (new_row[shown_rows[-1]], new_column[shown_columns[-1]]),
            )
        )
    shown = [
        [row[c] if c < len(row) else "" for c in keep_columns]
        for row in (rows[r] for r in keep_rows)
    ]
    return shown, moved, (0, 0)
