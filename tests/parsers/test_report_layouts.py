"""One set of numbers rendered into every layout the sample portal's generator offers parses to
identical cells.

``crawler.sampleportal.reportgen`` carries its own labels (never the parser's), so this checks
reading real shapes: merged HTML headers (resolved into grids here the way extraction promises),
one cell per line with split headers, tabs, pipes, Arabic section numbers, dropped blanks.
"""

from __future__ import annotations

import random

import pytest

from crawler.sampleportal.reportgen import (
    TEXT_LAYOUTS,
    generate_numbers,
    render_html,
    render_text,
)
from parsers.model import Document
from parsers.report import parse_report
from tests.parsers.report_render import tables_from_html

TITLE = "示范区人民政府{year}年政府信息公开工作年度报告"
AGENCY = "示范区人民政府"
SECTIONS = ("active_disclosure", "applications", "review_litigation")


def _cells(report):
    return {
        (s, r, c): v
        for s in SECTIONS
        for r, cols in getattr(report, s).items()
        for c, v in cols.items()
    }


def _truth(numbers):
    return {
        (s, r, c): v
        for s in SECTIONS
        for r, cols in getattr(numbers, s).items()
        for c, v in cols.items()
    }


@pytest.mark.parametrize("seed", [1, 2, 3, 7])
@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
def test_every_layout_parses_to_the_same_cells(seed, fmt, year):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    title = TITLE.format(year=year)
    truth = _truth(numbers)
    documents = {
        layout: Document(text=render_text(title, AGENCY, year, numbers, layout))
        for layout in TEXT_LAYOUTS
        if layout != "dropped_blanks"
    }
    html = render_html(title, AGENCY, year, numbers)
    documents["html-grid"] = Document(
        text="", tables=tables_from_html(html), meta={"title": title}
    )
    for layout, document in documents.items():
        report = parse_report(document)
        assert (report.year, report.agency, report.format) == (year, AGENCY, fmt), (
            layout
        )
        assert _cells(report) == truth, layout
        assert report.status == "ok", (layout, report.problems[:3])


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_dropped_blanks_give_the_truth_or_none_never_a_shifted_number(seed, fmt):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    text = render_text(TITLE.format(year=2021), AGENCY, 2021, numbers, "dropped_blanks")
    report = parse_report(Document(text=text))
    cells = _cells(report)
    truth = _truth(numbers)
    assert set(cells) == set(truth)
    wrong = {
        k: (v, truth[k]) for k, v in cells.items() if v is not None and v != truth[k]
    }
    assert wrong == {}
    assert any(
        v is None for v in cells.values()
    )  # zeros were lost: something must be unread
    explained = {p.where for p in report.problems}
    assert all(
        f"{s}.{r}.{c}" in explained for (s, r, c), v in cells.items() if v is None
    )
