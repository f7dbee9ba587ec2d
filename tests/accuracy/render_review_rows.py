"""Class ``review-two-rows``: part 四 printing a second data row under a label of its own.

Organs set last year's figures beside the report's (a row labelled ``2023年`` over one labelled
``2024年``, either order, or ``上年度`` / ``本年度``) or add a comparison row (``同比增减``). The
first data row was read whatever its label said: last year's numbers in every cell of part 四,
with status ``ok`` where last year's table was consistent. Nothing in the table says which
row is the report's, so part 四 is null (``table_shape``). Sub-variants (``case.name``)
``{shape}-{rows}``: ``html``, ``text``; ``years-before`` (last year's row first),
``years-after``, ``words-before``, ``comparison``.
"""

from __future__ import annotations

import itertools
from typing import Final

from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.render_twice import (
    active_rows,
    application_table,
    render_html,
    render_text,
)
from tests.accuracy.truth import Case, Truth, make_truth

SHAPES: Final = ("html", "text")
ROWS: Final = ("years-before", "years-after", "words-before", "comparison")
#: A labelled data row: its label and its fifteen numbers.
Labelled = tuple[str, list[str]]


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every row arrangement in turn."""
    variants = list(itertools.product(SHAPES, ROWS))
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, "review-rows"):
        shape, rows = variants[index % len(variants)]
        before = T.review_row(make_truth(case_seed + 700, fmt=truth.fmt))
        out.append(
            Case(
                cls="review-two-rows",
                name=f"{shape}-{rows}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, data_rows(truth, rows, before)),
            )
        )
    return out


def data_rows(truth: Truth, rows: str, before: list[str]) -> list[Labelled]:
    """Part 四's data rows as the variant prints them."""
    this = T.review_row(truth)
    if rows == "years-before":
        return [(f"{truth.year - 1}年", before), (f"{truth.year}年", this)]
    if rows == "years-after":
        return [(f"{truth.year}年", this), (f"{truth.year - 1}年", before)]
    if rows == "words-before":
        return [("上年度", before), ("本年度", this)]
    change = [str(int(a) - int(b)) for a, b in zip(this, before, strict=True)]
    return [("本年度", this), ("同比增减", change)]


def render(truth: Truth, shape: str, rows: list[Labelled]) -> tuple[bytes, str]:
    """The document's bytes and media type: parts 二 and 三 as usual, part 四 as ``rows``."""
    active, apps = active_rows(truth), application_table(truth)
    if shape == "html":
        page = render_html(truth, active, apps).decode("utf-8")
        national = html_review(truth, "national")
        head = national[: national.rindex("<tr>")]
        labelled = "".join(
            f"<tr><td>{label}</td>"
            + "".join(f"<td>{v}</td>" for v in numbers)
            + "</tr>"
            for label, numbers in rows
        )
        # a label column: every header row gains an empty first cell
        head = head.replace("<tr>", "<tr><td></td>")
        return page.replace(national, head + labelled + "</table>").encode(
            "utf-8"
        ), "text/html"
    text = render_text(truth, active, apps)
    data = "\t".join(T.review_row(truth)) + "\n"
    printed = "".join("\t".join([label, *numbers]) + "\n" for label, numbers in rows)
    return text.replace(data, printed).encode("utf-8"), "text/plain"
