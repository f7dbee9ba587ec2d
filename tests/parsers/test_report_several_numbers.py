"""A text cell holding several numbers (``56 0``) is no number: its digits are not run together.

A dump of a page whose table lost the rule between two rows prints each merged cell as both
rows' values with a space (``334 0``); the space was dropped and the cell read ``3340``. The
cell now holds its column, null (``unreadable``), and its row's other cells are read.
"""

from __future__ import annotations

import pytest

from parsers import Document, parse_report
from parsers.report.cells import read_cell
from tests.accuracy import template as T
from tests.accuracy.render_twice import active_rows, application_table, render_text
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


@pytest.mark.parametrize(
    "text", ["56 0", "0 0", "12 34", "1 234", "1\u00a0234", "-3 5"]
)
def test_numbers_apart_in_one_cell_are_doubtful(text):
    assert read_cell(text).kind == "doubtful"


@pytest.mark.parametrize(
    ("text", "number"),
    [("186000 元", 186000), ("3 件", 3), ("1,234", 1234), ("12", 12)],
)
def test_a_number_with_its_unit_apart_is_still_read(text, number):
    assert read_cell(text).number == number


def test_a_cell_of_two_rows_values_is_null_and_its_row_keeps_its_columns():
    truth = make_truth(5, fmt="2019")
    apps = application_table(truth)
    label = T.LABELS["disclosed"]
    apps = [
        (
            name,
            [f"{c} 0" if name == label and i == 2 else c for i, c in enumerate(cells)],
        )
        for name, cells in apps
    ]
    report = parse_report(Document(text=render_text(truth, active_rows(truth), apps)))
    values = flatten(report)
    path = "applications.disclosed.research_institution"
    assert values[path] in (None, truth.values[path])  # null, or solved by the rules
    wrong = {p: v for p, v in values.items() if v is not None and v != truth.values[p]}
    assert wrong == {}
    assert (
        values["applications.disclosed.social_organization"]
        == (truth.values["applications.disclosed.social_organization"])
    )
