"""Whether a borderless table's rows that leave columns empty can be read as blank cells.

Organs often leave a cell empty instead of typing ``0``, or never fill in a 总计. Without
borders an empty cell prints nothing, and two other things look the same:

* a number too wide for its cell, wrapped: its last digits go on the next line, which then
  ends in numbers like a row of its own, with every other column empty;
* a column blank in every row: no number shows where it is, so the columns found from the
  numbers are one short, and the header words over it fall to a neighbour.

A table with such rows is read only when neither can be the case, and refused otherwise (the
document then goes to the text reading, as before):

* a row on the very next line after another row, with numbers only in columns where the row
  above may have been cut, and no label starting with an item number, may be a wrapped tail. A number may have been cut when one more
  of its digits would not fit in the width its cell is known to have: the widest number or
  header word standing in that column (header text wraps at the cell's width too);
* no line of the header may put two words in one column (a lost column's header beside its
  neighbour's), and no header word may stand between the rows' labels and the first column
  (the header of a first column lost from every row).

The header checks apply to every table: a column blank in every row of a table whose rows
fill all the other columns is lost just the same. A row filling every column is never taken
for a tail.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from parsers.extract.pdf_columns import SLACK
from parsers.extract.pdf_lines import ITEM_NUMBER

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.extract.pdf_columns import Columns
    from parsers.extract.pdf_lines import Line, Word


def cells_certain(
    lines: Sequence[Line], rows: Sequence[int], columns: Columns, header: Sequence[Line]
) -> bool:
    """Whether no column is lost from every row and no empty cell may be a wrapped tail.

    The header is checked for every table (a column may be lost from a table whose rows
    fill all the others); the tails only where a row leaves a column empty.
    """
    widths = _known_widths(lines, rows, columns, header)
    if widths is None:
        return False
    label_starts = [w.x0 for i in rows for w in lines[i].labels]
    left_most = max(label_starts, default=float("-inf"))
    if any(
        left_most + SLACK < w.x0 and w.x1 <= columns.left
        for line in header
        for w in line.words
    ):
        return False  # a header word between the labels and the first column
    return not any(
        lower == upper + 1 and _may_be_tail(lines[upper], lines[lower], columns, widths)
        for upper, lower in itertools.pairwise(rows)
    )


def _known_widths(
    lines: Sequence[Line], rows: Sequence[int], columns: Columns, header: Sequence[Line]
) -> list[float] | None:
    """Each column's widest number or own header word: a width its cell is known to have.

    None when a header line puts two words in one column (a word spread over several
    columns counts in each).
    """
    widths = [0.0] * len(columns.spans)
    for line in header:
        taken: set[int] = set()
        for word in line.words:
            if word.x1 <= columns.left:
                continue
            first = columns.between(word.x0 + SLACK)
            last = columns.between(word.x1 - SLACK)
            covered = set(range(first, last + 1))
            if first < 0 or last < 0 or covered & taken:
                return None
            taken |= covered
            if first == last:
                widths[first] = max(widths[first], _width(word))
    for index in rows:
        for word in lines[index].numbers:
            place = columns.place_of(word)
            widths[place] = max(widths[place], _width(word))
    return widths


def _may_be_tail(
    upper: Line, lower: Line, columns: Columns, widths: Sequence[float]
) -> bool:
    """Whether ``lower``'s numbers could all be the wrapped digits of ``upper``'s."""
    if len(lower.numbers) == len(columns.spans):
        return False  # a full row, read as before
    if any(ITEM_NUMBER.match(w.text) for w in lower.labels):
        return False  # a label starts there: a wrapped cell's second line starts none
    above = {columns.place_of(w): w for w in upper.numbers}
    for word in lower.numbers:
        cut = above.get(columns.place_of(word))
        if cut is None:
            return False  # nothing above it to continue
        digit = _width(cut) / len(cut.text)
        if _width(cut) + digit < widths[columns.place_of(word)] - SLACK:
            return False  # its cell holds a wider text: the number above was not cut
    return True


def _width(word: Word) -> float:
    return word.x1 - word.x0
