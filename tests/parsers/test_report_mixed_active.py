"""Part 二's first block under the other national format's columns is not read as this one's.

A 2021 report printing 本年新制作数量 / 本年新公开数量 / 对外公开总数量 over 规章 had those
numbers read as 本年制发件数 / 本年废止件数 / 现行有效件数 (status ``ok``); a header that names
none of the item's columns, right above its block, leaves the item null (``table_shape``).
A block whose own header names nothing known keeps the format's order (a single column).
"""

from __future__ import annotations

import random

import pytest

from parsers import Source, extract, parse_report
from tests.accuracy.render_mixed_active import render
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("shape", ["text", "html"])
def test_the_other_formats_columns_leave_the_block_null(fmt, shape):
    truth = make_truth(12, fmt=fmt)
    body, media_type = render(truth, shape, random.Random(0))  # noqa: S311 (a seeded shape)
    report = parse_report(extract(Source(body=body, media_type=media_type)))
    values = flatten(report)
    first = [
        v for k, v in values.items() if ".rules." in k or ".normative_documents." in k
    ]
    assert first
    assert all(v is None for v in first)
    assert any(
        p.kind == "table_shape" and p.where.startswith("active_disclosure.rules")
        for p in report.problems
    )
    license_ = "active_disclosure.administrative_license.decisions"
    assert values[license_] == truth.values[license_]
