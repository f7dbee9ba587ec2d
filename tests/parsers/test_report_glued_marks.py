"""Glued crawler dumps whose cells are not all plain ASCII digits.

A zero printed as a blank marker beside a glued run (``规章338——``) was passed over and the
digits split as if they filled every cell (3 · 3 · 8); full-width digits were cut as a run
and split into nothing.
"""

from __future__ import annotations

import random
from dataclasses import replace

from parsers.model import Document
from parsers.report import parse_report
from tests.accuracy import render_dumps as R
from tests.accuracy.render_glued_marks import _marker
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth

RULES = ("made", "published", "total_published")


def _dump(truth, variant: str) -> str:
    mark = _marker(variant, random.Random(0))  # noqa: S311 (a seeded shape)
    blocks = [
        [[row[0], *map(mark, row[1:])] for row in block]
        if isinstance(block, list)
        else block
        for block in R.report_blocks(truth, short=False, chrome=False)
    ]
    return R.glued_body(blocks, truth)[0]


def test_digits_beside_a_blank_marker_are_not_split_over_every_cell():
    truth = make_truth(5, fmt="2019")
    values = dict(truth.values)
    for col, value in zip(RULES, (338, 0, 0), strict=True):
        values[f"active_disclosure.rules.{col}"] = value
    truth = replace(truth, values=values)
    text = _dump(truth, "dash-zero")
    assert "规章338—" in text
    read = flatten(parse_report(Document(text=text)))
    assert [read[f"active_disclosure.rules.{col}"] for col in RULES] == [None] * 3


def test_full_width_digits_read_as_the_plain_dump():
    truth = make_truth(6, fmt="2021")
    plain = flatten(parse_report(Document(text=_dump(truth, "none"))))
    wide = flatten(parse_report(Document(text=_dump(truth, "fullwidth"))))
    assert "２" in _dump(truth, "fullwidth") or "１" in _dump(truth, "fullwidth")
    assert sum(v is not None for v in plain.values()) > 50
    assert wide == plain
