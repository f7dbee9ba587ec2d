"""Displaced labels and numbers never give a confident wrong number (``mutate.py``).

2,000 seeded reports, each with one to three displacements that text extraction inflicts on
tables. Whatever the parser reads must be the truth or null: no report may be ``ok`` with a
wrong cell, and no cell of parts 三 and 四 (the ones the format's rules check) may be wrong at
all. Part 二 has no rules, so it must hold the same bar by the reader's caution alone.
"""

from __future__ import annotations

import pytest

from tests.accuracy import mutate
from tests.accuracy.score import ClassScore, parse_case, score_case

CASES = 2000
SEED = 11
BATCHES = 8


@pytest.mark.parametrize("batch", range(BATCHES))
def test_no_displacement_gives_a_wrong_number(batch):
    cases = mutate.cases(SEED, CASES)[batch::BATCHES]
    result = ClassScore()
    for case in cases:
        score_case(case, parse_case(case), result)
    assert result.cases == CASES // BATCHES
    assert result.ok_with_wrong == 0, result.wrong_cells[:10]
    assert result.wrong == 0, result.wrong_cells[:10]


def test_every_kind_of_displacement_is_generated_and_most_cells_survive():
    """The test above would pass on a parser that reads nothing: the reading must stay useful."""
    cases = mutate.cases(SEED, 400)
    kinds = {kind for case in cases for kind in case.name.split("/")[1].split("+")}
    assert kinds == set(mutate.MUTATIONS)
    result = ClassScore()
    for case in cases:
        score_case(case, parse_case(case), result)
    assert result.share_right() > 0.90
