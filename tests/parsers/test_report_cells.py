"""Cell and label reading: what counts as a number, a blank, a label."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.report.cells import read_cell
from parsers.report.labels import normalize_label
from parsers.report.layouts import cells_from_text
from parsers.report.rows import application_row_id
from parsers.report.sections import align_row
from parsers.report.values import typed_value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", Decimal(0)),
        ("\xa00\xa0", Decimal(0)),
        ("１２", Decimal(12)),
        ("1,234", Decimal(1234)),
        ("15.281", Decimal("15.281")),
        ("-3", Decimal(-3)),
        ("7件", Decimal(7)),
    ],
)
def test_numbers_are_read_through_nbsp_fullwidth_commas_and_units(raw, expected):
    cell = read_cell(raw)
    assert cell.kind == "number"
    assert cell.number == expected


@pytest.mark.parametrize("raw", ["\xa0", " ", "—", "-", "/", "无", "\u3000"])
def test_blank_markers_are_blank_cells(raw):
    assert read_cell(raw).kind == "blank"


def test_nothing_between_separators_is_an_empty_cell_not_a_blank():
    assert read_cell("").kind == "empty"


@pytest.mark.parametrize("raw", ["若干", "1,23", "12.3.4", "一"])
def test_non_numbers_are_text(raw):
    assert read_cell(raw).kind == "text"


def test_counts_must_be_whole_and_non_negative_unless_signed():
    assert typed_value("new_requests", "natural_person", read_cell("2.5")) == (None, "")
    assert typed_value("new_requests", "natural_person", read_cell("-1")) == (None, "")
    assert typed_value("regulations", "change", read_cell("-1")) == (-1, "")
    assert typed_value("new_requests", "natural_person", read_cell("3.0")) == (3, "")
    # an amount of money is no count, whatever its digits
    assert typed_value("new_requests", "natural_person", read_cell("3元")) == (None, "")


def test_a_cell_works_out_its_whole_count_once():
    assert read_cell("１２").integer == 12
    assert read_cell("2.5").integer is None
    assert read_cell("186000元").integer is None
    assert read_cell("共计").integer is None


@pytest.mark.parametrize(
    ("raw", "label", "numbered"),
    [
        ("（三）不予公开", "不予公开", True),
        ("(三) 不予公开", "不予公开", True),
        ("3、不予公开", "不予公开", True),
        ("结果 维持", "结果维持", False),
        ("1. 属于国家秘密", "属于国家秘密", True),
    ],
)
def test_labels_fold_numbering_spaces_and_fullwidth(raw, label, numbered):
    assert normalize_label(raw) == (label, numbered)


@pytest.mark.parametrize(
    ("raw", "fmt", "row"),
    [
        ("一、本年新收政府信息公开申请数量", "2019", "new_requests"),
        ("1、本年新收政府信息公开申请数量", "2021", "new_requests"),
        ("（六）其他处理", "2019", "other_handling"),
        ("（六）其他处理", "2021", None),
        ("3.其他", "2021", "other_other"),
        ("其他", "2021", None),
        ("(七) 总计", "2019", "total_handled"),
        ("总计", "2019", None),
    ],
)
def test_application_row_labels_depend_on_format_and_numbering(raw, fmt, row):
    assert application_row_id(read_cell(raw), fmt) == row


def test_one_cell_per_line_with_tab_prefix_keeps_blank_cells_and_drops_blank_lines():
    cells = cells_from_text("\t规章\n\t\xa0\n\t\n\n\t0\n")
    assert [c.kind for c in cells] == ["text", "blank", "empty", "number"]


def test_tab_and_pipe_rows_split_into_cells():
    assert [c.kind for c in cells_from_text("规章\t0\t\t1")] == [
        "text",
        "number",
        "empty",
        "number",
    ]
    assert [c.raw.strip() for c in cells_from_text("| 规章 | 0 | 1 |")][1:4] == [
        "规章",
        "0",
        "1",
    ]


def test_a_short_row_is_never_shifted():
    aligned, numbers = align_row(cells_from_text("1\t2\t3"), 7)
    assert aligned is None
    assert numbers == (1, 2, 3)


def test_explicit_blanks_keep_positions_and_edge_empties_are_ignored():
    aligned, _ = align_row(cells_from_text("\t1\t\xa0\t3\t"), 3)
    assert aligned is not None
    assert [c.kind for c in aligned] == ["number", "blank", "number"]
    # a leading empty field may be a merged label cell: never a position
    aligned, _ = align_row(cells_from_text("x\t\t1\t2")[1:], 3)
    assert aligned is None
