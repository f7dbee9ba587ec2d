"""A grid cell holding several numbers is no number: never their digits run together.

Where a table's rule between two rows is missing, each cell of the merged row holds both rows'
values (``56`` over ``0``, or ``56 0``); read as one number the digits give ``560``.
"""

from __future__ import annotations

from decimal import Decimal

from parsers.model import Document, Table
from parsers.report import parse_report
from parsers.report.cells import read_grid_cell
from tests.accuracy.labels_cn import APPLICANT_LABELS
from tests.parsers.report_render import ROW_LABELS


def test_numbers_on_several_lines_or_apart_are_doubtful():
    assert read_grid_cell("56\n0").kind == "doubtful"
    assert read_grid_cell("56 0").kind == "doubtful"
    assert read_grid_cell(" 7 \n").number == Decimal(7)


def test_a_number_with_its_unit_or_note_on_the_next_line_is_read():
    assert read_grid_cell("186000\n元").unit == "元"
    assert read_grid_cell("18\n（其中修订7件）").number == Decimal(18)


def test_a_label_wrapped_over_lines_is_one_label():
    cell = read_grid_cell("（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）")
    assert cell.kind == "text"
    assert cell.label.endswith("不计其他情形)")


def test_a_merged_pair_of_rows_leaves_both_rows_null():
    header = ("", *APPLICANT_LABELS)
    rows = [
        header,
        (ROW_LABELS["new_requests"], "9", "0", "0", "0", "0", "0", "9"),
        (ROW_LABELS["carried_over"], "0", "0", "0", "0", "0", "0", "0"),
        (
            ROW_LABELS["disclosed"] + "\n" + ROW_LABELS["partially_disclosed"],
            "5\n1",
            "0\n0",
            "0\n0",
            "0\n0",
            "0\n0",
            "0\n0",
            "5\n1",
        ),
    ]
    document = Document(
        text="示范县人民政府2022年政府信息公开工作年度报告",
        tables=(Table(rows=tuple(rows)),),
    )
    report = parse_report(document)
    assert report.applications["disclosed"]["natural_person"] is None
    assert report.applications["disclosed"]["total"] is None
    assert report.applications["new_requests"]["natural_person"] == 9
