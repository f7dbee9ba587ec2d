"""Glued dumps: part 二 is split by digit count only where the document prints every cell.

``规章338`` under three columns is 3 · 3 · 8 if every cell is printed, but 33 · (blank) · 8 or
338 · (blank) · (blank) where the organ left its zeros blank: a glued run keeps no trace of
an empty cell. A zero read elsewhere, one the sums split out, or a blank marker shows the
document writes its empty cells; without such evidence part 二's glued runs stay null.
"""

from __future__ import annotations

from parsers.report import parse_report
from tests.accuracy import render_glued_blank, render_glued_marks
from tests.accuracy.score import flatten


def test_a_dump_that_leaves_zeros_blank_reads_no_glued_part_two_cell():
    for case in render_glued_blank.cases(7, 6):
        assert case.document is not None
        values = flatten(parse_report(case.document))
        read = {
            k: v for k, v in values.items() if k.startswith("active") and v is not None
        }
        assert all(case.truth.values[k] == v for k, v in read.items()), read


def test_a_dump_that_prints_its_zeros_is_split_by_digit_count():
    dumps = [
        c for c in render_glued_marks.cases(7, 6) if c.name.startswith("fullwidth")
    ]
    assert dumps
    for case in dumps:
        assert case.document is not None
        values = flatten(parse_report(case.document))
        read = {
            k: v for k, v in values.items() if k.startswith("active") and v is not None
        }
        assert read
        assert all(case.truth.values[k] == v for k, v in read.items())
