"""Labels and headers as OCR misreads them still name their row or column, where only one fits.

Measured on the accuracy suite's scans: ``（七）总计`` came back as ``《七)总计``, ``(七总计``,
``(七.7总计`` or ``(才)总计`` (or past reading: ``E世六总入``, named by where it stands), 逾期 of 三(六)1 as 谊期, 这期 or 诊期, part 四's ``尚未审结``
as ``尚未审`` and ``总计`` as ``总计.``. The row was not found (its seven cells null, and the
rules it confirms unconfirmed), or part 四 was taken for a table in another column order
(all fifteen null). Each misreading still names one row or column only.
"""

from __future__ import annotations

import pytest

from parsers import Document, parse_report
from parsers.model import OCR_EXTRACTOR
from parsers.report.cells import read_cell
from parsers.report.columns import review_order_problem
from parsers.report.rows import application_row_id
from tests.accuracy.score import flatten
from tests.parsers.report_render import (
    ROW_LABELS,
    Counts,
    consistent_values,
    render_tabs,
)

COUNTS = Counts(
    leaves={
        ("disclosed", "natural_person"): 7,
        ("other_no_correction", "commercial_enterprise"): 3,
        ("other_handling", "legal_service"): 2,
        ("unable_not_held", "natural_person"): 4,
    },
    carried_forward={"natural_person": 1},
    carried_over_share={},
    review={("review", "upheld"): 2, ("litigation_direct", "pending"): 1},
)


def _scan(fmt: str, row: str, printed: str) -> tuple[dict[str, object], dict]:
    """``row``'s cells as read from a scan's text printing its label as ``printed``.

    Only cells read from the row count: a row not found is also solved from the rules where
    every other cell was read, which a scan's unread cells seldom allow.
    """
    values = consistent_values(fmt, COUNTS)
    text = render_tabs(fmt, values, {})
    assert ROW_LABELS[row] in text
    text = text.replace(ROW_LABELS[row], printed)
    report = parse_report(Document(text=text, extractor=OCR_EXTRACTOR))
    solved = {p.where for p in report.problems if p.kind == "inferred"}
    read = {
        path: value
        for path, value in flatten(report).items()
        if path.startswith(f"applications.{row}.") and path not in solved
    }
    return read, values


@pytest.mark.parametrize(
    "printed", ["《七)总计", "(七总计", "(七.7总计", "《七和总计", "(才)总计"]
)
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_a_total_row_whose_numbering_ocr_garbled_is_read(fmt, printed):
    read, values = _scan(fmt, "total_handled", printed)
    assert len(read) == 7
    assert read == {path: values[path] for path in read}


def test_a_row_whose_overdue_word_ocr_misread_is_read():
    for misread in ("谊期", "这期", "诊期"):
        printed = ROW_LABELS["other_no_correction"].replace("逾期", misread)
        read, values = _scan("2021", "other_no_correction", printed)
        assert len(read) == 7
        assert read == {path: values[path] for path in read}
        assert read["applications.other_no_correction.commercial_enterprise"] == 3


@pytest.mark.parametrize("printed", ["E世六总入", "[的本下=3", "E尖总评"])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_a_scan_total_row_whose_label_is_garbled_past_reading_is_read_where_it_stands(
    fmt, printed
):
    # between the last （六） row and 结转下年度: in both formats only 总计 stands there
    read, values = _scan(fmt, "total_handled", printed)
    assert len(read) == 7
    assert read == {path: values[path] for path in read}


def test_a_text_row_whose_label_names_nothing_is_not_taken_for_the_total():
    # in text, numbers may come before their labels: a run no label claims is not named
    values = consistent_values("2021", COUNTS)
    text = render_tabs("2021", values, {}).replace(
        ROW_LABELS["total_handled"], "E世六总入"
    )
    report = parse_report(Document(text=text))
    solved = {p.where for p in report.problems if p.kind == "inferred"}
    assert "applications.total_handled.total" in solved


@pytest.mark.parametrize(
    "label", ["总计", ".总计", "“总计", "上年总计", "(上年)总计", "年度总计"]
)
def test_a_column_header_or_another_total_is_not_the_total_row(label):
    assert application_row_id(read_cell(label), "2021") is None


#: Part 四's header, group by group, as a ruled grid gives it cell by cell.
HEADER = (
    ["行政复议"] * 5
    + ["行政诉讼"] * 10
    + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    + ["未经复议直接起诉"] * 5
    + ["复议后起诉"] * 5
    + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
)


def _order_problem(header: list[str]) -> str | None:
    cells = [read_cell(text) for text in [*header, *(["0"] * 15)]]
    return review_order_problem(cells, 0, len(header))


@pytest.mark.parametrize(
    ("place", "printed"),
    [
        (15 + 3, "尚未审"),  # the review group's 尚未审结, its last character lost
        (15 + 4, "总计."),  # a speck after it
        (15 + 1, "结果纠正:"),
    ],
)
def test_a_review_header_misread_in_its_first_group_keeps_the_national_order(
    place, printed
):
    header = list(HEADER)
    header[place] = printed
    assert _order_problem(header) is None


def test_results_printed_in_another_order_are_found_through_the_specks():
    header = list(HEADER)
    for start in (15, 30, 35, 40):  # 结果纠正 before 结果维持 in every group
        header[start : start + 2] = ["结果纠正.", "结果维持"]
    assert _order_problem(header) is not None
