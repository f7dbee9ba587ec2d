"""A document printing the statistics tables twice with other numbers is read from neither.

Last year's tables before the report's own were read as the report's (every cell another
year's, status ``ok``); which set is the report's the tables do not say, so parts 二, 三 and
四 are null with ``table_shape``. The same tables printed twice alike are read.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from parsers import Source, extract, parse_report
from tests.accuracy.render_tables_twice import render
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


def _parse(shape: str, *, other_first: bool):
    truth = make_truth(21, sparse=0.2)
    before = replace(make_truth(22, fmt=truth.fmt), year=truth.year - 1)
    sets = (before, truth) if other_first else (truth, truth)
    body, media_type = render(truth, sets, shape)
    return truth, parse_report(extract(Source(body=body, media_type=media_type)))


@pytest.mark.parametrize("shape", ["text", "html"])
def test_last_years_tables_first_leave_every_part_null(shape):
    _, report = _parse(shape, other_first=True)
    assert all(value is None for value in flatten(report).values())
    shaped = {p.where for p in report.problems if p.kind == "table_shape"}
    assert {"active_disclosure", "applications", "review_litigation"} <= shaped
    assert report.status != "ok"


@pytest.mark.parametrize("shape", ["text", "html"])
def test_the_same_tables_printed_twice_are_read(shape):
    truth, report = _parse(shape, other_first=False)
    values = flatten(report)
    assert all(values[path] == want for path, want in truth.values.items())
