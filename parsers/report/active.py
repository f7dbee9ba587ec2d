"""Part 二 (主动公开政府信息情况): each item's columns, mapped through the header above it.

Items are found by their labels (``rows.active_item_id``) and their values placed through the
column headers printed above them, so a 2019 行政事业性收费 table that repeats the 处理决定数量
header (2020-beihai) has its extra column ignored rather than shifted in. A header naming only
some of an item's columns is used only where its cells place the rest by elimination; else
the item is null, as is a glued item under a header ordering its columns otherwise. Part 二
has no rules to confirm a reading, so an item whose numbers may be a neighbour's
(``phase.py``) stays null.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels
from parsers.report.phase import (
    Step,
    Zone,
    out_of_step,
    printed_values,
    reading_by_width,
)
from parsers.report.rows import active_item_id, chain, is_period_label, row_values
from parsers.report.sections import (
    OUT_OF_STEP,
    PRINTED_TWICE,
    SectionRead,
    align_row,
    short_row,
    store_row,
    take_glued,
)
from parsers.report.vocabulary import active_items

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.report.cells import Cell

#: Text cells above a part 二 item searched for its column headers (prose before is dropped).
MAX_HEADER_CELLS: Final = 40
#: Why an item is null whose header names some of its columns and not the others.
PARTIAL_HEADER: Final = (
    "the header names some of the item's columns and not the others (another wording): "
    "where each column stands is not certain"
)
#: Why an item is null whose header names only columns it does not have.
OTHER_COLUMNS: Final = (
    "the header names other columns than the item's (the other national format's: "
    "本年新制作数量 over a 2021 report's 规章): its numbers are not these columns'"
)
#: Why an item is null whose header names one of its columns twice.
NAMED_TWICE: Final = (
    "the header names one of the item's columns twice (another year's figures in a column of "
    "their own): which column is the report's is not certain"
)
#: Why a glued item is null whose header orders its columns otherwise than the format.
GLUED_REORDERED: Final = (
    "the item's digits run together under a header that orders its columns otherwise than "
    "the format; no split is certain"
)
#: Text searched for part 二's captions when part 三's heading is not found after it.
MAX_ACTIVE_TEXT: Final = 20_000
#: The widest part 二 header (three columns): more numbers after an item are two rows' worth.
MAX_ACTIVE_COLUMNS: Final = 3


def caption_units(text: str) -> frozenset[str]:
    """The money units part 二's text names in captions apart from its header cells.

    A table's unit is often printed as a line of its own (``单位：元`` above the table, ``注：
    金额单位为元`` below it), which a grid's header cells do not hold: the amount was read as
    万元 whatever the caption said.
    """
    start = text.find(labels.ACTIVE_PART_WORDS)
    if start < 0:
        return frozenset()
    end = text.find(labels.APPLICATIONS_PART_WORDS, start)
    region = text[start : end if end >= 0 else start + MAX_ACTIVE_TEXT]
    if "单位" not in region:
        return frozenset()
    return frozenset(labels.CAPTION_UNIT.findall(labels.fold_width(region)))


def read_active(
    cells: Sequence[Cell], fmt: str, end: int, captions: frozenset[str] = frozenset()
) -> SectionRead:
    """Part 二: each item's columns, mapped through the header labels above it.

    ``captions``: the money units part 二's text names apart from its header cells
    (``caption_units``), added to what each money column's header names.
    """
    read = SectionRead()
    items = active_items(fmt)
    header: list[str] = []
    current = _Header()
    widths: dict[str, int] = {}  # item -> columns of the header it sits under
    printed: dict[str, tuple[object, ...]] = {}  # item -> what its first row printed
    in_format_columns: set[str] = (
        set()
    )  # items under a header naming exactly their columns
    in_step = True  # no sign yet of labels and numbers out of step (see phase.py)
    i = 0
    while i < end:
        cell = cells[i]
        item = active_item_id(cell) if cell.kind == "text" else None
        if item is None:
            in_step = in_step and cell.number is None
            if cell.kind == "text" and len(cell.label) <= labels.MAX_LABEL_CHARS:
                # (a longer text is prose, never a column header: not scanned for one)
                header.append(cell.label)
                if len(header) > MAX_HEADER_CELLS:
                    del header[:-MAX_HEADER_CELLS]
            i += 1
            continue
        if read.first_item is None:
            read.first_item = i
        current.read(header)
        header = []
        values, i = row_values(cells, i + 1, end)
        if item not in items:
            continue
        if read.has_row(item):
            _printed_again(read, item, items[item], printed.get(item), values)
            continue
        printed[item] = printed_values(values)
        read.found = True
        read.rows.add(item)
        wanted = items[item]
        columns = _with_extra_columns(
            _by_elimination(current.columns, current.by_cell, wanted),
            current.by_cell,
            wanted,
        )
        why = _unplaced(columns, wanted, values, current.by_cell, own=current.own)
        if _set_aside(read, item, wanted, why):
            continue
        if take_glued(read, item, tuple((item, c) for c in wanted), values):
            continue
        widths[item] = (
            len(columns) if columns and set(wanted) <= set(columns) else len(wanted)
        )
        if columns == wanted:
            in_format_columns.add(item)
        in_step = (
            in_step and 0 < sum(c.number is not None for c in values) <= widths[item]
        )
        _store_item(read, item, wanted, columns, values)
        _check_item(
            read,
            item,
            wanted,
            units=current.units | captions,
            again=(printed[item], _period_run(cells, i, end)),
        )
    if not in_step:
        _drop_out_of_step_items(
            read,
            cells,
            items=items,
            widths=widths,
            in_format_columns=in_format_columns,
            end=end,
        )
    return read


def _check_item(
    read: SectionRead,
    item: str,
    wanted: tuple[str, ...],
    *,
    units: frozenset[str],
    again: tuple[tuple[object, ...], list[Cell]],
) -> None:
    """Checks on an item just stored.

    Its amount is taken in the unit its header or a caption names; it is left null when a
    period sub-row prints it again with other numbers (``again``: what its row printed, the
    sub-row's values).
    """
    if "amount" in wanted:
        _apply_header_unit(read, item, units)
    first, period = again
    if period:
        _printed_again(read, item, wanted, first, period)


def _period_run(cells: Sequence[Cell], i: int, end: int) -> list[Cell]:
    """The values of a period sub-row right after an item's (``2024年`` under ``2023年``), or [].

    An item printed once per period gives its label the first period's numbers; the next
    period's follow under a sub-label of their own.
    """
    if i >= end or not is_period_label(cells[i]):
        return []
    run, _ = row_values(cells, i + 1, end)
    return run if any(c.number is not None for c in run) else []


def _printed_again(
    read: SectionRead,
    item: str,
    wanted: tuple[str, ...],
    first: tuple[object, ...] | None,
    values: Sequence[Cell],
) -> None:
    """An item's label met again: with other numbers, neither printing is taken.

    Part 二 has no rules to tell a hidden or draft row from the table's own, so the first
    printing is kept only when every later one prints the same numbers.
    """
    if not any(c.number is not None or c.kind == "glued" for c in values):
        return
    if first is None or printed_values(values) == first:
        return
    for col in wanted:
        read.cells.pop((item, col), None)
        read.details[item, col] = PRINTED_TWICE


@dataclass(slots=True)
class _Header:
    """The part 二 header the items below it sit under, until the next one."""

    columns: tuple[str | None, ...] = ()
    #: the column each header cell names, when the header reads cell by cell
    by_cell: tuple[str | None, ...] = ()
    #: the money units the header names (``（元）``)
    units: frozenset[str] = frozenset()
    #: whether the columns were named right above the item's block (not carried over a
    #: block whose own header names none of them: ``处理决定数`` in other words)
    own: bool = True

    def read(self, header: list[str]) -> None:
        """Take the text cells above an item as the new header, if they name columns."""
        text = "".join(header)[-400:]
        found = labels.active_column_headers(text)
        if found:
            self.columns = found
            self.by_cell = _header_cells(header)
            self.units = frozenset(labels.MONEY_HEADER_UNIT.findall(text))
            self.own = True
        elif labels.ACTIVE_ITEM_HEADER in text:
            self.own = False  # a header of its own that names no known column


def _set_aside(
    read: SectionRead, item: str, wanted: tuple[str, ...], why: str | None
) -> bool:
    """Leave an item's cells null for ``why`` (when there is one); whether it was."""
    if why is None:
        return False
    for column in wanted:
        read.details[item, column] = ("table_shape", why)
    return True


def _header_cells(header: list[str]) -> tuple[str | None, ...]:
    """The column each header cell after 信息内容 names (None: a wording not known), or ().

    Only a header whose cells each name one column at most counts: a header word split over
    cells (``本年新`` / ``制作数量``) gives no cell-by-cell reading.
    """
    if labels.ACTIVE_ITEM_HEADER not in header:
        return ()
    start = len(header) - header[::-1].index(labels.ACTIVE_ITEM_HEADER)
    named = [labels.active_column_headers(label) for label in header[start:]]
    if not named or any(len(n) > 1 for n in named):
        return ()
    return tuple(n[0] if n else None for n in named)


def _by_elimination(
    columns: tuple[str | None, ...],
    by_cell: tuple[str | None, ...],
    wanted: tuple[str, ...],
) -> tuple[str | None, ...]:
    """The header's columns, one of the item's named in other words placed by elimination.

    A header cell by cell with as many cells as the item has columns, all but one named, and
    one of the item's columns not named: that cell is that column (``有效件数`` for
    现行有效件数), wherever it stands. Anything else leaves ``columns`` as read.
    """
    if set(wanted) <= set(columns) or len(by_cell) != len(wanted):
        return columns
    missing = [c for c in wanted if c not in by_cell]
    if by_cell.count(None) != 1 or len(missing) != 1:
        return columns
    return tuple(missing[0] if c is None else c for c in by_cell)


def _with_extra_columns(
    columns: tuple[str | None, ...],
    by_cell: tuple[str | None, ...],
    wanted: tuple[str, ...],
) -> tuple[str | None, ...]:
    """The header read cell by cell where it prints columns after the item's own (``备注``).

    Such a column makes every row a cell longer: placed through the named columns alone, a
    row whose first cell was blank lost it as a merged label's leftover and its numbers moved
    one column left, the extra column's number taken for the last. Read cell by cell, the
    row must fill the extra columns too, or it is short.
    """
    named = [c for c in by_cell if c is not None]
    if (
        not by_cell
        or by_cell[-1] is not None
        or sorted(named) != sorted(wanted)
        or None in by_cell[: len(named)]
    ):
        return columns
    return by_cell


def _unplaced(
    columns: tuple[str | None, ...],
    wanted: tuple[str, ...],
    values: list[Cell],
    by_cell: tuple[str | None, ...] = (),
    *,
    own: bool = True,
) -> str | None:
    """Why an item's values cannot be placed on its columns for certain, or None.

    A header naming only some of the item's columns (another wording for the rest, that
    ``_by_elimination`` could not place) leaves where each column stands uncertain; so does a
    header naming one of them twice (``上年制发件数`` beside ``本年制发件数``: last year's
    figures in a column of their own), read cell by cell where it can be; a glued run is split
    in the format's column order, so a header that orders them otherwise does too.
    """
    named = [c for c in columns if c in wanted]
    if named and set(named) != set(wanted):
        return PARTIAL_HEADER
    if own and not named and any(c is not None for c in columns):
        return OTHER_COLUMNS
    twice = [c for c in (by_cell or columns) if c in wanted]
    if len(twice) != len(set(twice)):
        return NAMED_TWICE
    glued = any(v.kind == "glued" for v in values)
    if glued and named and tuple(dict.fromkeys(named)) != wanted:
        return GLUED_REORDERED
    return None


def _store_item(
    read: SectionRead,
    item: str,
    wanted: tuple[str, ...],
    columns: tuple[str | None, ...],
    values: list[Cell],
) -> None:
    """A part 二 item's values, placed through the header's columns when it names them.

    A header naming none of them leaves the format's order (``_unplaced`` has set aside the
    headers that name only some).
    """
    if not columns or not set(wanted) <= set(columns):
        # no usable header above the item: the format's own column order
        store_row(read, tuple((item, c) for c in wanted), values)
        return
    aligned, numbers = align_row(values, len(columns))
    if aligned is None:
        short_row(read, tuple((item, c) for c in wanted), numbers, len(columns))
        return
    for col, value in zip(columns, aligned, strict=True):
        if col in wanted and (item, col) not in read.cells:
            read.cells[item, col] = value


def _apply_header_unit(read: SectionRead, item: str, units: frozenset[str]) -> None:
    """An amount printed without a unit, in the unit its column header names.

    The format's money columns are in 万元; a header that says ``（元）`` makes ``186000`` a
    sum of 18.6 万元, converted and recorded as a cell's own ``元`` is. A unit the format has no
    factor for (千元), or two units named over one column, leaves the amount null.
    """
    key = (item, "amount")
    cell = read.cells.get(key)
    if (
        cell is None
        or cell.number is None
        or cell.unit
        or not units
        or units == {"万元"}
    ):
        return
    path = f"active_disclosure.{item}.amount"
    (unit,) = units if len(units) == 1 else ("",)
    if unit in labels.MONEY_UNITS:
        read.cells[key] = replace(cell, unit=unit)
        read.notes.append(
            Problem(
                path,
                "unit_converted",
                f"the column header or a caption gives the amount in {unit}",
            )
        )
        return
    del read.cells[key]
    named = "、".join(sorted(units))
    read.details[key] = (
        "unreadable",
        f"the column header or a caption gives the amount in {named}, not in 万元 or 元; not converted",
    )


def _drop_out_of_step_items(
    read: SectionRead,
    cells: Sequence[Cell],
    *,
    items: dict[str, tuple[str, ...]],
    widths: dict[str, int],
    in_format_columns: set[str],
    end: int,
) -> None:
    """Part 二 has no rules to confirm a reading: its out-of-step items stay null.

    Where part 二 opens with numbers before its first label, the in-order reading is kept
    aside (``SectionRead.zones``): ``assemble`` takes it only if part 三, whose rules can tell,
    was printed numbers-first too and confirmed so.
    """
    first = read.first_item
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

    def width(step: Step) -> int:
        return (
            widths.get(step.row, MAX_ACTIVE_COLUMNS) if step.row else MAX_ACTIVE_COLUMNS
        )

    for start, last in out_of_step(steps, width):
        span = steps[start : last + 1]
        rows = tuple(s.row for s in span if s.row in items)
        for item in rows:
            for col in items[item]:
                read.cells.pop((item, col), None)
                read.details[item, col] = OUT_OF_STEP
        if rows and span[0].row is None:
            # numbers before labels: kept for the case part 三 proves the whole report so
            read.zones.append(
                Zone(
                    rows=rows,
                    reading=reading_by_width(
                        span,
                        lambda row: len(items[row]) if row in in_format_columns else 0,
                    ),
                    numbers_first=True,
                )
            )
