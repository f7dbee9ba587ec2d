"""XLS/XLSX extraction (python-calamine): every sheet's tables as grids, numbers as printed.

The BIFF8 ``.xls`` fixtures are written by LibreOffice from the report XLSX (``soffice``
required, see ``tests.tools``), so an old binary workbook from a real writer is covered too.
"""

from __future__ import annotations

import io
import random
import re

import openpyxl
import pytest

from crawler.sampleportal.reportgen import generate_numbers
from parsers import Source, extract
from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.sheet import extract_sheet, format_cell
from parsers.extract.sniff import sniff_body
from parsers.report import parse_report
from tests.parsers.docbuild import AGENCY, build_xlsx, cells_of, lying_zip
from tests.parsers.docbuild_office import build_xls_lo
from tests.tools import require_tool

XLS_FORMATS = {"2019": 2020, "2021": 2022}


@pytest.fixture(scope="module")
def xls_reports():
    """fmt -> (numbers, BIFF8 .xls bytes written by LibreOffice); one soffice call each."""
    require_tool("soffice")
    out = {}
    for fmt, year in XLS_FORMATS.items():
        numbers = generate_numbers(random.Random(19), fmt)  # noqa: S311 - seeded fixture
        out[fmt] = (numbers, build_xls_lo(numbers, year))
    return out


@pytest.mark.parametrize("seed", [2, 19])
@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
def test_xlsx_report_parses_to_every_generated_cell(seed, fmt, year):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    report = parse_report(
        extract_sheet(build_xlsx(numbers, year), limits=DEFAULT_LIMITS)
    )
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_integral_floats_print_as_integers_and_others_exactly():
    assert format_cell(2415.0) == "2415"
    assert format_cell(0.1) == "0.1"
    assert format_cell(1e-05) == "0.00001"
    assert format_cell(None) == ""
    assert format_cell(" 规章 ") == "规章"


@pytest.mark.parametrize(
    ("cached", "shown"),
    [
        (0.1 + 0.2, "0.3"),  # 0.30000000000000004
        (0.1 + 0.7, "0.8"),  # 0.7999999999999999
        (186.1 + 0.2, "186.3"),  # 186.29999999999998
        (123456.789012, "123456.789012"),  # a 6-decimal fee amount stays whole
    ],
)
def test_a_formula_double_reads_as_excel_shows_it(cached, shown):
    """A formula's cached sum keeps the binary tail; Excel shows 15 significant digits."""
    assert format_cell(cached) == shown


def test_every_sheet_is_read_and_merged_ranges_are_covered():
    book = openpyxl.Workbook()
    first = book.active
    first["A1"] = "第一页"
    second = book.create_sheet("二")
    second["A1"], second["C1"] = "合并", "右"
    second["A2"], second["B2"], second["C2"] = 1.0, 2.0, 3.5
    second.merge_cells("A1:B1")
    out = io.BytesIO()
    book.save(out)
    document = extract_sheet(out.getvalue(), limits=DEFAULT_LIMITS)
    assert "第一页" in document.text
    (table,) = document.tables
    assert table.rows == (("合并", "合并", "右"), ("1", "2", "3.5"))
    assert table.covered == frozenset({(0, 1)})


def test_a_lying_member_size_is_refused_before_calamine_opens_it():
    with pytest.raises(ResourceLimitError):
        extract_sheet(
            lying_zip(1 << 30, name="xl/worksheets/sheet1.xml"), limits=DEFAULT_LIMITS
        )


def test_random_bytes_are_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_sheet(random.Random(4).randbytes(4000), limits=DEFAULT_LIMITS)  # noqa: S311


@pytest.mark.parametrize("fmt", XLS_FORMATS)
def test_xls_report_parses_to_every_generated_cell(xls_reports, fmt):
    require_tool("soffice")
    numbers, body = xls_reports[fmt]
    assert sniff_body(body) == "xls"
    document = extract(Source(body=body))
    assert document.media_type == "application/vnd.ms-excel"
    report = parse_report(document)
    year = XLS_FORMATS[fmt]
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_xls_floats_come_back_as_integers(xls_reports):
    # BIFF8 stores a number as a double (NUMBER) or an RK value; xlrd hands doubles back as
    # 2415.0 (doc-extraction.md). Whichever record LibreOffice wrote, a count reads as an int.
    require_tool("soffice")
    numbers, body = xls_reports["2021"]
    document = extract(Source(body=body))
    cells = [cell for table in document.tables for row in table.rows for cell in row]
    assert not re.search(r"\d\.0(?!\d)", document.text)
    assert not [cell for cell in cells if cell.endswith(".0")]
    read = cells_of(parse_report(document))
    assert {key: type(value) for key, value in read.items()} == {
        key: type(value) for key, value in cells_of(numbers).items()
    }


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_not_read(state):
    """A hidden sheet before the report (last year's, a draft) gave its tables and year."""
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "2022"
    hidden.append(["西岭县人民政府2022年政府信息公开工作年度报告"])
    hidden.append(["行政许可", 111])
    hidden.sheet_state = state
    shown = book.create_sheet("2023")
    shown.append(["西岭县人民政府2023年政府信息公开工作年度报告"])
    shown.append(["行政许可", 222])
    out = io.BytesIO()
    book.save(out)
    document = extract_sheet(out.getvalue(), limits=DEFAULT_LIMITS)
    assert "2022" not in document.text
    assert "111" not in document.text
    assert [list(t.rows) for t in document.tables] == [[("行政许可", "222")]]
