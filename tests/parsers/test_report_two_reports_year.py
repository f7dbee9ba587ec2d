"""A document holding two years' reports has no year, rather than the first title's."""

from __future__ import annotations

import pytest

from tests.accuracy import render_two_sheets
from tests.accuracy.score import parse_case


@pytest.mark.parametrize("index", [0, 1])  # last year's sheet first, the report's first
def test_two_reports_of_two_years_give_no_year(index):
    case = render_two_sheets.cases(7, 2)[index]
    report = parse_case(case)
    assert report.year is None
    assert any(p.kind == "year_not_found" and "2" in p.detail for p in report.problems)
