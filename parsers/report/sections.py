"""Map a stream of cells onto the format's rows and columns: parts 二, 三 and 四.

A row is read by its label, never by its position: the reader finds the label cell, then takes
the value cells (numbers and blanks) that follow it up to the next text cell. How those values
land on columns is decided by ``align_row``, which implements steps 1–2 of architecture.md
"Blank and missing cells":

* as many numbers as columns: the numbers, in order (extra blank cells are layout noise, e.g.
  the trailing NBSP after 政府集中采购 in 2020-fenyang);
* fewer numbers, but numbers plus explicit blanks fill the row exactly: positional, the blanks
  are missing cells (2020-changchun-nanguan-shuguang: six NBSP cells and a total);
* anything else is a short row: never shifted; every cell is missing and the numbers read are
  kept as an ordered constraint for the rules (2020-fenyang: 5 numbers for 7 columns).

Part 二 maps columns by their header labels, so a 2019 行政事业性收费 table that repeats the
处理决定数量 header (2020-beihai) has its extra column ignored rather than shifted in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels
from parsers.report.vocabulary import (
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    active_items,
    application_rows,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from parsers.report.cells import Cell

#: Unnumbered text this short right after a row label, before any value, is the label's tail
#: wrapped onto the next line (一、本年新收政府信息公开 / 申请数量), not the next row.
MAX_LABEL_TAIL_CHARS: Final = 10
#: Text cells above a part 二 item searched for its column headers (prose before is dropped).
MAX_HEADER_CELLS: Final = 40
#: Cells examined between the 行政复议 header and part 四's data row.
MAX_REVIEW_HEADER_CELLS: Final = 200

#: (row or item or group id, column id)
Key = tuple[str, str]


@dataclass(slots=True)
class SectionRead:
    """What a reader found for one part: cell per (row, column), short rows, label notes."""

    found: bool = False
    cells: dict[Key, Cell] = field(default_factory=dict)
    short_rows: list[tuple[tuple[Key, ...], tuple[Decimal, ...]]] = field(
        default_factory=list
    )
    notes: list[Problem] = field(default_factory=list)
    details: dict[Key, str] = field(default_factory=dict)
    rows: set[str] = field(default_factory=set)

    def has_row(self, row: str) -> bool:
        """Whether ``row`` was already read (the first occurrence of a label wins)."""
        return row in self.rows


def align_row(
    values: Sequence[Cell], ncols: int
) -> tuple[tuple[Cell, ...] | None, tuple[Decimal, ...]]:
    """Place a row's value cells on ``ncols`` columns, or None when the row is short or long."""
    trimmed = list(values)
    while trimmed and trimmed[0].kind == "empty":
        trimmed.pop(0)
    while trimmed and trimmed[-1].kind == "empty":
        trimmed.pop()
    numbers = tuple(c.number for c in trimmed if c.number is not None)
    if len(numbers) == ncols:
        return tuple(c for c in trimmed if c.kind == "number"), numbers
    if len(numbers) < ncols and len(trimmed) == ncols:
        return tuple(trimmed), numbers
    return None, numbers


def is_row_label(cell: Cell) -> bool:
    """Whether a text cell names any row or item of any part (it then ends the previous row)."""
    return (
        application_row_id(cell, "2019") is not None
        or application_row_id(cell, "2021") is not None
        or active_item_id(cell) is not None
    )


def row_values(
    cells: Sequence[Cell], start: int, end: int | None = None
) -> tuple[list[Cell], int]:
    """The value cells after a label at ``start - 1`` (before ``end``), and where the row ends."""
    stop = len(cells) if end is None else min(end, len(cells))
    i = start
    if (
        i < stop
        and cells[i].kind == "text"
        and not cells[i].numbered
        and 0 < len(cells[i].label) <= MAX_LABEL_TAIL_CHARS
        and not is_row_label(cells[i])
    ):
        i += 1  # the label's wrapped tail
    values: list[Cell] = []
    while i < stop and cells[i].kind != "text":
        values.append(cells[i])
        i += 1
    return values, i


def application_row_id(cell: Cell, fmt: str) -> str | None:
    """The part 三 row a text cell labels in ``fmt``, if any."""
    if (
        cell.kind != "text"
        or not cell.label
        or len(cell.label) > labels.MAX_LABEL_CHARS
    ):
        return None
    return _application_row_id(cell.label, cell.numbered, fmt)


@lru_cache(maxsize=4096)
def _application_row_id(label: str, numbered: bool, fmt: str) -> str | None:
    if not labels.ANY_APPLICATION_ROW.search(label):
        return None
    rows = application_rows(fmt)
    for row_id, pattern, needs_number in labels.APPLICATION_ROW_LABELS:
        if row_id in rows and (numbered or not needs_number) and pattern.search(label):
            return row_id
    return None


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


def find_review_start(cells: Sequence[Cell], start: int = 0) -> int | None:
    """Index of the 行政复议 header cell of part 四 at or after ``start``."""
    for i in range(start, len(cells)):
        if cells[i].kind == "text" and cells[i].label == labels.REVIEW_START:
            return i
    return None


def find_applications_start(cells: Sequence[Cell]) -> int | None:
    """Index of the 本年新收 row label, where part 三's rows begin."""
    for i, cell in enumerate(cells):
        if application_row_id(cell, "2019") == "new_requests":
            return i
    return None


def _store_row(read: SectionRead, keys: tuple[Key, ...], values: list[Cell]) -> None:
    read.rows.update(k[0] for k in keys)
    aligned, numbers = align_row(values, len(keys))
    if aligned is None:
        _short_row(read, keys, numbers, len(keys))
        return
    for key, cell in zip(keys, aligned, strict=True):
        read.cells[key] = cell


def _short_row(
    read: SectionRead, keys: tuple[Key, ...], numbers: tuple[Decimal, ...], columns: int
) -> None:
    """Record a row that does not fill its ``columns``: its cells missing, never shifted."""
    read.short_rows.append((keys, numbers))
    for key in keys:
        read.details[key] = (
            f"row holds {len(numbers)} numbers for {columns} columns; not shifted"
        )


def read_applications(
    cells: Sequence[Cell], fmt: str, start: int, end: int
) -> SectionRead:
    """Part 三: the format's rows x the seven applicant columns, between ``start`` and ``end``."""
    read = SectionRead(found=True)
    header_start = max(0, start - 60)
    for cell in cells[header_start:start]:
        if cell.kind == "text" and cell.label in labels.APPLICANT_VARIANTS:
            read.notes.append(
                Problem(
                    "applications",
                    "label_variant",
                    f"applicant column labelled {cell.raw.strip()!r} read as social_organization",
                )
            )
    i = start
    while i < end:
        row = application_row_id(cells[i], fmt)
        if row is None or read.has_row(row):
            i += 1
            continue
        values, i = row_values(cells, i + 1, end)
        _store_row(read, tuple((row, a) for a in APPLICANTS), values)
    return read


def read_active(cells: Sequence[Cell], fmt: str, end: int) -> SectionRead:
    """Part 二: each item's columns, mapped through the header labels above it."""
    read = SectionRead()
    items = active_items(fmt)
    header: list[str] = []
    columns: tuple[str | None, ...] = ()
    i = 0
    while i < end:
        cell = cells[i]
        item = active_item_id(cell) if cell.kind == "text" else None
        if item is None:
            if cell.kind == "text":
                header.append(cell.label)
                if len(header) > MAX_HEADER_CELLS:
                    del header[:-MAX_HEADER_CELLS]
            i += 1
            continue
        found = tuple(
            m.lastgroup
            for m in labels.ACTIVE_COLUMN_HEADER.finditer("".join(header)[-400:])
        )
        if found:
            columns = found
        header = []
        values, i = row_values(cells, i + 1, end)
        if item not in items or read.has_row(item):
            continue
        read.found = True
        read.rows.add(item)
        wanted = items[item]
        if not columns or not set(wanted) <= set(columns):
            # no usable header above the item: the format's own column order
            _store_row(read, tuple((item, c) for c in wanted), values)
            continue
        aligned, numbers = align_row(values, len(columns))
        if aligned is None:
            _short_row(read, tuple((item, c) for c in wanted), numbers, len(columns))
            continue
        for col, value in zip(columns, aligned, strict=True):
            if col in wanted and (item, col) not in read.cells:
                read.cells[item, col] = value
    return read


def read_review(cells: Sequence[Cell], start: int) -> SectionRead:
    """Part 四: the fifteen numbers after the 行政复议 header, in the header's group order."""
    read = SectionRead(found=True)
    groups: tuple[str, ...] = REVIEW_GROUPS
    direct = after = None
    values: list[Cell] = []
    for i in range(start, min(len(cells), start + MAX_REVIEW_HEADER_CELLS)):
        cell = cells[i]
        if cell.kind == "text":
            if cell.label == labels.LITIGATION_DIRECT and direct is None:
                direct = i
            elif cell.label == labels.LITIGATION_AFTER_REVIEW and after is None:
                after = i
        elif _has_number_ahead(cells, i):
            values, _ = row_values(cells, i)
            break
    if direct is not None and after is not None and after < direct:
        groups = ("review", "litigation_after_review", "litigation_direct")
    _store_row(read, tuple((g, c) for g in groups for c in REVIEW_COLUMNS), values)
    return read


def _has_number_ahead(cells: Sequence[Cell], i: int) -> bool:
    """Whether the run of value cells starting at ``i`` holds a number (the data row)."""
    j = i
    while j < len(cells) and cells[j].kind != "text":
        if cells[j].kind == "number":
            return True
        j += 1
    return False
