"""Class ``extra-column``: part 三 with a column the format lacks, zeros printed blank.

Organs add a column to part 三: last year's totals after 总计 (``上年总计``), or a subtotal of
the organisations before it (``小计``). Every row is then a cell longer than the format's
seven; where zero cells are printed blank, a row's blank cell was dropped (a printed ``—``)
or trimmed as a merged label's leftover (an empty field, an unfilled grid cell) and seven
cells remained, read as the national seven: every number after the blank one column left,
the extra column's number taken as a count. The part must be null (``table_shape``).
Sub-variants (``case.name``) ``{shape}-{column}``: ``text`` (tab rows, zeros as empty
fields), ``spaced`` (zeros printed ``—``), ``html`` (zeros as empty cells), ``html-dash``;
``last-year`` (上年总计 after 总计), ``subtotal`` (小计 between 其他 and 总计).

Class ``active-extra-column`` (one case for every four): part 二 blocks with a last column
the format lacks (``备注`` holding a figure), zeros printed blank. Placed through the named
columns alone, a row whose first cell was an empty field lost it as a merged label's leftover
and the remark's figure became the last column's number; read through the header cell by
cell, the row fills four cells or is short. Its sub-variants ``active-{shape}``: ``text``
(zeros as empty fields), ``text-dash`` (zeros printed ``—``), ``html`` (empty cells).

Class ``review-extra-column`` (one case for every four): part 四 with a grand total over its
three groups (``合计``) after the fifteen columns, zeros printed as empty fields; a row whose
first cell was empty lost it and the sixteen cells left fifteen, read one column left. Part
四 is null (``table_shape``). Sub-variants ``review-{shape}``: ``text``, ``html``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.render_twice import active_rows, application_table
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

SHAPES: Final = ("text", "html", "spaced", "html-dash")
COLUMNS: Final = ("last-year", "subtotal")
ACTIVE_SHAPES: Final = ("text", "html", "text-dash")
REVIEW_SHAPES: Final = ("text", "html")
#: Cases of class ``active-extra-column`` per case of ``extra-column``.
ACTIVE_SHARE: Final = 4


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports: every shape with both extra columns in turn, both formats; then
    ``n // 4`` of class ``active-extra-column`` and as many of ``review-extra-column``.
    """
    out = []
    extra = n // ACTIVE_SHARE
    for index, case_seed, rng, truth in T.seeded_truths(
        seed, n + 2 * extra, "extra-column", ("2019", "2021")
    ):
        if index < n:
            shape = SHAPES[index % len(SHAPES)]
            column = COLUMNS[(index // len(SHAPES)) % len(COLUMNS)]
            cls, name = "extra-column", f"{shape}-{column}"
            source = render(truth, shape, column, rng)
        elif index < n + extra:
            shape = ACTIVE_SHAPES[index % len(ACTIVE_SHAPES)]
            cls, name = "active-extra-column", f"active-{shape}"
            source = render_active(truth, shape, rng)
        else:
            shape = REVIEW_SHAPES[index % len(REVIEW_SHAPES)]
            cls, name = "review-extra-column", f"review-{shape}"
            source = render_review(first_review_cell_zero(truth), shape)
        out.append(
            Case(
                cls=cls,
                name=f"{name}-{truth.fmt}-{case_seed}",
                truth=truth
                if cls != "review-extra-column"
                else first_review_cell_zero(truth),
                source=source,
            )
        )
    return out


def active_blocks(
    truth: Truth, blank: str, rng: random.Random
) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Part 二's blocks with a last ``备注`` column holding a figure, zeros as ``blank``."""
    out = []
    for heading, rows in active_rows(truth):
        header = (rows[0][0], [*rows[0][1], "备注"])
        body = [
            (
                label,
                [blank if c == "0" else c for c in cells] + [str(rng.randint(1, 9))],
            )
            for label, cells in rows[1:]
        ]
        out.append((heading, [header, *body]))
    return out


def render_active(truth: Truth, shape: str, rng: random.Random) -> tuple[bytes, str]:
    """A report whose part 二 blocks carry the extra column (part 三 national)."""
    blocks = active_blocks(truth, "—" if shape == "text-dash" else "", rng)
    apps = application_table(truth)
    if shape == "html":
        return _html(truth, apps, blocks), "text/html"
    return _text(truth, "\t", blocks, apps).encode(), "text/plain"


def first_review_cell_zero(truth: Truth) -> Truth:
    """``truth`` with 行政复议's 结果维持 at 0 (its 总计 less by as much): a blank first cell."""
    upheld = "review_litigation.review.upheld"
    total = "review_litigation.review.total"
    values = dict(truth.values)
    values[total] = int(values[total]) - int(values[upheld])
    values[upheld] = 0
    return replace(truth, values=values)


def render_review(truth: Truth, shape: str) -> tuple[bytes, str]:
    """A report whose part 四 has a 合计 column after its fifteen, zeros as empty cells."""
    numbers = T.review_row(truth)
    total = str(sum(int(v) for k, v in enumerate(numbers) if k % 5 == 4))
    row = ["" if v == "0" else v for v in numbers] + [total]
    if shape == "html":
        cells = "".join(f"<td>{v}</td>" for v in row)
        results = "".join(f"<td>{r}</td>" for r in T.REVIEW_RESULTS * 3)
        review = (
            f"<p>{T.PART_REVIEW}</p><table border='1'><tr><td colspan='5'>{T.REVIEW}</td>"
            f"<td colspan='10'>{T.LITIGATION}</td><td rowspan='3'>合计</td></tr>"
            f"<tr><td colspan='5'></td><td colspan='5'>{T.LITIGATION_DIRECT}</td>"
            f"<td colspan='5'>{T.LITIGATION_AFTER_REVIEW}</td></tr>"
            f"<tr>{results}</tr><tr>{cells}</tr></table>"
        )
        body = [
            f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p><p>{T.PART_ACTIVE}</p>"
        ]
        body += [f"<p>{h}</p>{_table(rows)}" for h, rows in active_rows(truth)]
        body.append(f"<p>{T.PART_APPLICATIONS}</p>{_table(application_table(truth))}")
        body.append(review + f"<p>{T.PART_PROBLEMS}</p><p>无。</p>")
        page = "<html><head><meta charset='utf-8'></head><body>" + "".join(body)
        return (page + "</body></html>").encode(), "text/html"
    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, rows in active_rows(truth):
        lines.append(heading)
        lines += ["\t".join([label, *cells]) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    lines += ["\t".join([label, *cells]) for label, cells in application_table(truth)]
    lines += [T.PART_REVIEW, f"{T.REVIEW}\t{T.LITIGATION}"]
    lines.append(f"{T.LITIGATION_DIRECT}\t{T.LITIGATION_AFTER_REVIEW}")
    lines.append("\t".join([*T.REVIEW_RESULTS * 3, "合计"]))
    lines += ["\t".join(row), T.PART_PROBLEMS, "无。"]
    return ("\n".join(lines) + "\n").encode(), "text/plain"


def applications(
    truth: Truth, column: str, blank: str, rng: random.Random
) -> list[tuple[str, list[str]]]:
    """Part 三 with the extra column, zero applicant cells printed as ``blank``."""
    header = list(T.APPLICANT_NAMES)
    at = len(header) if column == "last-year" else len(header) - 1
    header.insert(at, "上年总计" if column == "last-year" else "小计")
    rows = [("", header)]
    for label, cells in application_table(truth)[1:]:
        extra = (
            str(rng.randint(0, 300))
            if column == "last-year"
            else str(sum(int(c) for c in cells[1:6]))
        )
        printed = [blank if c == "0" else c for c in cells[:6]] + cells[6:]
        printed.insert(at, extra)
        rows.append((label, printed))
    return rows


def render(
    truth: Truth, shape: str, column: str, rng: random.Random
) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    blank = "—" if shape in ("spaced", "html-dash") else ""
    apps = applications(truth, column, blank, rng)
    if shape.startswith("html"):
        return _html(truth, apps, active_rows(truth)), "text/html"
    sep = " " if shape == "spaced" else "\t"
    return _text(truth, sep, active_rows(truth), apps).encode(), "text/plain"


Block = tuple[str, list[tuple[str, list[str]]]]


def _text(
    truth: Truth,
    sep: str,
    blocks: list[Block],
    apps: list[tuple[str, list[str]]],
) -> str:
    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, rows in blocks:
        lines.append(heading)
        lines += [sep.join([label, *cells]) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    lines += [sep.join([label, *cells]) for label, cells in apps]
    lines += [T.PART_REVIEW, sep.join([T.REVIEW, T.LITIGATION])]
    lines.append(sep.join([T.LITIGATION_DIRECT, T.LITIGATION_AFTER_REVIEW]))
    lines.append(sep.join(list(T.REVIEW_RESULTS) * 3))
    lines += [sep.join(T.review_row(truth)), T.PART_PROBLEMS, "无。"]
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[str, list[str]]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in [label, *cells]) + "</tr>"
        for label, cells in rows
    )
    return f"<table border='1'>{body}</table>"


def _html(
    truth: Truth, apps: list[tuple[str, list[str]]], blocks: list[Block]
) -> bytes:
    body = [f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p><p>{T.PART_ACTIVE}</p>"]
    body += [f"<p>{heading}</p>{_table(rows)}" for heading, rows in blocks]
    body.append(f"<p>{T.PART_APPLICATIONS}</p>{_table(apps)}")
    body.append(html_review(truth, "national"))
    body.append(f"<p>{T.PART_PROBLEMS}</p><p>无。</p>")
    return (
        "<html><head><meta charset='utf-8'></head><body>"
        + "".join(body)
        + "</body></html>"
    ).encode()
