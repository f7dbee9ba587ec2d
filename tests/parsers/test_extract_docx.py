"""DOCX extraction: a generated report with the real merged tables reads back cell by cell."""

from __future__ import annotations

import io
import random

import docx
import pytest

from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract.docx import extract_docx
from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits
from parsers.report import parse_report
from tests.parsers.docbuild import AGENCY, build_docx, cells_of, lying_zip


@pytest.mark.parametrize("seed", [2, 19])
@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
def test_docx_report_parses_to_every_generated_cell(seed, fmt, year):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    report = parse_report(
        extract_docx(build_docx(numbers, year), limits=DEFAULT_LIMITS)
    )
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_merged_cells_are_one_anchor_and_covered_copies():
    numbers = generate_numbers(random.Random(2), "2021")  # noqa: S311 - seeded fixture
    document = extract_docx(build_docx(numbers, 2022), limits=DEFAULT_LIMITS)
    (grid,) = [t for t in document.tables if t.width == 10]
    assert len(grid.rows) == 28
    # 申请人情况 spans 7 columns of row 0; the 3×3 note covers rows 0-2, columns 0-2.
    assert grid.rows[0][3:] == ("申请人情况",) * 7
    assert {(0, c) for c in range(4, 10)} <= grid.covered
    assert {(r, c) for r in range(3) for c in range(3)} - {(0, 0)} <= grid.covered
    assert (0, 0) not in grid.covered
    assert (0, 3) not in grid.covered
    # 三、本年度办理结果 runs down column 0 from row 5: copies below it are covered.
    assert grid.rows[6][0] == grid.rows[5][0] == "三、本年度办理结果"
    assert (6, 0) in grid.covered
    assert (5, 0) not in grid.covered


def test_paragraphs_and_tables_keep_document_order():
    document = docx.Document()
    document.add_paragraph("甲段")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "左", "右"
    document.add_paragraph("乙段")
    out = io.BytesIO()
    document.save(out)
    extracted = extract_docx(out.getvalue(), limits=DEFAULT_LIMITS)
    assert extracted.text == "甲段\n左\t右\n乙段"
    assert extracted.tables[0].rows == (("左", "右"),)


def test_a_zip_without_document_part_is_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_docx(lying_zip(10, name="xl/workbook.xml"), limits=DEFAULT_LIMITS)


def test_random_bytes_are_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_docx(random.Random(3).randbytes(5000), limits=DEFAULT_LIMITS)  # noqa: S311


def test_an_oversized_docx_is_refused_before_parsing():
    numbers = generate_numbers(random.Random(2), "2021")  # noqa: S311 - seeded fixture
    body = build_docx(numbers, 2022)
    with pytest.raises(ResourceLimitError):
        extract_docx(body, limits=ExtractionLimits(max_bytes=len(body) - 1))
