"""Class ``period-rows``: part 三 printing each row once per period under its label.

Organs set last year's figures under the report's row by row: the row label spans two rows, a
second column names the period (``2023年`` / ``2024年`` in either order, ``上年`` / ``本年``), and
each period has its seven numbers. The label's numbers used to be the first period's and the
second period's a run no label claims: last year's numbers in every cell where its period came
first. Which period is the report's the table does not say: part 三 is null. Sub-variants
(``case.name``) ``{shape}-{periods}``: ``html``, ``text``; ``years-before`` (last year's
first), ``years-after``, ``words-before``.
"""

from __future__ import annotations

import itertools
from typing import Final

from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.render_twice import active_rows, render_html, render_text
from tests.accuracy.truth import Case, Truth, make_truth

SHAPES: Final = ("html", "text")
PERIODS: Final = ("years-before", "years-after", "words-before")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every period arrangement in turn."""
    variants = list(itertools.product(SHAPES, PERIODS))
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(
        seed, n, "period-rows", fmts=("2019", "2021")
    ):
        shape, periods = variants[index % len(variants)]
        before = make_truth(case_seed + 900, fmt=truth.fmt)
        out.append(
            Case(
                cls="period-rows",
                name=f"{shape}-{periods}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, before, shape, periods),
            )
        )
    return out


def period_rows(
    truth: Truth, before: Truth, periods: str, row: str
) -> list[tuple[str, list[str]]]:
    """One part 三 row as (period label, its seven numbers), in the variant's order."""
    this = (f"{truth.year}年", T.application_row(truth, row))
    last = (f"{truth.year - 1}年", T.application_row(before, row))
    if periods == "years-after":
        return [this, last]
    if periods == "words-before":
        return [("上年", last[1]), ("本年", this[1])]
    return [last, this]


def _html_table(truth: Truth, before: Truth, periods: str) -> str:
    head = "<tr><td></td><td></td>" + "".join(
        f"<td>{name}</td>" for name in T.APPLICANT_NAMES
    )
    rows = [head + "</tr>"]
    for row in application_rows(truth.fmt):
        for k, (period, numbers) in enumerate(period_rows(truth, before, periods, row)):
            label = f"<td rowspan='2'>{T.LABELS[row]}</td>" if k == 0 else ""
            cells = "".join(f"<td>{v}</td>" for v in [period, *numbers])
            rows.append(f"<tr>{label}{cells}</tr>")
    return "<table border='1'>" + "".join(rows) + "</table>"


def _text_rows(truth: Truth, before: Truth, periods: str) -> str:
    lines = ["\t\t" + "\t".join(T.APPLICANT_NAMES)]
    for row in application_rows(truth.fmt):
        for k, (period, numbers) in enumerate(period_rows(truth, before, periods, row)):
            label = T.LABELS[row] if k == 0 else ""
            lines.append("\t".join([label, period, *numbers]))
    return "\n".join(lines) + "\n"


def render(truth: Truth, before: Truth, shape: str, periods: str) -> tuple[bytes, str]:
    """The document's bytes and media type: part 三 printed once per period."""
    active = active_rows(truth)
    if shape == "html":
        page = render_html(truth, active, []).decode("utf-8")
        empty = "<table border='1'></table>"
        return page.replace(empty, _html_table(truth, before, periods), 1).encode(
            "utf-8"
        ), "text/html"
    text = render_text(truth, active, [])
    marker = T.PART_APPLICATIONS + "\n"
    return text.replace(marker, marker + _text_rows(truth, before, periods), 1).encode(
        "utf-8"
    ), "text/plain"
