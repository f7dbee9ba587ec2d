"""PDF extraction: generated reports (one page table and a page-split one) read back cell by cell.

Fixtures are drawn at test time with reportlab and the CID font STSong-Light
(``tests/parsers/docbuild_layout.py``); the split variant tears the application table's third
header row across the page break and wraps 4-digit numbers inside narrow cells.
"""

from __future__ import annotations

import io
import random
from typing import TYPE_CHECKING

import pdfplumber
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from crawler.sampleportal.reportgen import ReportNumbers, generate_numbers
from parsers.errors import CorruptDocumentError, EncryptedDocumentError, NeedsOcrError
from parsers.extract.cellgrid import join_cell_lines
from parsers.extract.docx import extract_docx
from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits
from parsers.extract.pdf import extract_pdf
from parsers.report import parse_report
from tests.parsers.docbuild import (
    AGENCY,
    build_docx,
    cells_of,
    seed_with_large_numbers,
)
from tests.parsers.docbuild_layout import FONT, build_pdf

if TYPE_CHECKING:
    from parsers.model import Document, Table

YEAR = {"2019": 2020, "2021": 2022}


def _numbers(fmt: str) -> ReportNumbers:
    return generate_numbers(random.Random(seed_with_large_numbers(fmt)), fmt)  # type: ignore[arg-type]  # noqa: S311


def _application_grid(document: Document) -> Table:
    (grid,) = [t for t in document.tables if t.width == 10]
    return grid


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize(
    "split", [False, True], ids=["one-page-table", "page-split-table"]
)
def test_pdf_report_parses_to_every_generated_cell(fmt, split):
    numbers = _numbers(fmt)
    document = extract_pdf(
        build_pdf(numbers, YEAR[fmt], split=split), limits=DEFAULT_LIMITS
    )
    report = parse_report(document)
    assert (report.year, report.agency, report.format) == (YEAR[fmt], AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_the_split_fixture_really_tears_a_header_row_and_wraps_numbers():
    # Guards the fixture itself: without a torn row and a wrapped number the stitching
    # test below would pass vacuously.
    body = build_pdf(_numbers("2021"), 2022, split=True)
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        raw = [
            (page.page_number, t.extract())
            for page in pdf.pages
            for t in page.find_tables()
        ]
    tail_of_page_1 = [rows for page, rows in raw if page == 1][-1]
    head_of_page_2 = next(rows for page, rows in raw if page == 2)
    assert "商" in tail_of_page_1[-1]
    assert "业\n企\n业" in head_of_page_2[0]
    assert any(
        cell and "\n" in cell and cell.replace("\n", "").isdigit()
        for row in head_of_page_2
        for cell in row
    )


@pytest.mark.parametrize(
    "split", [False, True], ids=["one-page-table", "page-split-table"]
)
def test_tables_come_out_as_the_same_grids_as_the_docx(split):
    # The one-page variant still breaks the application table between two rows (a clean
    # break: rowspan labels continue as blank cells); the split variant tears a header row.
    numbers = _numbers("2021")
    pdf = extract_pdf(build_pdf(numbers, 2022, split=split), limits=DEFAULT_LIMITS)
    reference = extract_docx(build_docx(numbers, 2022), limits=DEFAULT_LIMITS)
    assert [t.rows for t in pdf.tables] == [t.rows for t in reference.tables]


def test_merged_cells_repeat_the_anchor_and_mark_copies_covered():
    grid = _application_grid(
        extract_pdf(build_pdf(_numbers("2021"), 2022), limits=DEFAULT_LIMITS)
    )
    assert grid.rows[0][3:] == ("申请人情况",) * 7
    assert (0, 3) not in grid.covered
    assert {(0, c) for c in range(4, 10)} <= grid.covered


def test_wrapped_numbers_and_labels_are_joined_without_spaces():
    assert join_cell_lines("1665\n9") == "16659"
    assert join_cell_lines("三、本年度办理结\n果") == "三、本年度办理结果"
    assert join_cell_lines("annual\nreport") == "annual report"


def test_text_is_in_reading_order():
    document = extract_pdf(build_pdf(_numbers("2021"), 2022), limits=DEFAULT_LIMITS)
    text = document.text
    assert text.index("一、总体情况") < text.index("二、主动公开政府信息情况")
    assert text.index("二、主动公开政府信息情况") < text.index("六、其他需要报告的事项")
    assert document.media_type == "application/pdf"


def test_only_the_first_max_pages_are_read():
    body = build_pdf(_numbers("2021"), 2022)
    document = extract_pdf(body, limits=ExtractionLimits(max_pages=1))
    assert document.meta == {"pages": "2", "pages_read": "1"}
    assert "六、其他需要报告的事项" not in document.text


def test_a_pdf_without_text_layer_needs_ocr():
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(100, 100, 300, 300, fill=1)  # a "scan": drawn content, no glyphs
    pdf.showPage()
    pdf.save()
    with pytest.raises(NeedsOcrError) as error:
        extract_pdf(out.getvalue(), limits=DEFAULT_LIMITS)
    assert error.value.reason == "needs_ocr"


def test_a_user_password_pdf_is_encrypted_not_corrupt():
    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=StandardEncryption("user", "owner"))
    pdf.setFont(FONT, 12)
    pdf.drawString(100, 700, "年度报告")
    pdf.showPage()
    pdf.save()
    with pytest.raises(EncryptedDocumentError) as error:
        extract_pdf(out.getvalue(), limits=DEFAULT_LIMITS)
    assert error.value.reason == "encrypted"


def test_a_pdf_pdfminer_cannot_open_is_repaired_through_pdfium():
    body = build_pdf(_numbers("2021"), 2022)
    broken = body.replace(
        b"xref\n", b"xrex\n"
    )  # pdfminer: no /Root; PDFium rebuilds the xref
    with pytest.raises(Exception, match="Root"):
        pdfplumber.open(io.BytesIO(broken)).pages  # noqa: B018 - the precondition
    document = extract_pdf(broken, limits=DEFAULT_LIMITS)
    assert _application_grid(document).rows[3][0] == "一、本年新收政府信息公开申请数量"


def test_an_html_page_is_corrupt_for_the_pdf_extractor():
    with pytest.raises(CorruptDocumentError):
        extract_pdf(
            b"<!DOCTYPE html><html><body>404</body></html>", limits=DEFAULT_LIMITS
        )
