"""A number cell of a scan that Tesseract read as ideographs: nothing legible, in its column.

The Chinese model reads a smudged or faint digit as an ideograph now and then (``媳``, ``了``,
``司52`` for a number; measured on the accuracy suite's scans, one cell in a few hundred). Such
a cell reads as text, not as a number: the report parser then sees a row of six numbers for
seven columns, cannot tell which column lost its number, and leaves the whole row null. In a
ruled table the cell's place says what it is: the national tables print a row's label first
and its numbers after it, so a short text after a number of its row stands where a number
stands, and its glyphs name no number. It is passed on as a cell with nothing legible in it,
as a cell without ink is: empty, holding its column, so that its row's other numbers keep
theirs, and missing, so that the numbers the format's rules confirm may determine it (the
report parser says so for a scan's empty cells). A doubtful mark would hold the column too,
but a doubtful number is never determined by the rules, and a row whose 总计 was misread so
lost a total the rules had given when the whole row was null.
"""

from __future__ import annotations

import re
from typing import Final

from parsers.model import Table

#: A CJK ideograph (as ``ocr_text`` tells a label cell by).
_IDEOGRAPH: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DIGIT: Final = re.compile(r"\d")
#: Most characters a number misread as ideographs was seen to have (``人司吧``); a longer
#: text after a row's numbers is a note or a label, not one misread number.
MAX_MISREAD_CHARS: Final = 4
#: What a form prints in a cell with nothing to count: a blank, not a misread number.
NOTHING: Final = "无"


def mark_misread_numbers(table: Table) -> Table:
    """``table`` with each short ideograph text after a number of its row emptied.

    Only cells the table does not list as copies of a merged cell are looked at.

    >>> mark_misread_numbers(Table((("2.重复申请", "0", "媳", "12"),))).rows
    (('2.重复申请', '0', '', '12'),)
    """
    rows = []
    changed = False
    for r, row in enumerate(table.rows):
        cells = list(row)
        after_number = False
        for c, text in enumerate(row):
            if _is_number(text):
                after_number = True
            elif after_number and (r, c) not in table.covered and _is_misread(text):
                cells[c] = ""
                changed = True
        rows.append(tuple(cells))
    if not changed:
        return table
    return Table(tuple(rows), table.covered)


def _is_number(text: str) -> bool:
    """A cell read as a number, doubtful or not (``DOUBTFUL_MARK``): digits, no ideograph."""
    return _DIGIT.search(text) is not None and _IDEOGRAPH.search(text) is None


def _is_misread(text: str) -> bool:
    """Short text with an ideograph, other than the form's word for nothing."""
    folded = "".join(text.split())
    return (
        0 < len(folded) <= MAX_MISREAD_CHARS
        and folded != NOTHING
        and _IDEOGRAPH.search(folded) is not None
    )
