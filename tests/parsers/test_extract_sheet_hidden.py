"""A sheet as its reader sees it: hidden rows and columns left out, merges where Excel has them.

calamine reads hidden rows and columns like any other; they held last year's figures or a
check row and made parts null (a row printed twice, a table one column too wide). And a
report typed from B2 (a margin row and column) had its merged ranges spread one row and one
column off: calamine's rows start at A1 as its merged ranges do, not at the first used cell.
"""

from __future__ import annotations

import io
import random

import openpyxl

from parsers import Source, extract, parse_report
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.sheet import extract_sheet
from tests.accuracy import render_sheets
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


def _book(fill) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    fill(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_hidden_rows_and_columns_are_not_in_the_table():
    def fill(sheet):
        for r, row in enumerate(
            [
                ["项目", "甲", "乙", "丙"],
                ["一", 1, 2, 3],
                ["二", 4, 5, 6],
                ["三", 7, 8, 9],
            ],
            start=1,
        ):
            for c, value in enumerate(row, start=1):
                sheet.cell(r, c, value)
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["C"].hidden = True

    (table,) = extract_sheet(_book(fill), limits=DEFAULT_LIMITS).tables
    assert table.rows == (("项目", "甲", "丙"), ("一", "1", "3"), ("三", "7", "9"))


def test_a_merge_whose_first_row_is_hidden_keeps_its_text_in_its_first_shown_cell():
    def fill(sheet):
        sheet["A1"] = "标题行"
        sheet["A2"] = "合并标签"
        sheet.merge_cells("A2:A4")
        for r in (2, 3, 4):
            sheet.cell(r, 2, r)
        sheet.row_dimensions[2].hidden = True

    document = extract_sheet(_book(fill), limits=DEFAULT_LIMITS)
    (table,) = document.tables
    assert [row[0] for row in table.rows] == ["合并标签", "合并标签"]
    assert [row[1] for row in table.rows] == ["3", "4"]


def test_a_sheet_typed_from_b2_has_its_merges_where_excel_draws_them():
    def fill(sheet):
        sheet["B2"] = "表头"
        sheet.merge_cells("B2:C2")
        sheet["B3"] = "甲"
        sheet["C3"] = 1
        sheet["B4"] = "乙"
        sheet["C4"] = 2

    (table,) = extract_sheet(_book(fill), limits=DEFAULT_LIMITS).tables
    assert table.rows[-2:] == (("", "甲", "1"), ("", "乙", "2"))
    assert table.rows[0][1:] == ("表头", "表头")


def _report(variant: str, seed: int):
    truth = make_truth(seed, fmt=("2019", "2021")[seed % 2])
    rng = random.Random(seed)  # noqa: S311 - a fixture's draws
    body = render_sheets.render(truth, variant, rng)
    document = extract(Source(body=body, media_type=render_sheets.XLSX))
    return truth, parse_report(document)


def test_workbooks_with_hidden_lines_or_a_margin_read_every_cell():
    for variant in ("hidden-rows", "hidden-columns", "margin"):
        for seed in (3, 4):
            truth, report = _report(variant, seed)
            values = flatten(report)
            assert {p: values.get(p) for p in truth.values} == truth.values, variant
