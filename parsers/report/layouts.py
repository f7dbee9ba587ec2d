"""Cut a document into one flat stream of cells, whatever its layout.

The readers (``sections.py``) never look at lines or grid positions: they walk a stream of
cells in reading order, where a label cell is followed by the value cells of its row. Every
layout seen in real reports flattens to that stream:

* tab-separated rows (2020-beihai, 2024-xinhua) and pipe-separated rows: one cell per field;
* one cell per line, with or without blank lines between rows and with a tab in front of every
  cell (2020-changchun-nanguan-shuguang, 2021-changchun-nanguan-xingfu, 2020-fenyang): an empty
  line separates, a line holding only a tab is an empty cell;
* table grids from extraction: row by row, left to right, skipping the copies a merged cell
  leaves in the positions it covers (``Table.covered``), so a ``rowspan`` label is read once.

Work is bounded: at most ``MAX_LINES`` lines and ``MAX_CELLS`` cells are examined, so a huge
input costs linear time and bounded memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from parsers.report.cells import Cell, read_cell

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parsers.model import Table

MAX_LINES: Final = 20_000
MAX_CELLS: Final = 60_000
#: Longest line examined; the rest of a longer line is prose and cannot hold a table row.
MAX_LINE_CHARS: Final = 4_000
#: A terminator between two grids, so the last row of one table never runs into the next.
TABLE_BREAK: Final = Cell("text", "", label="")

_FIELD_SEPARATOR = re.compile(r"[\t|]")


def cells_from_text(text: str) -> list[Cell]:
    """The cells of a plain-text rendering, in reading order."""
    cells: list[Cell] = []
    for number, raw_line in enumerate(text.split("\n")):
        if number >= MAX_LINES or len(cells) >= MAX_CELLS:
            break
        line = raw_line[:MAX_LINE_CHARS].rstrip("\r")
        if line == "":
            continue  # a blank line separates rows (2020-fenyang) and is never a cell
        # one-cell-per-line exports put a tab in front of each cell (2020-changchun-…)
        line = line.removeprefix("\t")
        fields = (
            _FIELD_SEPARATOR.split(line) if ("\t" in line or "|" in line) else [line]
        )
        cells.extend(map(read_cell, fields))
    return cells[:MAX_CELLS]


def cells_from_tables(tables: Iterable[Table]) -> list[Cell]:
    """The cells of extracted table grids, in reading order, merged-cell copies skipped."""
    cells: list[Cell] = []
    for table in tables:
        for r, row in enumerate(table.rows):
            if len(cells) >= MAX_CELLS:
                return cells
            for c, text in enumerate(row[:200]):
                if (r, c) in table.covered:
                    continue
                cells.append(read_cell(text[:MAX_LINE_CHARS].replace("\n", "")))
        cells.append(TABLE_BREAK)
    return cells[:MAX_CELLS]
