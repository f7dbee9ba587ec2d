"""Columns of a borderless table from where its numbers stand, and its header over them.

``pdf_borderless`` finds the rows; this module says where the columns are and what heads
them. A column is the x-range its numbers cover over all rows, overlapping ranges joined
(numbers set left, centred or right in their cells all do); two numbers of one row in one
range mean the columns are not clean, and nothing is read. The borders between columns are
half-way across the gaps, which is where a header word is placed: by its own edges, so a
word wider than its column (``法人或其他组织`` over the six organisation columns) is seen
spreading over what it covers, as the merged header cell of a ruled table.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.extract.cellgrid import join_pieces

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.extract.pdf_lines import Line, Word

#: Points a word may stand out of its column or over the label edge (rounding, kerning).
SLACK: Final = 1.5

#: A header row: its cells over the columns, and the places that are copies (``covered``).
HeaderRow = tuple[list[str], set[int]]


@dataclass(frozen=True, slots=True)
class Columns:
    """The x-ranges of a borderless table's number columns, left to right.

    ``left`` is the border between the labels and the first column: half-way between the
    rows' labels and their first numbers (minus infinity in a table without labels), so a
    header centred over the first column may stand out left of its numbers.
    """

    spans: tuple[tuple[float, float], ...]
    left: float

    @property
    def label_edge(self) -> float:
        """Labels stand left of this line, numbers and column headers right of it."""
        return self.spans[0][0] - SLACK

    def place_of(self, word: Word) -> int:
        """The column a number stands in (its centre in the column's range), or -1."""
        centre = (word.x0 + word.x1) / 2
        for number, (x0, x1) in enumerate(self.spans):
            if x0 - SLACK <= centre <= x1 + SLACK:
                return number
        return -1

    def between(self, x: float) -> int:
        """The column whose borders (half-way across the gaps) hold ``x``, or -1."""
        spans = self.spans
        cuts = [
            self.left,
            *((a[1] + b[0]) / 2 for a, b in itertools.pairwise(spans)),
            float("inf"),
        ]
        for number in range(len(spans)):
            if cuts[number] <= x < cuts[number + 1]:
                return number
        return -1


def number_columns(rows: Sequence[Line]) -> Columns | None:
    """The columns of the rows' numbers, or None unless each number is alone in its column.

    A row may leave columns empty (an organ's blank cells): whether such a row is certain
    (not the tail of a number wrapped in its cell, no column lost from every row) is
    ``pdf_blanks``'s to say. A number between two columns, or two of one row in one column,
    is refused, and so is a label reaching over the first column's left edge: the label and
    the numbers of a row must stand apart to be read.
    """
    spans = sorted((w.x0, w.x1) for line in rows for w in line.numbers)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + SLACK:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    label_ends = [w.x1 for line in rows for w in line.labels]
    left = (max(label_ends) + merged[0][0]) / 2 if label_ends else float("-inf")
    columns = Columns(tuple((a, b) for a, b in merged), left)
    for line in rows:
        places = [columns.place_of(w) for w in line.numbers]
        if min(places) < 0 or len(set(places)) != len(places):
            return None
        if any(w.x1 > columns.label_edge + SLACK for w in line.labels):
            return None
    return columns


def header_rows(picked: Sequence[Line], columns: Columns) -> list[HeaderRow] | None:
    """The header lines as grid rows, the way a ruled grid reads merged header cells.

    Each line holding a word wider than its column starts a header row, the word spread over
    what it covers; a column's own words (``商业`` / ``企业``) are joined into one cell,
    placed in the row of its first line and copied below, as a cell merged down; the other
    places are copies too (no value stands there). The label column's header (``信息内容``)
    names no column and is left out. None when no column is named, or a word falls outside.
    """
    count = len(columns.spans)
    rows: list[list[str]] = []
    pieces: list[list[str]] = [[] for _ in range(count)]
    starts = [-1] * count
    after_spread = True  # the next line without a spread word opens a row
    for line in picked:
        places = []
        for word in line.words:
            if word.x1 <= columns.left:
                continue
            first = columns.between(word.x0 + SLACK)
            last = columns.between(word.x1 - SLACK)
            if first < 0 or last < 0:
                return None
            places.append((word.text, first, last))
        spread = any(first != last for _, first, last in places)
        if spread or after_spread:
            rows.append([""] * count)
        after_spread = spread
        for text, first, last in places:
            if first == last:
                if starts[first] < 0:
                    starts[first] = len(rows) - 1
                pieces[first].append(text)
            else:
                rows[-1][first : last + 1] = [text] * (last - first + 1)
    if not any(pieces):
        return None
    return [_header_row(cells, r, pieces, starts) for r, cells in enumerate(rows)]


def _header_row(
    cells: list[str], r: int, pieces: list[list[str]], starts: list[int]
) -> HeaderRow:
    copies: set[int] = set()
    for c, own in enumerate(pieces):
        if own and 0 <= starts[c] <= r:
            cells[c] = join_pieces(own)
            if starts[c] < r:
                copies.add(c)
        elif not cells[c] or (c and cells[c - 1] == cells[c]):
            copies.add(c)
    return cells, copies
