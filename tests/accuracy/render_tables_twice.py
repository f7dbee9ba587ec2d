"""Class ``tables-twice``: a document printing the statistics tables twice, other numbers.

A page setting last year's tables beside the report's own (``2023年度数据`` then
``2024年度数据``, either order), a portal page holding the organ's reports of two years one
after the other: the first set of tables was read, so where last year's came first every
cell was last year's, status ``ok``. Nothing in the tables says which set is the report's:
parts 二, 三 and 四 are null (``table_shape``). The same tables printed twice with the same
numbers are one report and are read. Sub-variants (``case.name``) ``{shape}-{order}``:
``text`` (tab-separated rows), ``html`` (the parts as tables); ``before`` (last year's set
first), ``after`` (the report's first), ``same`` (the report's set twice).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.render_twice import (
    Row,
    _html_table,
    active_rows,
    application_table,
)
from tests.accuracy.truth import Case, Truth, make_truth

SHAPES: Final = ("text", "html")
ORDERS: Final = ("before", "after", "same")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every order in turn, both formats."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(
        seed, n, "tables-twice", ("2019", "2021")
    ):
        shape = SHAPES[index % len(SHAPES)]
        order = ORDERS[(index // len(SHAPES)) % len(ORDERS)]
        before = replace(
            make_truth(case_seed + 700, fmt=truth.fmt),
            agency=truth.agency,
            year=truth.year - 1,
        )
        sets = {"before": (before, truth), "after": (truth, before)}.get(
            order, (truth, truth)
        )
        out.append(
            Case(
                cls="tables-twice",
                name=f"{shape}-{order}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, sets, shape),
            )
        )
    return out


def _set_text(truth: Truth) -> list[str]:
    """One set of tables, tab-separated, under a heading naming its year."""
    lines = [f"{truth.year}年度数据", T.PART_ACTIVE]
    for heading, rows in active_rows(truth):
        lines.append(heading)
        lines += ["\t".join([label, *cells]) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    lines += ["\t".join([label, *cells]) for label, cells in application_table(truth)]
    lines += [T.PART_REVIEW, f"{T.REVIEW}\t{T.LITIGATION}"]
    lines.append(f"{T.LITIGATION_DIRECT}\t{T.LITIGATION_AFTER_REVIEW}")
    lines.append("\t".join(list(T.REVIEW_RESULTS) * 3))
    lines.append("\t".join(T.review_row(truth)))
    return lines


def _set_html(truth: Truth) -> str:
    """One set of tables as HTML, under a heading naming its year."""
    body = [f"<p>{truth.year}年度数据</p><p>{T.PART_ACTIVE}</p>"]
    for heading, rows in active_rows(truth):
        body.append(f"<p>{heading}</p>{_html_table(rows)}")
    apps: list[Row] = application_table(truth)
    body.append(f"<p>{T.PART_APPLICATIONS}</p>{_html_table(apps)}")
    body.append(html_review(truth, "national"))
    return "".join(body)


def render(truth: Truth, sets: tuple[Truth, Truth], shape: str) -> tuple[bytes, str]:
    """The report: title and preface, both sets of tables, part 五."""
    if shape == "html":
        page = (
            f"<html><head><meta charset='utf-8'><title>{T.title(truth)}</title></head>"
            f"<body><h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p>"
            + "".join(_set_html(t) for t in sets)
            + f"<p>{T.PART_PROBLEMS}</p><p>无。</p></body></html>"
        )
        return page.encode(), "text/html"
    lines = [T.title(truth), T.preface(truth)]
    for t in sets:
        lines += _set_text(t)
    lines += [T.PART_PROBLEMS, "无。"]
    return ("\n".join(lines) + "\n").encode(), "text/plain"
