"""Class ``pdf-from-word-blanks``: borderless Word tables with blank cells, saved as PDF.

Organs often leave a cell of part 三 empty instead of typing ``0``, and some never fill in a
row's 总计. In a table drawn without borders an empty cell prints nothing at all, so only where
the other numbers stand says which column is missing; a reader of borderless tables that takes
every row to fill every column reads none of these tables. The reports come from the
``docx-merged`` ones (every sub-variant, the name's first word), drawn without borders and
saved as PDF by LibreOffice, in two shapes (the name's second word):

* ``zeros``: every zero of the six applicant columns left blank, 总计 always printed;
* ``totals``: the same, and about a third of the 总计 cells of rows holding a number left
  blank too (an unfilled total; the rules may complete it).

Needs ``soffice`` like ``pdf-from-word`` (no cases without it).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from tests.accuracy import render_docx, render_office

if TYPE_CHECKING:
    from tests.accuracy.render_docx import Printed
    from tests.accuracy.truth import Case

CLASS: Final = "pdf-from-word-blanks"
SHAPES: Final = ("zeros", "totals")
#: Share of the totals left unfilled in the ``totals`` shape.
BLANK_TOTALS: Final = 0.35


def cases(seed: int, n: int) -> list[Case]:
    """``n`` borderless reports with blank part 三 cells, as PDF (none without ``soffice``)."""
    if shutil.which(render_office.TOOL) is None:
        return []
    word = render_docx.cases(seed, n)
    shapes = [SHAPES[index % len(SHAPES)] for index in range(len(word))]
    bodies = [
        render_docx.build_docx(
            case.truth,
            case.name.split("-", 1)[0],
            random.Random(case.name),
            printed=_printer(case, shape),
        )
        for case, shape in zip(word, shapes, strict=True)
    ]
    (pdfs,) = render_office.convert_each([(bodies, "pdf", "pdf")])
    return [
        replace(
            case,
            cls=CLASS,
            name=f"{shape}-{case.name}",
            source=(pdf, "application/pdf"),
        )
        for case, shape, pdf in zip(word, shapes, pdfs, strict=True)
    ]


def _printer(case: Case, shape: str) -> Printed:
    """What each part 三 cell prints in ``shape``: zeros blank, some totals unfilled."""
    rng = random.Random(f"{CLASS}-{case.name}")
    values = case.truth.values

    def printed(path: str, text: str) -> str:
        if not path.endswith(".total"):
            return "" if text == "0" else text
        row = path.rsplit(".", 1)[0]
        holds_one = any(
            v != 0 for p, v in values.items() if p.startswith(f"{row}.") and p != path
        )
        if shape == "totals" and holds_one and rng.random() < BLANK_TOTALS:
            return ""
        return text

    return printed
