"""A document read only up to the extraction's page limit says so on its report."""

from __future__ import annotations

import random
from dataclasses import replace

from crawler.sampleportal.reportgen import generate_numbers
from parsers import Document, parse_report
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.pdf import extract_pdf
from tests.parsers.docbuild_layout import build_pdf


def _pdf() -> bytes:
    numbers = generate_numbers(random.Random(4), "2021")  # noqa: S311 - a seeded fixture
    return build_pdf(numbers, 2022, split=True)  # the table runs over two pages


def test_a_pdf_read_to_its_page_limit_is_a_truncated_extraction_problem():
    document = extract_pdf(_pdf(), limits=replace(DEFAULT_LIMITS, max_pages=1))
    assert (document.meta["pages"], document.meta["pages_read"]) == ("2", "1")
    problems = [
        p for p in parse_report(document).problems if p.kind == "truncated_extraction"
    ]
    assert len(problems) == 1
    assert problems[0].where == "document"
    assert "read 1 of 2 pages" in problems[0].detail


def test_a_pdf_read_whole_has_no_such_problem():
    document = extract_pdf(_pdf(), limits=DEFAULT_LIMITS)
    assert all(
        p.kind != "truncated_extraction" for p in parse_report(document).problems
    )


def test_text_without_page_counts_has_no_such_problem():
    report = parse_report(Document(text="示范区2021年政府信息公开工作年度报告\n"))
    assert all(p.kind != "truncated_extraction" for p in report.problems)
