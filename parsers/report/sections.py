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

Parts 三 and 四 place numbers by column position, so their headers are checked first
(``columns.py``): a part whose header prints its columns in another order than the national
one (总计 first, 行政诉讼 before 行政复议) is left null with a ``table_shape`` problem.

Part 二 maps columns by their header labels, so a 2019 行政事业性收费 table that repeats the
处理决定数量 header (2020-beihai) has its extra column ignored rather than shifted in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.model import Problem, ProblemKind
from parsers.report import labels
from parsers.report.columns import (
    STREAM_PLACES,
    HeaderOrder,
    first_places,
    review_order_problem,
    stream_order_problem,
    total_before_person,
    total_first_reading,
)
from parsers.report.garbled import name_total_row
from parsers.report.layouts import TABLE_BREAK
from parsers.report.phase import Zone, in_format_order, printed_twice, zones_of
from parsers.report.rows import (
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

#: Cells examined between the 行政复议 header and part 四's data row.
MAX_REVIEW_HEADER_CELLS: Final = 200

#: (row or item or group id, column id)
Key = tuple[str, str]
#: Why a cell was left null: the kind of problem it is reported as, and the detail.
Why = tuple[ProblemKind, str]
#: Why a glued cell was left null; ``unglue.py`` fills the cell instead when the rules single
#: out one split.
GLUED: Final = "ambiguous_split: the row's digits run together ({digits})"
#: Why a glued row printed with a blank marker beside its digits was left null.
GLUED_BESIDE_BLANK: Final = (
    "ambiguous_split: the row's digits run together ({digits}) beside a blank marker: how "
    "many of its cells the digits hold is not certain"
)
#: Why a cell of an out-of-step row was left null.
OUT_OF_STEP: Final[Why] = (
    "ambiguous_row",
    (
        "ambiguous_row: labels and numbers are out of step here (a label apart from its "
        "numbers); no reading is certain"
    ),
)
#: Why part 四 is left null when it prints two data rows.
TWO_REVIEW_ROWS: Final = (
    "part 四 prints two data rows under labels of their own (the year before beside the "
    "report's, or a comparison): which row is the report's is not certain"
)
#: Why every part is left null when the document prints the tables twice.
TABLES_TWICE: Final = (
    "the document prints the statistics tables twice with other numbers (another year's "
    "tables beside the report's, or a draft): which set is the report's is not certain"
)
#: Why the cells of a row printed twice with other numbers were left null.
PRINTED_TWICE: Final[Why] = (
    "ambiguous_row",
    (
        "ambiguous_row: the row is printed twice with other numbers (a hidden row, a "
        "draft line or a second table with the same labels); which is the table's is not "
        "certain"
    ),
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
    #: why a cell left null is null, when it is more than a blank cell
    details: dict[Key, Why] = field(default_factory=dict)
    rows: set[str] = field(default_factory=set)
    #: rows whose numbers are out of step with their labels (``phase.py``), to be confirmed
    zones: list[Zone] = field(default_factory=list)
    #: row (or item, or ``"review"`` for all of part 四) -> its cells' digits run together
    glued: dict[str, str] = field(default_factory=dict)
    #: part 四's group order as printed (the order a glued part 四 is split in)
    glued_order: tuple[str, ...] = ()
    #: where part 二's first item label is (its out-of-step check starts above it)
    first_item: int | None = None

    def has_row(self, row: str) -> bool:
        """Whether ``row`` was already read (a later printing is only compared with it)."""
        return row in self.rows


def align_row(
    values: Sequence[Cell], ncols: int
) -> tuple[tuple[Cell, ...] | None, tuple[Decimal, ...]]:
    """Place a row's value cells on ``ncols`` columns, or None when the row is short or long."""
    if len(values) == ncols and all(c.kind == "number" for c in values):
        # the usual row: as many numbers as columns, nothing else
        return tuple(values), tuple([c.number for c in values if c.number is not None])
    first, last = 0, len(values)
    while first < last and values[first].kind == "empty":
        first += 1
    while last > first and values[last - 1].kind == "empty":
        last -= 1
    trimmed = values[first:last]
    numbers = tuple([c.number for c in trimmed if c.number is not None])
    if len(numbers) == ncols and _numbers_whole(trimmed):
        return tuple([c for c in trimmed if c.kind == "number"]), numbers
    if len(numbers) < ncols and len(trimmed) == ncols:
        return tuple(trimmed), numbers
    return None, numbers


def _numbers_whole(values: Sequence[Cell]) -> bool:
    """Whether a row's numbers stand together, only unfilled cells before or after them.

    A printed blank (``—``, ``/``) or a doubtful cell (``171*``) anywhere, and any blank between
    two numbers, holds a column of its own: beside as many numbers as the part has columns,
    the row is a cell too long (a column the format lacks), and its numbers cannot be placed
    by dropping that cell. Unfilled cells at the edges (a merged label's leftover, a wider
    grid's padding) hold none.
    """
    number_seen = gap = False  # one pass: a row is read for every part of every report
    for cell in values:
        kind = cell.kind
        if kind == "number":
            if gap:
                return False  # something between two numbers
            number_seen = True
        elif kind == "doubtful" or (kind == "blank" and cell.raw.strip()):
            return False
        elif number_seen:
            gap = True
    return True


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


def find_applications_start(cells: Sequence[Cell], start: int = 0) -> int | None:
    """Index of the 本年新收 row label at or after ``start``, where part 三's rows begin."""
    words = labels.NEW_REQUESTS_WORDS
    for i in range(start, len(cells)):
        cell = cells[i]
        if words in cell.label and application_row_id(cell, "2019") == "new_requests":
            return i
    return None


def tables_printed_again(
    cells: Sequence[Cell],
    layout: str,
    located: tuple[int, int],
    header: HeaderOrder | None,
) -> bool:
    """Whether part 三's table is printed a second time, after part 四, with other numbers.

    A page that holds last year's tables before the report's own (a comparison, the organ's
    reports of several years on one page, a second visible sheet) was read from its first
    set: every cell another year's, status ``ok``. Nothing in the tables says which set is the
    report's. The same table printed again with the same numbers is one table.
    """
    apps_start, review_start = located
    again = find_applications_start(cells, review_start + 1)
    if again is None:
        return False
    again_review = find_review_start(cells, again + 1)
    end = again_review if again_review is not None else len(cells)
    first = read_applications(cells, layout, apps_start, review_start, header=header)
    second = read_applications(cells, layout, again, end, header=header)
    return any(
        key in first.cells and first.cells[key].number != cell.number
        for key, cell in second.cells.items()
    )


def unread_tables(
    fmt: str, layout: str
) -> tuple[SectionRead, SectionRead, SectionRead]:
    """Parts 二, 三 and 四 left unread because the tables are printed twice (``TABLES_TWICE``)."""
    items = active_items(fmt)
    rows = application_rows(layout)
    return (
        unread_part(
            "active_disclosure",
            [(item, col) for item, cols in items.items() for col in cols],
            TABLES_TWICE,
            tuple(items),
        ),
        unread_part(
            "applications",
            [key for row in rows for key in _row_keys(row)],
            TABLES_TWICE,
            rows,
        ),
        _unread_review(TABLES_TWICE),
    )


@lru_cache(maxsize=64)
def _row_keys(row: str) -> tuple[Key, ...]:
    return tuple((row, a) for a in APPLICANTS)


def take_glued(
    read: SectionRead, row: str, keys: tuple[Key, ...], values: Sequence[Cell]
) -> bool:
    """Record a row whose only value is a run of glued digits; its cells wait for the split.

    A blank marker beside the run (``规章338——``) is a cell of its own that the digits do not
    cover: how many cells the digits hold is then unknown, so the row is not split (split
    into as many cells as the row has columns, ``338`` gave 3 · 3 · 8).
    """
    glued: Cell | None = None
    marked_blank = False
    for cell in values:  # most rows stop at their first cell, a number
        if cell.kind == "glued" and glued is None:
            glued = cell
        elif cell.kind == "blank":
            marked_blank = True
        elif cell.kind != "empty":
            return False
    if glued is None:
        return False
    read.rows.add(row)
    if marked_blank:
        for key in keys:
            read.details[key] = (
                "ambiguous_split",
                GLUED_BESIDE_BLANK.format(digits=glued.raw),
            )
        return True
    read.glued[row] = glued.raw
    for key in keys:
        read.details[key] = ("ambiguous_split", GLUED.format(digits=glued.raw))
    return True


def store_row(read: SectionRead, keys: tuple[Key, ...], values: list[Cell]) -> None:
    if keys[0][0] == keys[-1][0]:
        read.rows.add(keys[0][0])  # one row's columns
    else:
        read.rows.update(k[0] for k in keys)  # part 四's three groups
    aligned, numbers = align_row(values, len(keys))
    if aligned is None:
        short_row(read, keys, numbers, len(keys))
        return
    for key, cell in zip(keys, aligned, strict=True):
        read.cells[key] = cell


def short_row(
    read: SectionRead, keys: tuple[Key, ...], numbers: tuple[Decimal, ...], columns: int
) -> None:
    """Record a row that does not fill its ``columns``: its cells missing, never shifted."""
    read.short_rows.append((keys, numbers))
    held = f"{len(numbers)} numbers"
    if len(numbers) == columns:  # and a doubtful cell beside them (``align_row``)
        held += " and a cell it could not read"
    for key in keys:
        read.details[key] = (
            "missing_cell",
            f"row holds {held} for {columns} columns; not shifted",
        )


def unread_part(
    section: str, keys: Sequence[Key], detail: str, rows: Sequence[str]
) -> SectionRead:
    """A part found but left unread (its columns in another order): every cell null, why."""
    read = SectionRead(found=True)
    read.notes.append(Problem(section, "table_shape", detail))
    read.rows.update(rows)
    for key in keys:
        read.details[key] = ("table_shape", detail)
    return read


def _not_national(section: str, why: str) -> str:
    return (
        f"the {section} table's columns are not in the national order ({why}); "
        "numbers are placed by column order, so the part is not read"
    )


def read_applications(
    cells: Sequence[Cell],
    fmt: str,
    start: int,
    end: int,
    *,
    header: HeaderOrder | None = None,
    ocr: bool = False,
) -> SectionRead:
    """Part 三: the format's rows x the seven applicant columns, between ``start`` and ``end``.

    ``header``: what the header says of the column order where it stands (grid or lines).
    ``ocr``: the cells were read from a scan, whose 总计 label may be garbled past reading
    (``garbled.name_total_row``).
    """
    placed = header or HeaderOrder()
    header_start = max(0, start - 60)
    found = first_places(cells, header_start, start, STREAM_PLACES)
    why = placed.problem or stream_order_problem(
        found, source_order=placed.source_order
    )
    if why is None:
        read = _read_application_rows(cells, fmt, (start, end, header_start), ocr=ocr)
        if not placed.settled and total_before_person(found):
            why = total_first_reading(_full_rows(read))
        if why is None:
            return read
    rows = application_rows(fmt)
    return unread_part(
        "applications",
        [key for row in rows for key in _row_keys(row)],
        _not_national("applications", why),
        rows,
    )


def _full_rows(read: SectionRead) -> list[list[int]]:
    """The rows read with all seven cells whole numbers."""
    out: list[list[int]] = []
    for row in read.rows:
        numbers = [read.cells.get(key) for key in _row_keys(row)]
        integers = [c.integer for c in numbers if c is not None]
        if len(integers) == len(APPLICANTS) and None not in integers:
            out.append([i for i in integers if i is not None])
    return out


def _read_application_rows(
    cells: Sequence[Cell], fmt: str, bounds: tuple[int, int, int], *, ocr: bool
) -> SectionRead:
    """Part 三's rows (``bounds``: start, end, header start), in the national column order."""
    start, end, header_start = bounds
    read = SectionRead(found=True)
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
    linked = chain(
        cells,
        first,
        end,
        lambda cell: application_row_id(cell, fmt),
        len(APPLICANTS),
    )
    if ocr:
        linked = name_total_row(linked, fmt, len(APPLICANTS))
    twice = printed_twice(linked)
    steps = in_format_order(linked, rank)
    zones, uncertain = zones_of(steps, len(APPLICANTS))
    read.zones.extend(zones)
    for step in steps:
        if step.row is None:
            continue
        keys = _row_keys(step.row)
        if step.row in uncertain or step.row in twice:
            read.rows.add(step.row)
            why = PRINTED_TWICE if step.row in twice else OUT_OF_STEP
            for key in keys:
                read.details[key] = why
            continue
        if take_glued(read, step.row, keys, step.values):
            continue
        store_row(read, keys, list(step.values))
    return read


def read_review(cells: Sequence[Cell], start: int) -> SectionRead:
    """Part 四: the fifteen numbers after the 行政复议 header, in the header's group order.

    Started from part 四's heading rather than its 行政复议 header, the part is found only if
    numbers follow (a heading over prose, 无。, is no table).
    """
    read = SectionRead(found=True)
    groups: tuple[str, ...] = REVIEW_GROUPS
    direct = after = None
    values: list[Cell] = []
    data = min(len(cells), start + MAX_REVIEW_HEADER_CELLS)
    for i in range(start, data):
        cell = cells[i]
        if cell.kind == "text":
            if cell.label == labels.LITIGATION_DIRECT and direct is None:
                direct = i
            elif cell.label == labels.LITIGATION_AFTER_REVIEW and after is None:
                after = i
        elif _has_number_ahead(cells, i):
            values, row_end = row_values(cells, i)
            data = i
            if _second_data_row(cells, row_end, values):
                return _unread_review(TWO_REVIEW_ROWS)
            break
    why = review_order_problem(cells, start, data)
    if why is not None and values:
        return _unread_review(_not_national("review_litigation", why))
    if direct is not None and after is not None and after < direct:
        groups = ("review", "litigation_after_review", "litigation_direct")
    if not values and cells[start].label != labels.REVIEW_START:
        return SectionRead()
    keys = tuple((g, c) for g in groups for c in REVIEW_COLUMNS)
    if not take_glued(read, "review", keys, values):
        store_row(read, keys, values)
    read.glued_order = groups
    return read


def _unread_review(detail: str) -> SectionRead:
    """Part 四 found but left unread: its fifteen cells null, for ``detail``."""
    keys = [(g, c) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    return unread_part("review_litigation", keys, detail, REVIEW_GROUPS)


def _second_data_row(cells: Sequence[Cell], end: int, values: Sequence[Cell]) -> bool:
    """Whether a second row as full as the first follows part 四's data row under a label.

    Organs add a row for the year before (``2023年`` over ``2024年``, in either order) or a
    comparison: the first row read need not be the report's year's, and nothing in the table
    says which is.
    """
    width = sum(c.number is not None for c in values)
    if width == 0 or end >= len(cells) or cells[end] is TABLE_BREAK:
        return False
    if cells[end].kind != "text":
        return False
    following, _ = row_values(cells, end + 1)
    return sum(c.number is not None for c in following) == width


def _has_number_ahead(cells: Sequence[Cell], i: int) -> bool:
    """Whether the run of value cells starting at ``i`` holds a number (the data row)."""
    j = i
    while j < len(cells) and cells[j].kind != "text":
        if cells[j].kind in ("number", "glued"):
            return True
        j += 1
    return False
