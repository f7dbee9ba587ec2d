"""Class ``two-sheets``: a workbook whose two visible sheets hold two years' reports.

An organ's workbook may keep last year's report on a sheet beside this year's, both visible,
in either order. The tables are then printed twice with other numbers, so parts 二, 三 and 四
are null by design (nothing says which set is the report's); the year must not be read from
whichever title comes first either (it was last year's whenever last year's sheet came first).
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Final

import openpyxl

from tests.accuracy import template as T
from tests.accuracy.render_hidden import _fill, sheet_lines
from tests.accuracy.render_twice import XLSX
from tests.accuracy.truth import Case, make_truth

CLASS: Final = "two-sheets"
VARIANTS: Final = ("last-year-first", "report-first")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` workbooks, the two orders in turn."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, CLASS):
        variant = VARIANTS[index % len(VARIANTS)]
        before = replace(
            make_truth(case_seed + 500, fmt=truth.fmt),
            agency=truth.agency,
            year=truth.year - 1,
        )
        book = openpyxl.Workbook()
        first = book.active
        assert first is not None
        second = book.create_sheet("Sheet2")
        earlier, later = (
            (before, truth) if variant == "last-year-first" else (truth, before)
        )
        _fill(first, sheet_lines(earlier))
        _fill(second, sheet_lines(later))
        body = io.BytesIO()
        book.save(body)
        out.append(
            Case(
                cls=CLASS,
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(body.getvalue(), XLSX),
            )
        )
    return out
