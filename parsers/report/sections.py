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
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels
from parsers.report.phase import Zone, in_format_order, zones_of
from parsers.report.rows import (
    active_item_id,
    application_row_id,
    chain,
    is_noise,
    row_values,
)
from parsers.report.vocabulary import (
    APPLICANTS,
    OTHER_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SINGLE_OTHER_2021,
    active_items,
    application_rows,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from parsers.report.cells import Cell

#: Text cells above a part 二 item searched for its column headers (prose before is dropped).
MAX_HEADER_CELLS: Final = 40
#: The widest part 二 header (three columns): more numbers after an item are two rows' worth.
MAX_ACTIVE_COLUMNS: Final = 3
#: Cells examined between the 行政复议 header and part 四's data row.
MAX_REVIEW_HEADER_CELLS: Final = 200

#: (row or item or group id, column id)
Key = tuple[str, str]
#: Why a glued cell was left null (the prefix marks ``ambiguous_split``); ``unglue.py`` replaces
#: it by the split when the rules single one out.
GLUED: Final = "ambiguous_split: the row's digits run together ({digits})"
#: Why a cell of an out-of-step row was left null (the prefix marks ``ambiguous_row``).
OUT_OF_STEP: Final = (
    "ambiguous_row: labels and numbers are out of step here (a label apart from its "
    "numbers); no reading is certain"
)


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
    #: rows whose numbers are out of step with their labels (``phase.py``), to be confirmed
    zones: list[Zone] = field(default_factory=list)
    #: row (or item, or ``"review"`` for all of part 四) -> its cells' digits run together
    glued: dict[str, str] = field(default_factory=dict)
    #: part 四's group order as printed (the order a glued part 四 is split in)
    glued_order: tuple[str, ...] = ()

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


def find_review_start(cells: Sequence[Cell], start: int = 0) -> int | None:
    """Index of the 行政复议 header cell of part 四 at or after ``start``.

    Without such a cell (a table that prints part 四's fifteen numbers in one row under a
    five-column header, the group names only in the heading), part 四's heading is the start.
    """
    heading: int | None = None
    for i in range(start, len(cells)):
        cell = cells[i]
        if cell.kind != "text":
            continue
        if cell.label == labels.REVIEW_START:
            return i
        if heading is None and labels.REVIEW_HEADING.search(cell.label):
            heading = i
    return heading


def application_layout(cells: Sequence[Cell], fmt: str, start: int, end: int) -> str:
    """The row layout part 三 is printed in: ``fmt``, or the mixed 2021 shape.

    A 2021 report that prints （六）其他处理 followed by numbers and none of the three 2021
    sub-rows keeps the 2019 single row; it is read as printed (``SINGLE_OTHER_2021``).
    """
    if fmt != "2021":
        return fmt
    single = False
    for i in range(start, min(end, len(cells))):
        cell = cells[i]
        if cell.kind != "text":
            continue
        if application_row_id(cell, "2021") in OTHER_2021:
            return fmt
        if cell.label == labels.OTHER_HANDLING:
            values, _ = row_values(cells, i + 1, end)
            single = single or any(v.kind == "number" for v in values)
    return SINGLE_OTHER_2021 if single else fmt


def find_applications_start(cells: Sequence[Cell]) -> int | None:
    """Index of the 本年新收 row label, where part 三's rows begin."""
    for i, cell in enumerate(cells):
        if application_row_id(cell, "2019") == "new_requests":
            return i
    return None


def _take_glued(
    read: SectionRead, row: str, keys: tuple[Key, ...], values: Sequence[Cell]
) -> bool:
    """Record a row whose only value is a run of glued digits; its cells wait for the split."""
    glued = [c for c in values if c.kind not in ("empty", "blank")]
    if len(glued) != 1 or glued[0].kind != "glued":
        return False
    read.rows.add(row)
    read.glued[row] = glued[0].raw
    for key in keys:
        read.details[key] = GLUED.format(digits=glued[0].raw)
    return True


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
    # numbers printed before their labels start before the first label: take them in
    first = start
    while first > 0 and (cells[first - 1].kind != "text" or is_noise(cells[first - 1])):
        first -= 1
    rank = {row: k for k, row in enumerate(application_rows(fmt))}
    steps = in_format_order(
        chain(cells, first, end, lambda cell: application_row_id(cell, fmt)), rank
    )
    zones, uncertain = zones_of(steps, len(APPLICANTS))
    read.zones.extend(zones)
    for step in steps:
        if step.row is None:
            continue
        keys = tuple((step.row, a) for a in APPLICANTS)
        if step.row in uncertain:
            read.rows.add(step.row)
            for key in keys:
                read.details[key] = OUT_OF_STEP
            continue
        if _take_glued(read, step.row, keys, step.values):
            continue
        _store_row(read, keys, list(step.values))
    return read


def read_active(cells: Sequence[Cell], fmt: str, end: int) -> SectionRead:
    """Part 二: each item's columns, mapped through the header labels above it."""
    read = SectionRead()
    items = active_items(fmt)
    header: list[str] = []
    columns: tuple[str | None, ...] = ()
    widths: dict[str, int] = {}  # item -> columns of the header it sits under
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
        if _take_glued(read, item, tuple((item, c) for c in wanted), values):
            continue
        widths[item] = (
            len(columns) if columns and set(wanted) <= set(columns) else len(wanted)
        )
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
    _drop_out_of_step_items(read, cells, items, widths, end)
    return read


def _drop_out_of_step_items(
    read: SectionRead,
    cells: Sequence[Cell],
    items: dict[str, tuple[str, ...]],
    widths: dict[str, int],
    end: int,
) -> None:
    """Part 二 has no rules to confirm a reading: its out-of-step items stay null."""
    first = next(
        (i for i in range(end) if cells[i].kind == "text" and active_item_id(cells[i])),
        None,
    )
    if first is None:
        return
    # numbers printed above the first item's label sit between it and the part's heading
    stop = max(0, first - MAX_HEADER_CELLS)
    while first > stop and not (
        cells[first - 1].kind == "text"
        and labels.ACTIVE_HEADING.search(cells[first - 1].label)
    ):
        first -= 1
    steps = chain(cells, first, end, active_item_id)
    _zones, uncertain = zones_of(
        steps,
        MAX_ACTIVE_COLUMNS,
        lambda s: (
            widths.get(s.row, MAX_ACTIVE_COLUMNS) if s.row else MAX_ACTIVE_COLUMNS
        ),
    )
    for item in uncertain & set(items):
        for col in items[item]:
            read.cells.pop((item, col), None)
            read.details[item, col] = OUT_OF_STEP


def read_review(cells: Sequence[Cell], start: int) -> SectionRead:
    """Part 四: the fifteen numbers after the 行政复议 header, in the header's group order.

    Started from part 四's heading rather than its 行政复议 header, the part is found only if
    numbers follow (a heading over prose, 无。, is no table).
    """
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
    if not values and cells[start].label != labels.REVIEW_START:
        return SectionRead()
    keys = tuple((g, c) for g in groups for c in REVIEW_COLUMNS)
    if not _take_glued(read, "review", keys, values):
        _store_row(read, keys, values)
    read.glued_order = groups
    return read


def _has_number_ahead(cells: Sequence[Cell], i: int) -> bool:
    """Whether the run of value cells starting at ``i`` holds a number (the data row)."""
    j = i
    while j < len(cells) and cells[j].kind != "text":
        if cells[j].kind in ("number", "glued"):
            return True
        j += 1
    return False
