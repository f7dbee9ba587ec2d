"""A scan's number cell read as ideographs (``媳``, ``司52``) is a cell with nothing legible.

Read as text, it left its row six numbers for seven columns, and the parser nulled the row.
Now it is empty in its column: the row's other numbers keep theirs, and the rules may
determine it as they determine a cell without ink.
"""

from __future__ import annotations

import random

from crawler.sampleportal.reportgen import generate_numbers
from parsers import Document, parse_report
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ocr_glyphs import mark_misread_numbers
from parsers.extract.pdf import extract_pdf
from parsers.model import DOUBTFUL_MARK, OCR_EXTRACTOR, Table
from tests.parsers.docbuild_layout import build_pdf
from tests.parsers.report_render import Counts, consistent_values, render_tabs

COUNTS = Counts(
    leaves={("disclosed", "natural_person"): 7},
    carried_forward={},
    carried_over_share={},
    review={},
)


def test_ideographs_after_a_number_of_their_row_are_an_empty_cell():
    table = Table(
        (
            ("信息内容", "本年制发件数", "现行有效件数"),
            ("规章", "0", "媳"),
            ("1.信访举报投诉类申请", "司52", "0", "人司吧", "12"),
        )
    )
    rows = mark_misread_numbers(table).rows
    assert rows[0] == table.rows[0]  # a header: no number before its words
    assert rows[1] == ("规章", "0", "")
    # the label and a misread before the row's first number are left as read
    assert rows[2][:3] == ("1.信访举报投诉类申请", "司52", "0")
    assert rows[2][3] == ""
    # after a number read in doubt as well
    doubted = Table((("规章", DOUBTFUL_MARK + "3", "了"),))
    assert mark_misread_numbers(doubted).rows[0][2] == ""


def test_nothing_notes_and_merged_copies_are_left_as_read():
    table = Table(
        (("规章", "3", "无", "其中修订后重新发布", "合并"),),
        covered=frozenset({(0, 4)}),
    )
    assert mark_misread_numbers(table) is table


def test_a_scan_row_with_a_number_read_as_an_ideograph_keeps_its_other_numbers():
    numbers = generate_numbers(random.Random(3), "2019")  # noqa: S311
    document = extract_pdf(build_pdf(numbers, 2020), limits=DEFAULT_LIMITS)
    tables = []
    for table in document.tables:
        rows = [list(row) for row in table.rows]
        for row in rows:
            if len(row) > 7 and "重复申请" in row[-8]:
                row[-3] = "了"  # the row's 法律服务机构, as Tesseract misread it
        tables.append(
            mark_misread_numbers(Table(tuple(map(tuple, rows)), table.covered))
        )
    report = parse_report(
        Document(text=document.text, tables=tuple(tables), extractor=OCR_EXTRACTOR)
    )
    solved = {p.where for p in report.problems if p.kind == "inferred"}
    truth = numbers.applications["not_processed_duplicate"]
    row = report.applications["not_processed_duplicate"]
    read = {
        column: value
        for column, value in row.items()
        if f"applications.not_processed_duplicate.{column}" not in solved
    }
    # every other cell of the row read as printed, the misread one determined by the rules
    assert read == {c: v for c, v in truth.items() if c != "legal_service"}
    assert "applications.not_processed_duplicate.legal_service" in solved
    assert row == truth


def test_a_scan_cell_left_empty_says_it_may_have_been_read_as_no_digits():
    values = consistent_values("2021", COUNTS)
    text = render_tabs("2021", values, {}).replace("行政许可\t4", "行政许可\t—")
    problems = {
        document.extractor: [
            p.detail
            for p in parse_report(document).problems
            if p.where == "active_disclosure.administrative_license.decisions"
        ]
        for document in (
            Document(text=text),
            Document(text=text, extractor=OCR_EXTRACTOR),
        )
    }
    assert problems[Document(text=text).extractor] == ["the cell is blank"]
    assert problems[OCR_EXTRACTOR] == [
        "the cell is blank, or what it holds was read as no digits"
    ]
