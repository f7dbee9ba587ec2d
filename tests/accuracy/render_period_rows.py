"""Class ``period-rows``: part 二 or 三 printing each row once per period under its label.

Organs set last year's figures under the report's row by row: the row label spans two rows, a
second column names the period (``2023年`` / ``2024年`` in either order, ``上年`` / ``本年``), and
each period has its numbers. The label's numbers used to be the first period's and the second
period's a run no label claims: last year's numbers in every cell where its period came first.
Which period is the report's the table does not say: the part is null. Sub-variants
(``case.name``) ``{part}-{shape}-{periods}``: ``apps`` (part 三), ``active`` (part 二);
``html``, ``text``; ``years-before`` (last year's first), ``years-after``, ``words-before``.
"""

from __future__ import annotations

import itertools
from typing import Final

from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.render_twice import (
    Row,
    active_rows,
    application_table,
    render_html,
    render_text,
)
from tests.accuracy.truth import Case, Truth, make_truth

SHAPES: Final = ("html", "text")
PERIODS: Final = ("years-before", "years-after", "words-before")
PARTS: Final = ("apps", "active")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every period arrangement in turn."""
    variants = list(itertools.product(PARTS, SHAPES, PERIODS))
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(
        seed, n, "period-rows", fmts=("2019", "2021")
    ):
        part, shape, periods = variants[index % len(variants)]
        before = make_truth(case_seed + 900, fmt=truth.fmt)
        render_part = render if part == "apps" else render_active
        out.append(
            Case(
                cls="period-rows",
                name=f"{part}-{shape}-{periods}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render_part(truth, before, shape, periods),
            )
        )
    return out


def period_rows(
    truth: Truth, before: Truth, periods: str, row: str
) -> list[tuple[str, list[str]]]:
    """One part 三 row as (period label, its seven numbers), in the variant's order."""
    return in_periods(
        truth, periods, T.application_row(truth, row), T.application_row(before, row)
    )


def in_periods(
    truth: Truth, periods: str, this_year: list[str], last_year: list[str]
) -> list[tuple[str, list[str]]]:
    """A row's numbers of both periods as (period label, numbers), in the variant's order."""
    this = (f"{truth.year}年", this_year)
    last = (f"{truth.year - 1}年", last_year)
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


def _active_periods(
    truth: Truth, before: Truth, periods: str
) -> list[tuple[str, list[Row]]]:
    """Part 二 blocks whose items are printed once per period (text rows: a period column)."""
    blocks = []
    for (heading, rows), (_, last_rows) in zip(
        active_rows(truth), active_rows(before), strict=True
    ):
        out: list[Row] = [rows[0]]
        for (label, numbers), (_, last) in zip(rows[1:], last_rows[1:], strict=True):
            for k, (period, values) in enumerate(
                in_periods(truth, periods, numbers, last)
            ):
                out.append((label if k == 0 else "", [period, *values]))
        blocks.append((heading, out))
    return blocks


def render_active(
    truth: Truth, before: Truth, shape: str, periods: str
) -> tuple[bytes, str]:
    """The document's bytes and media type: part 二 printed once per period."""
    active = _active_periods(truth, before, periods)
    apps = application_table(truth)
    if shape == "text":
        return render_text(truth, active, apps).encode("utf-8"), "text/plain"
    page = render_html(truth, active, apps).decode("utf-8")
    # an item's label spans its two period rows (the second row's empty label cell goes)
    for _, rows in active:
        for label, cells in rows[1:]:
            if label:
                page = page.replace(
                    f"<tr><td>{label}</td><td>{cells[0]}</td>",
                    f"<tr><td rowspan='2'>{label}</td><td>{cells[0]}</td>",
                )
    page = page.replace("<tr><td></td><td>", "<tr><td>")
    return page.encode("utf-8"), "text/html"
