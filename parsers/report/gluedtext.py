"""Cut a crawler dump's glued table text into label cells and runs of digits.

Some dumps keep no separator between a table's cells: ``…申请数量1502033041532452581313二、
上年结转…``. Such a line is recognised by many labels stuck to digits, then cut: every run
of digits becomes one ``glued`` cell (split later, by the rules, in ``unglue.py``), and the
text between is cut where labels start: at section numbering (一、 （一） 1.), and before a
part 二 item name stuck to its header (``…对外公开总数量规章``). A numbered sub-row label glues
its number onto the digits before it (``…00000002.其他法律…``): that last digit goes back to
the label.
"""

from __future__ import annotations

import re
from typing import Final

from parsers.report.cells import Cell, read_cell
from parsers.report.rows import active_item_id

#: Places where a label's CJK text runs straight into a run of three or more digits; this
#: many in one line make it a glued table (prose has a year or two).
MIN_GLUED_LABELS: Final = 5
_LABEL_THEN_DIGITS = re.compile(r"[\u4e00-\u9fff）)”](?=\d{3,})")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
#: Characters of a blank marker (—, ——, -, /) printed in place of a zero.
_BLANK_MARKS: Final = "—－-/／"
_FULLWIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９．", "0123456789.")
#: A label's own number glued onto the digits before it: the digit before ``.属于…``.
_NUMBERING_AFTER = re.compile(r"^[.．、][\u4e00-\u9fff“]")
#: Where a new label starts inside glued text.
_LABEL_START = re.compile(
    r"(?=[一二三四五六七八九十]、|[（(][一二三四五六七八九十]{1,2}[）)]|(?<![\d.])\d[.．、][\u4e00-\u9fff“])"
)


def is_glued(line: str) -> bool:
    """Whether a line is a table whose cells run together with their labels."""
    return len(_LABEL_THEN_DIGITS.findall(line)) >= MIN_GLUED_LABELS


def glued_cells(line: str) -> list[Cell]:
    """The cells of a glued line: label cells and ``glued`` digit runs, in order.

    Full-width digits (``３３８``) are read as the ASCII digits they are: a run of them was cut
    as a digit run and then split into nothing.
    """
    cells: list[Cell] = []
    for word in line.translate(_FULLWIDTH_DIGITS).split():
        cells.extend(_word_cells(word))
    return cells


def _word_cells(word: str) -> list[Cell]:
    pieces: list[tuple[str, bool]] = []  # (text, is_digits)
    pos = 0
    for match in _DIGITS.finditer(word):
        digits = match.group(0)
        after = word[match.end() :]
        carry = ""
        if "." not in digits and _NUMBERING_AFTER.match(after):
            digits, carry = digits[:-1], digits[-1]
        if match.start() > pos:
            pieces.append((word[pos : match.start()], False))
        if digits:
            pieces.append((digits, True))
        pos = match.end() - len(carry)
    if pos < len(word):
        pieces.append((word[pos:], False))
    cells: list[Cell] = []
    for text, is_digits in pieces:
        if is_digits:
            cells.append(Cell("glued", text))
            continue
        # a blank marker glued onto a label's end (…行政查询事项——12…) is a cell of its own
        label = text.rstrip(_BLANK_MARKS)
        cells.extend(read_cell(part) for part in _labels_in(label) if part)
        if len(label) < len(text):
            cells.append(Cell("blank", text[len(label) :]))
    return cells


def _labels_in(text: str) -> list[str]:
    """Text cut where labels start; a part 二 item name is cut off its header's end."""
    parts = [p for p in _LABEL_START.split(text) if p]
    out: list[str] = []
    for part in parts:
        item_at = _item_suffix(part)
        if item_at:
            out.extend((part[:item_at], part[item_at:]))
        else:
            out.append(part)
    return out


def _item_suffix(text: str) -> int:
    """Where a part 二 item name ends the text (…对外公开总数量 | 规章), or 0."""
    for k in range(1, len(text)):
        if active_item_id(read_cell(text[k:])) is not None:
            return k
    return 0
