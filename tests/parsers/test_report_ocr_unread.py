"""A scan's number read with low confidence is null, and the rules may determine it.

The digits are on the page; the reading lost them. Where the numbers a rule confirms
determine the cell, it is solved (``inferred``), as a misread number of a broken rule is. A
text document's doubtful cell prints something the rules must not replace (``171*``,
``56 0``): it stays unreadable.
"""

from __future__ import annotations

import random

from crawler.sampleportal.reportgen import generate_numbers
from parsers import Document, parse_report
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.pdf import extract_pdf
from parsers.model import DOUBTFUL_MARK, OCR_EXTRACTOR, Table
from tests.parsers.docbuild_layout import build_pdf

PATH = "applications.not_processed_duplicate.legal_service"


def _read(extractor: str) -> tuple[object, object, list]:
    """The cell as read when printed in doubt; its truth; its problems."""
    numbers = generate_numbers(random.Random(3), "2019")  # noqa: S311
    document = extract_pdf(build_pdf(numbers, 2020), limits=DEFAULT_LIMITS)
    tables = []
    for table in document.tables:
        rows = [list(row) for row in table.rows]
        for row in rows:
            if len(row) > 7 and "重复申请" in row[-8]:
                row[-3] = DOUBTFUL_MARK + row[-3]  # read with low confidence
        tables.append(Table(tuple(map(tuple, rows)), table.covered))
    report = parse_report(
        Document(text=document.text, tables=tuple(tables), extractor=extractor)
    )
    value = report.applications["not_processed_duplicate"]["legal_service"]
    truth = numbers.applications["not_processed_duplicate"]["legal_service"]
    return value, truth, [p for p in report.problems if p.where == PATH]


def test_a_scan_number_read_in_doubt_is_solved_from_the_rules():
    value, truth, problems = _read(OCR_EXTRACTOR)
    assert value == truth
    assert [p.kind for p in problems] == ["inferred"]


def test_a_text_documents_doubtful_number_stays_unreadable():
    value, _truth, problems = _read("pdfium")
    assert value is None
    assert [p.kind for p in problems] == ["unreadable"]
