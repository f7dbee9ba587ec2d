"""The report's tables as rows of merged cells, shared by the HTML and the text renderers.

One description of each national table (cells with ``rowspan``/``colspan`` exactly as real
sites draw them) feeds both ``render_html`` and ``render_text``, so the two always agree on
labels and numbers. ``to_grid`` resolves the spans the way a reader of the page sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from crawler.sampleportal import reportlabels as L
from parsers.report.vocabulary import APPLICANTS, REVIEW_COLUMNS, active_items

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import Number, ReportNumbers


@dataclass(frozen=True, slots=True)
class Cell:
    """One ``<td>``: its text, its spans, and whether it is a number (for blank-dropping)."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    is_number: bool = False
    is_header: bool = False


Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A table with the heading printed above it (empty for the untitled tables)."""

    heading: str
    rows: tuple[Row, ...]


def format_number(value: Number) -> str:
    """Print a cell the way reports do: integers plainly, money without exponent (0.0001)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _num(value: Number) -> Cell:
    return Cell(format_number(value), is_number=True)


def _head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, is_header=True)


def active_tables(numbers: ReportNumbers) -> tuple[ReportTable, ...]:
    """Part 二: one small table per 第二十条 block (header row, then one row per item)."""
    columns = active_items(numbers.format)
    tables = []
    for heading, header, items in L.ACTIVE_BLOCKS[numbers.format]:
        rows: list[Row] = [tuple(_head(text) for text in header)]
        for item, label in items:
            cells = numbers.active_disclosure[item]
            rows.append((Cell(label), *(_num(cells[c]) for c in columns[item])))
        tables.append(ReportTable(heading, tuple(rows)))
    return tuple(tables)


def application_table(numbers: ReportNumbers) -> ReportTable:
    """Part 三: the 3-column label area, the two-level applicant header, 三、 spanning (一)…(七)."""
    section = numbers.applications

    def values(row: str) -> tuple[Cell, ...]:
        return tuple(_num(section[row][c]) for c in APPLICANTS)

    groups = L.result_groups(numbers.format)
    result_rows = sum(len(rows) for _, rows in groups)
    rows: list[Row] = [
        (
            _head(L.APPLICATION_NOTE, colspan=3, rowspan=3),
            _head(L.APPLICANT_HEADING, colspan=7),
        ),
        (
            _head(L.NATURAL_PERSON, rowspan=2),
            _head(L.LEGAL_PERSONS, colspan=5),
            _head(L.TOTAL, rowspan=2),
        ),
        tuple(_head(kind) for kind in L.LEGAL_PERSON_KINDS),
        (Cell(L.NEW_REQUESTS, colspan=3), *values("new_requests")),
        (Cell(L.CARRIED_OVER, colspan=3), *values("carried_over")),
    ]
    first = True
    for group, members in groups:
        for index, (row_id, sub_label) in enumerate(members):
            lead: tuple[Cell, ...] = (
                (Cell(L.RESULTS, rowspan=result_rows),) if first else ()
            )
            first = False
            if sub_label is None:
                label: tuple[Cell, ...] = (Cell(group, colspan=2),)
            elif index == 0:
                label = (Cell(group, rowspan=len(members)), Cell(sub_label))
            else:
                label = (Cell(sub_label),)
            rows.append((*lead, *label, *values(row_id)))
    rows.append((Cell(L.CARRIED_FORWARD, colspan=3), *values("carried_forward")))
    return ReportTable("", tuple(rows))


def review_table(numbers: ReportNumbers) -> ReportTable:
    """Part 四: 行政复议 (5) | 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5), then one row of 15 numbers."""
    section = numbers.review_litigation
    results = tuple(_head(text) for text in L.REVIEW_RESULTS)
    rows: list[Row] = [
        (_head(L.REVIEW, colspan=5), _head(L.LITIGATION, colspan=10)),
        (
            *(_head(text, rowspan=2) for text in L.REVIEW_RESULTS),
            _head(L.LITIGATION_DIRECT, colspan=5),
            _head(L.LITIGATION_AFTER_REVIEW, colspan=5),
        ),
        (*results, *results),
        tuple(
            _num(section[group][column])
            for group in ("review", "litigation_direct", "litigation_after_review")
            for column in REVIEW_COLUMNS
        ),
    ]
    return ReportTable("", tuple(rows))


def to_grid(table: ReportTable) -> list[list[Cell | None]]:
    """Resolve the spans: a merged cell sits at its top-left position, copies are ``None``."""
    grid: list[list[Cell | None]] = []
    pending: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(table.rows):
        out: list[Cell | None] = []
        c = 0
        for cell in row:
            while pending.pop((r, c), False):
                out.append(None)
                c += 1
            out.append(cell)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        if dr == 0:
                            out.append(None)
                        else:
                            pending[(r + dr, c + dc)] = True
            c += cell.colspan
        while pending.pop((r, c), False):
            out.append(None)
            c += 1
        grid.append(out)
    return grid
