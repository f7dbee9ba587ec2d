"""Class ``glued-blank-zeros``: glued crawler dumps of reports whose zeros were left blank.

Organs often leave a zero cell empty. In a glued dump an empty cell leaves nothing behind:
``规章3 3 8`` with a blank between the 3s comes out as ``规章338`` like ``3 · 3 · 8`` does. Part
二 has no rule between its cells, so its runs were split by digit count alone (one digit per
cell when the digits are as many as the cells), a number in a wrong cell wherever a zero had
been left blank. Parts 三 and 四 have their sums, which a missing cell breaks: those rows stay
null. Here every zero of the report is left blank, and no glued cell may be read wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tests.accuracy import template as T
from tests.accuracy.render_glued_marks import glued_case

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

CLASS: Final = "glued-blank-zeros"


def cases(seed: int, n: int) -> list[Case]:
    """``n`` glued dumps, both formats, every zero cell printed as nothing."""
    return [
        glued_case(CLASS, f"{truth.fmt}-{case_seed}", truth, rng, _blank_zero)
        for _index, case_seed, rng, truth in T.seeded_truths(
            seed, n, CLASS, ("2019", "2021")
        )
    ]


def _blank_zero(text: str) -> str:
    return "" if text == "0" else text
