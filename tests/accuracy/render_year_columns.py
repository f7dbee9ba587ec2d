"""Class ``year-column``: part 二 blocks with a column of last year's figures of their own.

Organs set last year's figures beside the report's in a column of their own, its header the
same column's with 上年 in front (``上年制发件数`` before ``本年制发件数``, ``上年处理决定数量`` after
``本年处理决定数量``). The header then names one of the item's columns twice; read in header
order, the first cell naming it was taken (last year's numbers where that column came first,
with status ``ok``). Neither may be taken: the items are null (``table_shape``). Sub-variants
(``case.name``) ``{shape}-{where}``: ``html``, ``text``; ``first`` (last year's column right
after 信息内容, naming the block's first column), ``last`` (at the end, naming its last).
"""

from __future__ import annotations

import itertools
from typing import Final

from tests.accuracy import template as T
from tests.accuracy.render_twice import (
    Row,
    active_rows,
    application_table,
    render_html,
    render_text,
)
from tests.accuracy.truth import Case, Truth

SHAPES: Final = ("html", "text")
WHERE: Final = ("first", "last")
#: The year words a printed header starts with, dropped before 上年 is put in front.
THIS_YEAR: Final = ("本年度", "本年")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every place of the extra column in turn."""
    variants = list(itertools.product(SHAPES, WHERE))
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(
        seed, n, "year-columns", fmts=("2019", "2021")
    ):
        shape, where = variants[index % len(variants)]
        out.append(
            Case(
                cls="year-column",
                name=f"{shape}-{where}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, where),
            )
        )
    return out


def last_year(header: str) -> str:
    """The header of last year's column beside ``header``: 上年 for 本年, or in front."""
    for word in THIS_YEAR:
        if header.startswith(word):
            return "上年" + header.removeprefix(word)
    return "上年" + header


def _other(value: str) -> str:
    return str(int(float(value)) + 1) if "." not in value else value + "1"


def with_year_column(rows: list[Row], where: str) -> list[Row]:
    """A block's rows with last year's column inserted first or appended last."""
    header, items = rows[0], rows[1:]
    cells = header[1]
    at = 0 if where == "first" else len(cells)
    named = cells[0] if where == "first" else cells[-1]
    out: list[Row] = [(header[0], [*cells[:at], last_year(named), *cells[at:]])]
    for label, values in items:
        source = values[0] if where == "first" else values[-1]
        out.append((label, [*values[:at], _other(source), *values[at:]]))
    return out


def render(truth: Truth, shape: str, where: str) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    active = [(h, with_year_column(rows, where)) for h, rows in active_rows(truth)]
    apps = application_table(truth)
    if shape == "html":
        return render_html(truth, active, apps), "text/html"
    return render_text(truth, active, apps).encode("utf-8"), "text/plain"
