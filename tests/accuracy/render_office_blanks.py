"""Class ``pdf-from-word-blanks``: borderless Word tables with blank cells, saved as PDF.

Organs often leave a cell of part 三 empty instead of typing ``0``, and some never fill in a
row's 总计. In a table drawn without borders an empty cell prints nothing at all, so only where
the other numbers stand says which column is missing; a reader of borderless tables that takes
every row to fill every column reads none of these tables. The reports come from the
``docx-merged`` ones (every sub-variant but ``tracked``, the name's second word), drawn
without borders and saved as PDF by LibreOffice, in two shapes (the name's first word):

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
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    from tests.accuracy.render_docx import Printed

CLASS: Final = "pdf-from-word-blanks"
SHAPES: Final = ("zeros", "totals")
#: The ``docx-merged`` sub-variants but ``tracked``: its struck-through digits wrap in their
#: cells, so its tables are refused and read from the text, the class ``pdf-from-word`` is
#: about (whose text reading here, blanks and struck digits together, misplaces a row).
VARIANTS: Final = tuple(v for v in render_docx.VARIANTS if v != "tracked")
#: Share of the totals left unfilled in the ``totals`` shape.
BLANK_TOTALS: Final = 0.35


def cases(seed: int, n: int) -> list[Case]:
    """``n`` borderless reports with blank part 三 cells, as PDF (none without ``soffice``)."""
    if shutil.which(render_office.TOOL) is None:
        return []
    word: list[Case] = []
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, CLASS):
        variant = VARIANTS[(seed + index) % len(VARIANTS)]
        shape = SHAPES[index % len(SHAPES)]
        name = f"{shape}-{variant}-{truth.fmt}-{case_seed}"
        printed = _printer(truth, shape, random.Random(f"{CLASS}-{name}"))
        body = render_docx.build_docx(truth, variant, rng, printed=printed)
        word.append(
            Case(
                cls=CLASS, name=name, truth=truth, source=(body, render_docx.MEDIA_TYPE)
            )
        )
    (pdfs,) = render_office.convert_each([([_body(c) for c in word], "pdf", "pdf")])
    return [
        replace(case, source=(pdf, "application/pdf"))
        for case, pdf in zip(word, pdfs, strict=True)
    ]


def _body(case: Case) -> bytes:
    assert case.source is not None  # every case carries its DOCX until converted
    return case.source[0]


def _printer(truth: Truth, shape: str, rng: random.Random) -> Printed:
    """What each part 三 cell prints in ``shape``: zeros blank, some totals unfilled."""
    values = truth.values

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
