"""A grid's label columns left blank where a merged label was lost (a printed page break).

Printed to PDF, a label merged down many rows (``三、本年度办理结果``) is drawn once; where the
table runs over a page break, the rest of its cell comes back as blank cells, one per row or
one for the page. Such a blank is no value's place: read as a blank value it went to the row
before, whose values no longer matched its columns, and whole rows were null.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from parsers import Source, extract, parse_report
from parsers.model import Table
from tests.accuracy import render_html
from tests.accuracy.score import flatten

GROUP_LABELS = (
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
)


def _without_group_labels(table: Table) -> Table:
    """The table with its vertical group labels gone: blank, uncovered cells in their place."""
    rows = [list(row) for row in table.rows]
    lost = set()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in GROUP_LABELS:
                row[c] = ""
                lost.add((r, c))
    return Table(rows=tuple(map(tuple, rows)), covered=table.covered - lost)


@pytest.mark.parametrize("index", [0, 2, 9])  # merged, blank zeros (two seeds)
def test_rows_read_as_with_their_group_labels(index):
    case = render_html.cases(7, 12)[index]
    assert case.source is not None
    page = extract(Source(body=case.source[0], media_type="text/html"))
    lost = replace(page, tables=tuple(map(_without_group_labels, page.tables)))
    assert lost.tables != page.tables  # the fixture really drops labels
    want = {k: v for k, v in flatten(parse_report(page)).items() if v is not None}
    got = flatten(parse_report(lost))
    assert {k: got.get(k) for k in want} == want
