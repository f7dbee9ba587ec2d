"""Class ``hidden-sheet``: a workbook whose hidden sheet holds another report.

Organs keep last year's report, a draft or a template on a hidden sheet of the workbook they
publish; a reader sees only the visible sheet. Read in sheet order, a hidden first sheet gave
its tables (another year's numbers, status ``ok``) and its title's year. Sub-variants
(``case.name``): ``hidden-first``, ``very-hidden-first`` (hidden so that Excel's menu cannot
show it) and ``hidden-last``; the hidden sheet holds the organ's report of the year before.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING, Final

import openpyxl

from tests.accuracy import template as T
from tests.accuracy.render_twice import XLSX, active_rows, application_table
from tests.accuracy.truth import Case, make_truth

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from tests.accuracy.truth import Truth

VARIANTS: Final = ("hidden-first", "very-hidden-first", "hidden-last")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` workbooks, the variants in turn."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, "hidden"):
        variant = VARIANTS[index % len(VARIANTS)]
        before = replace(
            make_truth(case_seed + 500, fmt=truth.fmt),
            agency=truth.agency,
            year=truth.year - 1,
        )
        out.append(
            Case(
                cls="hidden-sheet",
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(render(truth, before, variant), XLSX),
            )
        )
    return out


def sheet_lines(truth: Truth) -> list[list[str]]:
    """The whole report as sheet rows: title, preface, parts 二, 三 and 四."""
    lines: list[list[str]] = [[T.title(truth)], [T.preface(truth)], [T.PART_ACTIVE]]
    for heading, rows in active_rows(truth):
        lines += [[heading], *([label, *cells] for label, cells in rows)]
    lines.append([T.PART_APPLICATIONS])
    lines += [[label, *cells] for label, cells in application_table(truth)]
    lines += [[T.PART_REVIEW], [T.REVIEW] * 5 + [T.LITIGATION] * 10]
    lines.append([""] * 5 + [T.LITIGATION_DIRECT] * 5 + [T.LITIGATION_AFTER_REVIEW] * 5)
    lines += [list(T.REVIEW_RESULTS) * 3, T.review_row(truth)]
    return lines


def _fill(sheet: Worksheet, lines: list[list[str]]) -> None:
    for number, line in enumerate(lines, start=1):
        for column, text in enumerate(line, start=1):
            if text:
                sheet.cell(number, column, int(text) if text.isdigit() else text)


def render(truth: Truth, before: Truth, variant: str) -> bytes:
    """The workbook: the report on a visible sheet, ``before`` on a hidden one."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    second = book.create_sheet("Sheet2")
    shown, hidden = (first, second) if variant == "hidden-last" else (second, first)
    _fill(shown, sheet_lines(truth))
    _fill(hidden, sheet_lines(before))
    hidden.sheet_state = "veryHidden" if variant.startswith("very") else "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
