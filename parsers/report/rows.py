"""Row labels and the value cells after them: how every part's reader walks the cell stream.

A row is found by its label, never by its position (``sections.py``); these functions say which
text cell labels which row of part 二 or 三, where a label's values start and end (a wrapped
label's tail, a label whose numbers sit on its continuation line), and cut a part into the chain
of labels and value runs that ``phase.py`` checks for labels and numbers out of step.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.report import labels
from parsers.report.cells import read_cell
from parsers.report.phase import Step, step
from parsers.report.vocabulary import application_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from parsers.report.cells import Cell

#: Unnumbered text this short right after a row label, before any value, is the label's tail
#: wrapped onto the next line (一、本年新收政府信息公开 / 申请数量), not the next row.
MAX_LABEL_TAIL_CHARS: Final = 10
#: Unnumbered text this short that names no row is a fragment (a vertical label's characters,
#: a wrapped header word), never a row's label; numbered, its words this short (（三）不予).
MAX_NOISE_CHARS: Final = 3
#: A line of a wrapped label is no longer than the longest label's half (the 2021 （六） rows).
MAX_WRAPPED_LINE_CHARS: Final = 40
MAX_NUMBERED_NOISE_CHARS: Final = 2
_DIGIT: Final = re.compile(r"\d")


def is_row_label(cell: Cell) -> bool:
    """Whether a text cell names any row or item of any part (it then ends the previous row)."""
    return cell.kind == "text" and _is_row_label(cell)


@lru_cache(maxsize=8192)
def _is_row_label(cell: Cell) -> bool:
    return (
        application_row_id(cell, "2019") is not None
        or application_row_id(cell, "2021") is not None
        or active_item_id(cell) is not None
    )


def row_values(
    cells: Sequence[Cell],
    start: int,
    end: int | None = None,
    noise: Callable[[Cell], bool] | None = None,
) -> tuple[list[Cell], int]:
    """The value cells after a label at ``start - 1`` (before ``end``), and where the row ends.

    Text that is ``noise`` (``is_noise`` unless a part's reader knows better) is looked through.
    """
    noise = noise or is_noise
    stop = len(cells) if end is None else min(end, len(cells))
    i = start
    if i < stop and cells[i].kind == "text" and _is_label_tail(cells[i]):
        i += 1  # the label's wrapped tail
    values: list[Cell] = []
    while i < stop:
        cell = cells[i]
        if cell.kind != "text":
            values.append(cell)
        elif not noise(cell) or opens_row(cells, i):
            break
        i += 1
    # A table row that holds only the label's first line, its cells blank, and the next row
    # the tail with the numbers (一、本年新收政府信息公开 | | … / 申请数量 | 287 | …).
    if (
        values
        and values[0].number is None  # (most rows: a number first, no need to look on)
        and all(v.number is None for v in values)
        and i + 1 < stop
        and _is_label_tail(cells[i])
        and cells[i + 1].kind != "text"
    ):
        tail_values, j = row_values(cells, i + 1, stop, noise)
        if any(v.number is not None for v in tail_values):
            return tail_values, j
    return values, i


def is_noise(cell: Cell) -> bool:
    """Text inside a table that names no row and parts no row from its numbers.

    Text extraction scatters it between a row's label and its numbers: a vertical group label
    one character or word at a time (三 / 、 / 本 …, ``（三）不予`` / ``公开``), the whole group
    label (（三）不予公开), page furniture (``- 3 -``) and the running header (the report's
    title) at a page break. Readers look through it, as a person reading the table does.
    """
    return cell.kind == "text" and bool(cell.raw) and _is_noise(cell)


@lru_cache(maxsize=8192)
def _is_noise(cell: Cell) -> bool:
    # (a text cell without text is the break between two tables: never noise)
    if is_row_label(cell):
        return False
    label = cell.label
    return (
        (
            len(label)
            <= (MAX_NUMBERED_NOISE_CHARS if cell.numbered else MAX_NOISE_CHARS)
            and not _holds_digits(cell)
        )
        or labels.GROUP_LABEL.fullmatch(label) is not None
        or labels.PAGE_FURNITURE.fullmatch(cell.raw.strip()) is not None
        or (
            len(label) <= labels.MAX_LABEL_CHARS
            and labels.REPORT_TITLE.search(label) is not None
        )
    )


def opens_row(cells: Sequence[Cell], i: int) -> bool:
    """Whether ``cells[i]`` is a label's numbering alone with values right after it.

    A label cell typed as its numbering and then its words on a line of their own (``（二）`` /
    ``部分公开…``) comes out of text extraction as ``（二）`` with the row's numbers beside it and
    the words on the next line. Such a numbering starts the next row: the row before must not
    run through it into those numbers (each row would take its successor's numbers).
    """
    cell = cells[i]
    return (
        cell.kind == "text"
        and cell.numbered
        and not cell.label
        and i + 1 < len(cells)
        and cells[i + 1].kind != "text"
    )


def _holds_digits(cell: Cell) -> bool:
    """Whether a text cell's words hold a digit: a value that could not be read as a number.

    Such a cell (a number with a mark or words around it) is never a fragment of a label. Taken for a label's wrapped tail or looked through as a fragment, it let the values after
    it move one column to the left (``政府集中采购 | 171* | 0 |`` read 0 as the project count).
    """
    return _DIGIT.search(cell.label) is not None


def _is_label_tail(cell: Cell) -> bool:
    """A short unnumbered text that names no row: a label's wrapped last line."""
    return (
        cell.kind == "text"
        and not cell.numbered
        and 0 < len(cell.label) <= MAX_LABEL_TAIL_CHARS
        and (not _holds_digits(cell) or is_period_label(cell))
        and not is_row_label(cell)
    )


def application_row_id(cell: Cell, fmt: str) -> str | None:
    """The part 三 row a text cell labels in ``fmt``, if any."""
    if (
        cell.kind != "text"
        or not cell.label
        or len(cell.label) > labels.MAX_LABEL_CHARS
    ):
        return None
    row = _application_row_id(cell.label, cell.numbered, fmt)
    if row == "other_other" and cell.raw.lstrip()[:1] in "(（":
        # 3.其他 is numbered 1., 2., 3.; （六）其他 is the group label （六）其他处理 cut short
        return None
    return row


@lru_cache(maxsize=4096)
def _application_row_id(label: str, numbered: bool, fmt: str) -> str | None:
    if labels.ANY_APPLICATION_ROW.search(label):
        rows = application_rows(fmt)
        for row_id, pattern, needs_number in labels.APPLICATION_ROW_LABELS:
            if (
                row_id in rows
                and (numbered or not needs_number)
                and pattern.search(label)
            ):
                return row_id
    # both formats end part 三's results with （七）总计
    return "total_handled" if labels.TOTAL_HANDLED_MISREAD.search(label) else None


def active_item_id(cell: Cell) -> str | None:
    """The part 二 item a text cell labels, if any."""
    if cell.kind != "text" or len(cell.label) > labels.MAX_LABEL_CHARS:
        return None
    return _active_item_id(cell.label)


@lru_cache(maxsize=4096)
def _active_item_id(label: str) -> str | None:
    for item_id, pattern in labels.ACTIVE_ITEM_LABELS:
        if pattern.match(label):
            return item_id
    return None


def _wrapped_label(
    cells: Sequence[Cell], i: int, end: int, row_of: Callable[[Cell], str | None]
) -> tuple[str, tuple[Cell, ...], int] | None:
    """A row label cut in two lines (``（二）部分公开（区分处理的，只计这一情`` / ``形，…）``).

    Text extraction puts a wrapped label cell's numbers after its last line, or between its
    lines when they sit at the cell's middle. Returns the row, its values and where the row
    ends, when the two lines joined name a row and neither line names one alone (a whole
    label after unknown text is a row of its own, not a continuation).
    """
    j = i + 1
    between: list[Cell] = []
    while j < end and cells[j].kind != "text":
        between.append(cells[j])
        j += 1
    tail = cells[j] if j < end else None
    # a numbering alone (（二）) is completed by words that may name the row on their own
    numbering_only = cells[i].numbered and not cells[i].label
    if (
        tail is None
        or len(cells[i].label) > MAX_WRAPPED_LINE_CHARS
        or len(tail.label) > MAX_WRAPPED_LINE_CHARS
        or (row_of(tail) is not None and (not numbering_only or tail.numbered))
    ):
        return None
    row = row_of(read_cell(cells[i].raw.strip() + tail.raw.strip()))
    if row is None:
        return None
    after, k = row_values(cells, j + 1, end)
    has_between = any(c.number is not None for c in between)
    has_after = any(c.number is not None for c in after)
    if has_between and not has_after:
        return row, tuple(between), j + 1
    if not has_between and has_after:
        return row, tuple(after), k
    return None


def _own_and_next(row: str, values: list[Cell], width: int | None) -> list[Step]:
    """A label's step; a whole row of blank cells before numbers ends it (a lone run follows).

    A converter's table that puts a label on its own row leaves that row's cells blank, and the
    numbers after them are the next table row's: this label's when it was printed above them,
    the next label's when labels sit below their numbers. Which one, ``phase.py`` decides.
    """
    if width:
        blanks = 0
        for k, cell in enumerate(values):
            if cell.number is not None:
                if blanks >= width:
                    return [step(row, tuple(values[:k])), step(None, tuple(values[k:]))]
                break
            blanks += cell.kind == "blank"
    return [step(row, tuple(values))]


def chain(
    cells: Sequence[Cell],
    start: int,
    end: int,
    row_of: Callable[[Cell], str | None],
    width: int | None = None,
) -> list[Step]:
    """The part between ``start`` and ``end`` as labels with their values, and lone runs.

    A label met again after its row was read is not a row; the values after it, like values
    after a heading or unknown text, form a lone run, marked with the label (``Step.again``) so
    that a row printed twice with other numbers is known (``phase.printed_twice``). A label
    wrapped over two lines, its numbers between them or after, is joined back first.
    """

    def noise(cell: Cell) -> bool:
        # a row label of the other format is a group label in this one (（六）其他处理 in 2021)
        return row_of(cell) is None and (is_noise(cell) or is_row_label(cell))

    steps: list[Step] = []
    seen: set[str] = set()
    i = start
    while i < end:
        cell = cells[i]
        row = row_of(cell) if cell.kind == "text" else None
        if row is not None and row not in seen:
            seen.add(row)
            values, i = row_values(cells, i + 1, end, noise)
            steps.extend(_own_and_next(row, values, width))
            continue
        wrapped = _wrapped_label(cells, i, end, row_of) if cell.kind == "text" else None
        if wrapped is not None and wrapped[0] not in seen:
            seen.add(wrapped[0])
            steps.append(step(wrapped[0], wrapped[1]))
            i = wrapped[2]
            continue
        if cell.kind == "text":
            i += 1
        values = []
        while i < end and (
            cells[i].kind != "text" or (noise(cells[i]) and not opens_row(cells, i))
        ):
            if cells[i].kind != "text":
                values.append(cells[i])
            i += 1
        if any(v.number is not None for v in values):
            again = row if row is not None else _period_row(cell, steps)
            steps.append(step(None, tuple(values), again=again))
    return steps


def is_period_label(cell: Cell) -> bool:
    """Whether a cell is a period sub-label (``2023年``, ``本年``, ``上年同期``), not a row."""
    return (
        cell.kind == "text"
        and not cell.numbered
        and labels.PERIOD_LABEL.fullmatch(cell.label) is not None
    )


def _period_row(cell: Cell, steps: Sequence[Step]) -> str | None:
    """The row a run under a period sub-label (``2024年`` after ``2023年``) prints again.

    A row printed once per period (last year's figures, then the report's) gives its label's
    numbers from the first period and the next as a run no label claims; which period is the
    report's the table does not say.
    """
    if not is_period_label(cell):
        return None
    for earlier in reversed(steps):
        if earlier.row is not None:
            return earlier.row
    return None
