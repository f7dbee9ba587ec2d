"""One HTML ``<table>`` -> a rectangular ``Table`` grid with rowspan/colspan resolved.

The national application table has 16 merged areas (申请人情况 over 7 columns, 三、本年度办理结果
over 22 rows …; doc-extraction.md "Method"), and the report parser reads cells by position, so
every span is expanded: the anchor's text is repeated in each position it covers and those
positions are listed in ``Table.covered`` (see ``parsers.model.Table``). Spans follow the HTML
table model: a rowspan never creates rows past the table's last ``<tr>``, ``rowspan=0`` runs to
the end, ``colspan=0`` is 1, junk like ``"2;"`` reads as 2. Hostile sizes are bounded: spans are
capped, and a grid larger than ``MAX_ROWS`` × ``MAX_COLS`` is refused (``None``) so the caller
can skip it and say so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from parsers.model import Table

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.etree import _Element as Element

#: A report table has about 30 rows and 15 columns; these bounds leave room for long lists.
MAX_ROWS: Final = 5_000
MAX_COLS: Final = 200
#: Largest span honoured; HTML itself caps colspan at 1000 and rowspan at 65534.
MAX_SPAN: Final = 200

_SECTIONS: Final = frozenset({"thead", "tbody", "tfoot"})
_CELLS: Final = frozenset({"td", "th"})
_LEADING_INT = re.compile(r"\s*(\d{1,9})")


def table_rows(table: Element) -> list[Element]:
    """The ``<tr>`` of this table in order, not those of tables nested in its cells."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def row_cells(row: Element) -> list[Element]:
    """The ``<td>``/``<th>`` of one row."""
    return [cell for cell in row if cell.tag in _CELLS]


def build_grid(table: Element, cell_text: Callable[[Element], str]) -> Table | None:
    """The table as a full grid, or None when it is empty or larger than the bounds.

    ``cell_text`` renders one cell's content (the caller owns text rendering, so nested tables
    and line breaks inside cells read the same here as in ``Document.text``).
    """
    rows = [row_cells(row) for row in table_rows(table)]
    return grid_of_rows(rows, [[cell_text(cell) for cell in cells] for cells in rows])


def grid_of_rows(rows: list[list[Element]], texts: list[list[str]]) -> Table | None:
    """``build_grid`` for cells already listed (``row_cells`` of each ``table_rows``) and rendered.

    ``texts`` holds each cell's text at the cell's place in ``rows``; the HTML renderer has them
    from the table's lines, so the grid takes them without a second walk or lookup.
    """
    if not rows or len(rows) > MAX_ROWS:
        return None
    height = len(rows)
    grid: list[dict[int, str]] = [{} for _ in range(height)]
    covered: set[tuple[int, int]] = set()
    width = 0
    for r, (cells, row_texts) in enumerate(zip(rows, texts, strict=True)):
        c = 0
        line = grid[r]
        for cell, text in zip(cells, row_texts, strict=True):
            while c in line:
                c += 1
            colspan_attr, rowspan_attr = cell.get("colspan"), cell.get("rowspan")
            if colspan_attr is None and rowspan_attr is None:  # most cells: one slot
                if c >= MAX_COLS:
                    return None
                line[c] = text
                c += 1
                continue
            colspan = max(1, _span(colspan_attr))
            rowspan = _span(rowspan_attr)
            last_row = height if rowspan == 0 else min(height, r + max(1, rowspan))
            if c + colspan > MAX_COLS:
                return None
            for rr in range(r, last_row):
                target = grid[rr]
                for cc in range(c, c + colspan):
                    if cc in target:
                        continue  # overlapping spans: the earlier cell keeps the slot
                    target[cc] = text
                    if rr != r or cc != c:
                        covered.add((rr, cc))
            c += colspan
        width = max(width, c)  # (c only grows along a row)
    if width == 0:
        return None
    columns = range(width)
    blanks = ("",) * width
    return Table(
        rows=tuple(tuple(map(line.get, columns, blanks)) for line in grid),
        covered=frozenset(covered),
    )


def _span(value: str | None) -> int:
    """A span attribute as browsers read it: leading digits, else 1; capped at MAX_SPAN."""
    if value is None:
        return 1
    match = _LEADING_INT.match(value)
    if match is None:
        return 1
    return min(int(match.group(1)), MAX_SPAN)
