"""Tables drawn without borders in a text PDF -> ``Table`` grids, from where their words stand.

A report typed in Word or WPS with borderless tables prints no ruling lines, so ``ruling``
finds nothing and the page text interleaves the narrow label columns with the numbers
(``（三 1.属 0 28 3 53 0 51 135`` then ``）不`` / ``予公`` …). The rows and columns are still
in the positions, read here much as pdfplumber's "text" table strategy reads them:

* a *row* is a line ending in a run of numbers (``pdf_lines.Line.numbers``); rows follow
  each other while the lines between hold only label text, left of every number;
* *columns* are the x-ranges of the rows' numbers, and the *header* the consecutive lines
  just above the first row (``pdf_columns``);
* *labels* wrap inside their cells. Word sets a cell's text at its top, so a row's label
  starts on the row's own line and runs down to the next row; the label starting rightmost
  on that line is the row's own, anything left of it is a group label (``三、本年度办理结果``
  one or two characters a line, spanning many rows), read as one block of consecutive lines
  and placed, once, in the row where it starts (a merged cell, as a ruled grid reads it).

A row may leave columns empty (cells an organ left blank), read as empty cells like a ruled
grid's, when ``pdf_blanks`` finds it cannot be a number's wrapped tail nor hide a column lost
from every row. Anything else that does not fit this picture gives no table at all, and the
whole document is read from its text as before: a row that may be a wrapped tail, a label
starting between rows or holding the next row's item number (labels centred on their rows),
a row without a label among labelled ones, a group label not starting on a row, no header. A
table read wrongly would put numbers in the wrong cells; a table not read leaves them to the
text, or null with a reason. Tables continue across a page break (the next row on the next
page, a label torn by the break). ``pdf.py`` calls this only for documents without ruled
tables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from parsers.extract.cellgrid import join_pieces
from parsers.extract.pdf_blanks import cells_certain
from parsers.extract.pdf_columns import SLACK, header_rows, number_columns
from parsers.extract.pdf_lines import ITEM_NUMBERS, is_consecutive
from parsers.model import Table

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.extract.pdf_columns import Columns
    from parsers.extract.pdf_lines import Line, Word

#: Lines one row's label may take (the longest 2021 label, two characters a line, takes ~20).
MAX_BAND_LINES: Final = 40
#: Header lines looked at above a table's first row.
MAX_HEADER_LINES: Final = 6
#: Numbers on a lone row line that make it look like a table's (a phone number has two).
MIN_ROW_NUMBERS: Final = 3
#: Two lines are consecutive when the second's top is within this many line heights.
LINE_STEP: Final = 1.6
#: A group label ends at a line opening with an item number of the format's own, and a
#: header ends above the part's own heading (``四、…``).
_ITEM_START: Final = re.compile(
    r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、"
)
#: An item number inside a row's own label: the next row's label read into this one.
_ITEM_INSIDE: Final = re.compile(rf"(?<=.)(?:{ITEM_NUMBERS})")


def borderless_tables(lines: Sequence[Line]) -> list[Table]:
    """The borderless tables among ``lines`` (pages in order), each a ``Table``.

    All or nothing: when a run of rows that looks like a table's (two rows, or one of three
    numbers) cannot be read, no table is given, and the whole document is read from its text
    (the report parser reads the tables or the text, not both).
    """
    tables: list[Table] = []
    floor = 0  # the first line after the previous run's last label: no header above it
    for rows in _row_runs(lines):
        table = _table(lines, rows, floor)
        if table is not None:
            tables.append(table)
        elif len(rows) > 1 or len(lines[rows[0]].numbers) >= MIN_ROW_NUMBERS:
            return []
        last = lines[rows[-1]]
        floor = _band_end(lines, rows[-1], last.numbers[0].x0 - SLACK)
    return tables


def _row_runs(lines: Sequence[Line]) -> list[list[int]]:
    """Runs of row lines with nothing but label text (left of their numbers) between them."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if not line.is_row:
            continue
        edge = line.numbers[0].x0
        previous = current[-1] if current else -1
        if (
            current
            and index - previous <= MAX_BAND_LINES
            and all(_is_label_line(lines[i], edge) for i in range(previous + 1, index))
            and all(
                _consecutive(lines[i], lines[i + 1]) for i in range(previous, index)
            )
        ):
            current.append(index)
            continue
        if current:
            runs.append(current)
        current = [index]
    if current:
        runs.append(current)
    return runs


def _is_label_line(line: Line, edge: float) -> bool:
    return all(word.x1 <= edge + SLACK for word in line.words)


def _consecutive(upper: Line, lower: Line) -> bool:
    return is_consecutive(upper, lower, step=LINE_STEP)


def _table(lines: Sequence[Line], rows: list[int], floor: int) -> Table | None:
    """The run as a grid: header rows, then each row's label cells and numbers."""
    columns = number_columns([lines[i] for i in rows])
    if columns is None:
        return None
    picked = _header_lines(lines, rows[0], floor, columns)
    if not cells_certain(lines, rows, columns, picked):
        return None
    header = header_rows(picked, columns)
    if header is None:
        return None
    labels = _labels(lines, rows, columns)
    if labels is None:
        return None
    label_width = max(len(parts) for parts in labels)
    grid: list[tuple[str, ...]] = []
    covered: set[tuple[int, int]] = set()
    for cells, copies in header:
        covered.update((len(grid), label_width + c) for c in copies)
        covered.update((len(grid), c) for c in range(label_width))
        grid.append(("",) * label_width + tuple(cells))
    for index, parts in zip(rows, labels, strict=True):
        numbers = [""] * len(columns.spans)
        for word in lines[index].numbers:
            numbers[columns.place_of(word)] = word.text
        pad = ("",) * (label_width - len(parts))
        grid.append((*pad, *parts, *numbers))
    return Table(rows=tuple(grid), covered=frozenset(covered))


def _header_lines(
    lines: Sequence[Line], first: int, floor: int, columns: Columns
) -> list[Line]:
    """The consecutive lines just above the first row, up to a heading across the table."""
    picked: list[Line] = []
    for index in range(first - 1, max(floor - 1, first - 1 - MAX_HEADER_LINES), -1):
        line = lines[index]
        if line.is_row or not _consecutive(line, lines[index + 1]):
            break
        if any(w.x0 < columns.left < w.x1 for w in line.words):
            break  # a heading across the table
        if _ITEM_START.match(line.words[0].text):
            break  # the part's own heading just above a table without labels
        picked.append(line)
    picked.reverse()
    return picked


def _labels(
    lines: Sequence[Line], rows: list[int], columns: Columns
) -> list[list[str]] | None:
    """Each row's label cells: group labels starting on the row, then its own label.

    None when the labels do not fit the picture of cells set at their tops (see above).
    """
    edge = columns.label_edge
    row_of = {line: number for number, line in enumerate(rows)}
    stops = [*rows[1:], _band_end(lines, rows[-1], edge)]
    #: open group labels: left edge -> (the row they started on, their last line)
    groups: dict[float, tuple[int, int]] = {}
    texts: list[dict[float, list[str]]] = [{} for _ in rows]
    own: list[list[str]] = [[] for _ in rows]
    for number, (row, stop) in enumerate(zip(rows, stops, strict=True)):
        own_edge = max((w.x0 for w in lines[row].labels), default=None)
        if own_edge is None:
            if any(lines[i].labels for i in range(row, stop)):
                return None  # a label that does not start on its row's line
            continue
        for index in range(row, stop):
            # only a label whose last piece is on the line above can go on here
            groups = {k: v for k, v in groups.items() if v[1] >= index - 1}
            for word in lines[index].labels:
                if word.x0 >= own_edge - SLACK:
                    own[number].append(word.text)
                    continue
                key = next((k for k in groups if abs(k - word.x0) <= SLACK), None)
                if key is not None and _continues(lines, groups[key][1], index, word):
                    owner = groups[key][0]
                    groups[key] = (owner, index)
                    texts[owner][key].append(word.text)
                    continue
                if index not in row_of:
                    return None  # a group label starting between two rows
                groups[word.x0] = (number, index)
                texts[number][word.x0] = [word.text]
    if any(own) and not all(own):
        return None  # a row without a label among labelled ones
    if any(_ITEM_INSIDE.search(join_pieces(o)) for o in own):
        return None  # labels centred on their rows: one runs into the next one's number
    return [
        [join_pieces(t[k]) for k in sorted(t)] + ([join_pieces(o)] if o else [])
        for t, o in zip(texts, own, strict=True)
    ]


def _continues(lines: Sequence[Line], last: int, index: int, word: Word) -> bool:
    """Whether ``word`` goes on with a group label whose last piece is on line ``last``."""
    if index - last != 1 or not _consecutive(lines[last], lines[index]):
        return False
    return _ITEM_START.match(word.text) is None


def _band_end(lines: Sequence[Line], row: int, edge: float) -> int:
    """Index after the lines of label text only (left of ``edge``) that follow ``row``."""
    end = row + 1
    while (
        end < len(lines)
        and end - row <= MAX_BAND_LINES
        and not lines[end].is_row
        and _consecutive(lines[end - 1], lines[end])
        and _is_label_line(lines[end], edge)
    ):
        end += 1
    return end
