"""Class ``sheet-shapes``: workbooks as organs save them, the tables on one sheet.

An organ that keeps its statistics in Excel publishes the workbook: the three tables one under
the other on one sheet, label columns merged as the national template merges them, totals
computed by formula, last year's figures kept in rows or columns hidden from view, numbers
typed as text, zeros left blank. Only what a reader of the sheet sees is the report.
Sub-variants (``case.name`` ``{variant}-{fmt}-{seed}``):

* ``merged``: the national merges (三、本年度办理结果 down the first column, （三）不予公开
  and its siblings down the second, the header across), plain numbers;
* ``hidden-rows``: last year's row of part 四 and a row of last year's part 三 totals kept
  above this year's and hidden, a hidden check row (the rows' sums less their 总计: zeros);
* ``hidden-columns``: a hidden column of last year's part 三 totals (``上年总计``) right of
  every table (column P: part 四 fills A … O);
* ``formulas``: 总计 of parts 三 and 四 and row （七）总计 as ``SUM`` formulas with the values
  Excel caches beside them, the money amount a formula whose cached double is not the decimal
  printed (``0.30000000000000004`` for ``0.3``, Excel shows 15 significant digits);
* ``uncached``: the same formulas saved without cached values (a workbook written by a
  program and never opened in Excel): those totals are empty cells;
* ``text-numbers``: every number stored as text (``'12``: a string cell with Excel's quote
  prefix), some with a space typed after;
* ``blank-zeros``: zero cells left empty (总计 kept);
* ``margin``: the report typed from B2, a blank row and column left as a margin (the
  national merges as in ``merged``).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import openpyxl
from openpyxl.utils import get_column_letter

from parsers.report.vocabulary import APPLICANTS, application_rows
from tests.accuracy import template as T
from tests.accuracy.render_twice import XLSX
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

    from openpyxl.worksheet.worksheet import Worksheet

CLASS: Final = "sheet-shapes"
VARIANTS: Final = (
    "merged",
    "hidden-rows",
    "hidden-columns",
    "formulas",
    "uncached",
    "text-numbers",
    "blank-zeros",
    "margin",
)
#: Columns of part 三's numbers (D … J) after its three label columns.
FIRST_NUMBER_COLUMN: Final = 4
#: The hidden column of ``hidden-columns`` (P): every column up to O is a table's (part
#: 四's fifteen), and hiding one hides it in every table.
HIDDEN_COLUMN: Final = 16


def cases(seed: int, n: int) -> list[Case]:
    """``n`` workbooks, the variants in turn, both formats."""
    out = []
    fmts = ("2019", "2021")
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "sheets", fmts):
        variant = VARIANTS[(index // 2) % len(VARIANTS)]
        unprinted: frozenset[str] = frozenset()
        out.append(
            Case(
                cls=CLASS,
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(render(truth, variant, rng), XLSX),
                unprinted=unprinted,
            )
        )
    return out


@dataclass(slots=True)
class _Sheet:
    """The sheet being written: a row cursor, the formulas' cached values to patch in."""

    sheet: Worksheet
    variant: str
    rng: random.Random
    row: int = 1
    #: cell reference -> the value Excel caches beside its formula
    cached: dict[str, str] = field(default_factory=dict)

    @property
    def margin(self) -> int:
        """Blank rows above and columns left of the report."""
        return 1 if self.variant == "margin" else 0

    def put(self, row: int, column: int, value: object) -> None:
        """A cell: a number as the variant stores it, text as text."""
        cell = self.sheet.cell(row + self.margin, column + self.margin)
        if isinstance(value, (int, Decimal)):
            if self.variant == "blank-zeros" and value == 0:
                return
            if self.variant == "text-numbers":
                cell.value = T.number(value) + (" " if self.rng.random() < 0.2 else "")
                cell.quotePrefix = True
                return
            cell.value = float(value) if isinstance(value, Decimal) else value
            return
        cell.value = value

    def formula(self, row: int, column: int, text: str, cached: str) -> None:
        """A formula cell and the value Excel would cache for it."""
        self.sheet.cell(row, column).value = "=" + text
        if self.variant == "formulas":
            self.cached[f"{get_column_letter(column)}{row}"] = cached

    def merge(self, row: int, column: int, rows: int = 1, columns: int = 1) -> None:
        if rows > 1 or columns > 1:
            self.sheet.merge_cells(
                start_row=row + self.margin,
                start_column=column + self.margin,
                end_row=row + rows - 1 + self.margin,
                end_column=column + columns - 1 + self.margin,
            )

    def text(self, text: str) -> None:
        self.sheet.cell(self.row + self.margin, 1 + self.margin).value = text
        self.row += 1

    def gap(self) -> None:
        self.row += 1

    def hide_row(self, row: int) -> None:
        self.sheet.row_dimensions[row].hidden = True

    def hide_column(self, column: int) -> None:
        self.sheet.column_dimensions[get_column_letter(column)].hidden = True


def _money(value: int | Decimal, rng: random.Random) -> tuple[str, str]:
    """An amount typed as a sum of two parts (``=186.1+0.2``) and the double Excel
    caches for it: a split whose doubles do not add up to the decimal printed, where the
    draws find one (``186.29999999999998`` for ``186.3``).
    """
    cents = int(Decimal(value) * 100)
    formula, cached = f"{Decimal(value)}+0", repr(float(value))
    for _ in range(40):
        part = rng.randint(0, cents) if cents else 0
        formula = f"{Decimal(part) / 100}+{Decimal(cents - part) / 100}"
        cached = repr(part / 100 + (cents - part) / 100)
        if Decimal(cached) != value:
            break
    return formula, cached


def render(truth: Truth, variant: str, rng: random.Random) -> bytes:
    """The workbook's bytes."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    out = _Sheet(sheet, variant, rng)
    out.text(T.title(truth))
    out.text(T.preface(truth))
    out.text(T.PART_ACTIVE)
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        _active_block(out, truth, heading, header, items)
    out.text(T.PART_APPLICATIONS)
    _applications(out, truth)
    out.gap()
    out.text(T.PART_REVIEW)
    _review(out, truth)
    out.gap()
    out.text(T.PART_PROBLEMS)
    out.text("无。")
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_cached(buffer.getvalue(), out.cached)


def _active_block(
    out: _Sheet,
    truth: Truth,
    heading: str,
    header: tuple[str, ...],
    items: tuple[str, ...],
) -> None:
    """One 第二十条 block: heading across, header, one row per item (A … D, a single
    number column merged across B:D).
    """
    from parsers.report.vocabulary import active_items

    span = 4 - len(header) + 1
    out.put(out.row, 1, heading)
    out.merge(out.row, 1, columns=4)
    out.row += 1
    for column, text in enumerate(header, start=1):
        out.put(out.row, column, text)
    out.merge(out.row, len(header), columns=span)
    out.row += 1
    for item in items:
        out.put(out.row, 1, T.active_label(truth, item))
        columns = active_items(truth.fmt)[item]
        for index, column in enumerate(columns, start=2):
            value = truth.values[f"active_disclosure.{item}.{column}"]
            if column == "amount" and out.variant in ("formulas", "uncached"):
                out.formula(out.row, index, *_money(value, out.rng))
            else:
                out.put(out.row, index, value)
        out.merge(out.row, 1 + len(columns), columns=span)
        out.row += 1
    out.gap()


def _applications(out: _Sheet, truth: Truth) -> None:
    """Part 三 with the national merges; the variant's hidden rows, columns, formulas."""
    first = FIRST_NUMBER_COLUMN
    total_column = first + len(APPLICANTS) - 1
    top = out.row
    out.put(top, 1, T.APPLICATION_NOTE)
    out.merge(top, 1, rows=3, columns=3)
    out.put(top, first, T.APPLICANT_HEADING)
    out.merge(top, first, columns=len(APPLICANTS))
    out.put(top + 1, first, T.APPLICANT_NAMES[0])
    out.merge(top + 1, first, rows=2)
    out.put(top + 1, first + 1, T.LEGAL_PERSONS)
    out.merge(top + 1, first + 1, columns=5)
    for offset, name in enumerate(T.APPLICANT_NAMES[1:6], start=1):
        out.put(top + 2, first + offset, name)
    out.put(top + 1, total_column, T.APPLICANT_NAMES[6])
    out.merge(top + 1, total_column, rows=2)
    hidden_column = out.variant == "hidden-columns"
    if hidden_column:
        out.put(top, HIDDEN_COLUMN, "上年总计")
        out.merge(top, HIDDEN_COLUMN, rows=3)
        out.hide_column(HIDDEN_COLUMN)
    out.row = top + 3
    if out.variant == "hidden-rows":
        # a check row: each column's sums less its 总计, zeros when the table adds up
        out.put(out.row, 1, "校验")
        out.merge(out.row, 1, columns=3)
        for offset in range(len(APPLICANTS)):
            out.put(out.row, first + offset, 0)
        out.hide_row(out.row)
        out.row += 1
    rows = application_rows(truth.fmt)
    labels = _label_cells(truth)
    positions: dict[str, int] = {}
    for row_id in rows:
        if out.variant == "hidden-rows" and row_id == "total_handled":
            # last year's totals, kept above this year's and hidden
            out.put(out.row, 3, T.LABELS[row_id] + "（上年）")
            for offset in range(len(APPLICANTS)):
                out.put(out.row, first + offset, out.rng.randint(0, 900))
            out.hide_row(out.row)
            out.row += 1
        positions[row_id] = out.row
        for column, text, rows_down, columns_across in labels[row_id]:
            out.put(out.row, column, text)
            out.merge(out.row, column, rows=rows_down, columns=columns_across)
        _numbers(out, truth, row_id, positions)
        if hidden_column:
            out.put(out.row, HIDDEN_COLUMN, out.rng.randint(0, 900))
        out.row += 1


def _numbers(out: _Sheet, truth: Truth, row_id: str, positions: dict[str, int]) -> None:
    """One part 三 row's seven numbers; 总计 (and row （七）) by formula where the variant
    says so.
    """
    first = FIRST_NUMBER_COLUMN
    formulas = out.variant in ("formulas", "uncached")
    for offset, column in enumerate(APPLICANTS):
        value = truth.values[f"applications.{row_id}.{column}"]
        letter = get_column_letter(first + offset)
        if formulas and column == "total":
            start, end = get_column_letter(first), get_column_letter(first + offset - 1)
            out.formula(
                out.row,
                first + offset,
                f"SUM({start}{out.row}:{end}{out.row})",
                str(value),
            )
        elif formulas and row_id == "total_handled":
            top = positions["disclosed"]
            out.formula(
                out.row,
                first + offset,
                f"SUM({letter}{top}:{letter}{out.row - 1})",
                str(value),
            )
        else:
            out.put(out.row, first + offset, value)


def _label_cells(truth: Truth) -> dict[str, list[tuple[int, str, int, int]]]:
    """Each part 三 row's label cells: (column, text, rows merged down, columns across)."""
    out: dict[str, list[tuple[int, str, int, int]]] = {
        row: [(1, T.LABELS[row], 1, 3)] for row in application_rows(truth.fmt)
    }
    groups = T.result_groups(truth.fmt)
    results = sum(len(members) for _, members in groups)
    first = True
    for group, members in groups:
        for index, row in enumerate(members):
            cells: list[tuple[int, str, int, int]] = []
            if first:
                cells.append((1, T.RESULTS, results, 1))
                first = False
            if group is None:
                cells.append((2, T.LABELS[row], 1, 2))
            else:
                if index == 0:
                    cells.append((2, group, len(members), 1))
                cells.append((3, T.LABELS[row], 1, 1))
            out[row] = cells
    return out


def _review(out: _Sheet, truth: Truth) -> None:
    """Part 四: the two-level header with its merges, one row of fifteen numbers."""
    top = out.row
    out.put(top, 1, T.REVIEW)
    out.merge(top, 1, columns=5)
    out.put(top, 6, T.LITIGATION)
    out.merge(top, 6, columns=10)
    for column, text in enumerate(T.REVIEW_RESULTS, start=1):
        out.put(top + 1, column, text)
        out.merge(top + 1, column, rows=2)
    out.put(top + 1, 6, T.LITIGATION_DIRECT)
    out.merge(top + 1, 6, columns=5)
    out.put(top + 1, 11, T.LITIGATION_AFTER_REVIEW)
    out.merge(top + 1, 11, columns=5)
    for column, text in enumerate(list(T.REVIEW_RESULTS) * 2, start=6):
        out.put(top + 2, column, text)
    out.row = top + 3
    if out.variant == "hidden-rows":
        for column in range(1, 16):
            out.put(out.row, column, out.rng.randint(0, 30))
        out.hide_row(out.row)
        out.row += 1
    values = [
        truth.values[f"review_litigation.{group}.{column}"]
        for group in ("review", "litigation_direct", "litigation_after_review")
        for column in ("upheld", "corrected", "other", "pending", "total")
    ]
    formulas = out.variant in ("formulas", "uncached")
    for index, value in enumerate(values, start=1):
        if formulas and index % 5 == 0:
            start, end = get_column_letter(index - 4), get_column_letter(index - 1)
            out.formula(
                out.row, index, f"SUM({start}{out.row}:{end}{out.row})", str(value)
            )
        else:
            out.put(out.row, index, value)
    out.row += 1


_FORMULA_CELL = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?')


def _with_cached(body: bytes, cached: dict[str, str]) -> bytes:
    """The workbook with each formula's cached value written beside it (openpyxl writes
    formulas only; Excel saves both).
    """
    if not cached:
        return body
    source = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = _FORMULA_CELL.sub(
                    lambda m: (
                        f'<c r="{m.group(1)}"{m.group(2)}><f>{m.group(3)}</f>'
                        f"<v>{cached.get(m.group(1), '')}</v>"
                    ),
                    data.decode("utf-8"),
                ).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()
