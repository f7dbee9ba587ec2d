"""Class ``stacked-cells``: HTML tables where one cell holds two rows' numbers.

Where a table's rule between two rows is missing (a PDF converted to HTML, a Word table whose
rows were merged), each cell of the merged row holds both rows' values, on two lines
(``56<br>0``, two ``<p>``) or typed apart (``56 0``); the label cell holds both labels. Read as
one number the digits make ``560``: such a cell must come out null, the rest of the report read.
Sub-variants (``case.name``): ``br``, ``paragraphs``, ``space``; the merged pair of rows moves
down part 三 from case to case.
"""

from __future__ import annotations

from typing import Final

from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.truth import Case, Truth

VARIANTS: Final = ("br", "paragraphs", "space")
#: How each variant puts the second row's text in the merged cell.
SEPARATORS: Final = {"br": "<br>", "paragraphs": "</p><p>", "space": " "}


def cases(seed: int, n: int) -> list[Case]:
    """``n`` pages, the variants in turn, each merging another pair of part 三 rows."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, "stacked"):
        variant = VARIANTS[index % len(VARIANTS)]
        rows = application_rows(truth.fmt)
        first = (index * 5) % (len(rows) - 1)
        out.append(
            Case(
                cls="stacked-cells",
                name=f"{variant}-{rows[first]}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(render(truth, variant, first), "text/html"),
            )
        )
    return out


def _td(text: str) -> str:
    return f"<td><p>{text}</p></td>"


def _application_table(truth: Truth, variant: str, first: int) -> str:
    """Part 三 with rows ``first`` and ``first + 1`` merged into one."""
    join = SEPARATORS[variant]
    rows = application_rows(truth.fmt)
    out = [f"<p>{T.PART_APPLICATIONS}</p><table border='1'><tr>{_td('')}"]
    out.append("".join(_td(name) for name in T.APPLICANT_NAMES) + "</tr>")
    index = 0
    while index < len(rows):
        row = rows[index]
        if index == first:
            below = rows[index + 1]
            label = T.LABELS[row] + join + T.LABELS[below]
            pairs = zip(
                T.application_row(truth, row),
                T.application_row(truth, below),
                strict=True,
            )
            numbers = [a + join + b for a, b in pairs]
            index += 2
        else:
            label, numbers = T.LABELS[row], T.application_row(truth, row)
            index += 1
        out.append("<tr>" + _td(label) + "".join(_td(v) for v in numbers) + "</tr>")
    return "".join(out) + "</table>"


def render(truth: Truth, variant: str, first: int) -> bytes:
    """The report page as UTF-8 HTML bytes."""
    active = [f"<p>{T.PART_ACTIVE}</p>"]
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        active.append(f"<p>{heading}</p><table border='1'><tr>")
        active.append("".join(_td(h) for h in header) + "</tr>")
        for item in items:
            cells = [T.active_label(truth, item), *T.active_row(truth, item)]
            active.append("<tr>" + "".join(_td(c) for c in cells) + "</tr>")
        active.append("</table>")
    body = (
        f"<html><head><meta charset='utf-8'><title>{T.title(truth)}</title></head><body>"
        f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p>"
        + "".join(active)
        + _application_table(truth, variant, first)
        + html_review(truth, "national")
        + f"<p>{T.PART_PROBLEMS}</p><p>无。</p></body></html>"
    )
    return body.encode("utf-8")
