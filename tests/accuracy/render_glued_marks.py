"""Class ``glued-marks``: glued crawler dumps whose cells are not all plain ASCII digits.

A glued dump runs every table row's cells together with its label (``行政许可215012``); the
format's rules, or for part 二 the digit count, split the run. Organs' cells do not always
print plain digits: full-width digits (``行政许可２１５０１２``) were cut as a digit run and split
into nothing; a zero printed as a blank marker (``规章338——``) was passed over, and the digits
before it split as if they filled every cell (3 · 3 · 8 instead of 338 and two blanks: a
number in every wrong cell). Sub-variants (``case.name``): ``fullwidth`` (every digit
full-width: read as the plain dump), ``dash-zero`` (every 0 printed ``—``: a row whose digits
run beside a blank marker is null, no split is certain), ``star`` (one number in seven
carries a footnote mark ``*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from parsers.model import Document
from tests.accuracy import render_dumps as R
from tests.accuracy import template as T
from tests.accuracy.glued_splits import ambiguous_cells
from tests.accuracy.truth import Case

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from tests.accuracy.truth import Truth

VARIANTS: Final = ("fullwidth", "dash-zero", "star")
_FULLWIDTH: Final = str.maketrans("0123456789", "０１２３４５６７８９")
#: Share of numbers marked in ``star``.
SHARE_MARKED: Final = 0.15


def cases(seed: int, n: int) -> list[Case]:
    """``n`` glued dumps, the variants in turn, both formats."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(
        seed, n, "glued-marks", ("2019", "2021")
    ):
        variant = VARIANTS[index % len(VARIANTS)]
        out.append(
            glued_case(
                "glued-marks",
                f"{variant}-{truth.fmt}-{case_seed}",
                truth,
                rng,
                _marker(variant, rng),
            )
        )
    return out


def glued_case(
    cls: str, name: str, truth: Truth, rng: random.Random, mark: Callable[[str], str]
) -> Case:
    """A glued dump of ``truth`` whose table cells are printed by ``mark``."""
    blocks = [
        [[row[0], *map(mark, row[1:])] for row in block]
        if isinstance(block, list)
        else block
        for block in R.report_blocks(truth, short=False, chrome=False)
    ]
    body, runs = R.glued_body(blocks, truth)
    head = R.header_block(truth, rng, short=False, org=False)
    return Case(
        cls=cls,
        name=name,
        truth=truth,
        document=Document(text=head + body),
        ambiguous=ambiguous_cells(truth, runs),
    )


def _marker(variant: str, rng: random.Random) -> Callable[[str], str]:
    """How the variant prints one cell of a table row."""

    def mark(text: str) -> str:
        if not text.replace(".", "", 1).lstrip("-").isdigit():
            return text
        if variant == "fullwidth":
            return text.translate(_FULLWIDTH)
        if variant == "dash-zero":
            return "—" if text == "0" else text
        if variant == "star" and rng.random() < SHARE_MARKED:
            return text + "*"
        return text

    return mark
