"""Class ``marked-values``: numbers printed with a mark that makes them no plain number.

Organs flag a figure with a footnote mark (``171*``, ``171①``), write an estimate (``约171``)
or leave a stray full stop (``171。``). Such a cell cannot be read as a number, but it is still
the row's cell in its column: where it was taken for the label's wrapped tail or looked through
as a fragment, the values after it moved one column to the left (``政府集中采购 | 171* | 0`` gave
0 projects, status ``ok``). The marked cell must come out null and its neighbours stay in their
columns. Sub-variants (``case.name`` ``{shape}-{mark}``):

* shapes: ``html`` (the national merged tables), ``docx`` (Word's merges), ``text``
  (tab-separated rows), ``spaced`` (cells separated by spaces);
* marks: ``star`` (``171*``), ``circled`` (``171①``), ``approx`` (``约171``), ``stop``
  (``171。``), ``raised`` (a footnote number set in superscript: ``171<sup>1</sup>``, a Word
  run in superscript, ``171¹``), which extraction ran into the number (``1711``).

Class ``marked-extra-column`` (one case for every five): tab rows whose part 三 has a column
of last year's totals after 总计: a row with a marked cell then holds as many numbers as the
format has columns, and taking them moved every number after the mark one column left; such
a row, like every row of a table with a column the format lacks, is null.

About two number cells in five of part 二 (whose two-column items sit in a wider grid, so a
cell moved left lands on a real column) and one in seven of parts 三 and 四 carry the mark.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from tests.accuracy import render_docx as D
from tests.accuracy import render_html as H
from tests.accuracy import template as T
from tests.accuracy.render_twice import active_rows, application_table
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

SHAPES: Final = ("html", "docx", "text", "spaced")
#: Cases of class ``marked-extra-column`` per case of ``marked-values``.
EXTRA_SHARE: Final = 5
MARKS: Final = {
    "star": "{}*",
    "circled": "{}①",
    "approx": "约{}",
    "stop": "{}。",
    "raised": "{}^1",
}
#: How each shape prints a raised footnote mark (``^1`` above): a ``<sup>``, a Word run set
#: in superscript, a superscript digit where text kept it.
_RAISED: Final = {"html": "<sup>1</sup>", "text": "¹", "spaced": "¹"}
#: Share of number cells marked: in part 二, in parts 三 and 四.
SHARE_ACTIVE: Final = 0.4
SHARE_MARKED: Final = 0.15
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports: every shape with every mark in turn, both formats; then ``n // 5``
    reports of class ``marked-extra-column``, the marks in turn.
    """
    out = []
    marks = tuple(MARKS)
    for index, case_seed, rng, truth in T.seeded_truths(
        seed, n + n // EXTRA_SHARE, "marked", ("2019", "2021")
    ):
        if index < n:
            cls, shape = "marked-values", SHAPES[index % len(SHAPES)]
            mark = marks[(index // len(SHAPES)) % len(marks)]
        else:
            cls, shape, mark = (
                "marked-extra-column",
                "extra-column",
                marks[index % len(marks)],
            )
        out.append(
            Case(
                cls=cls,
                name=f"{shape}-{mark}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, mark, rng),
            )
        )
    return out


def marker(
    mark: str, rng: random.Random, share: float, shape: str
) -> Callable[[str], str]:
    """A cell's text, marked at random (``share``) when it is a number."""

    def marked(text: str) -> str:
        if _NUMBER.fullmatch(text) and rng.random() < share:
            printed = MARKS[mark].format(text)
            return printed.replace("^1", _RAISED.get(shape, "^1"))
        return text

    return marked


def render(
    truth: Truth, shape: str, mark: str, rng: random.Random
) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    active = marker(mark, rng, SHARE_ACTIVE, shape)
    marked = marker(mark, rng, SHARE_MARKED, shape)
    if shape == "html":
        page = H.render(truth, "merged", rng).decode()
        cut = page.index(T.PART_APPLICATIONS)
        parts = []
        for part, mark_cell in ((page[:cut], active), (page[cut:], marked)):
            parts.append(
                re.sub(
                    r"<td>([^<]*)</td>",
                    lambda m, f=mark_cell: f"<td>{f(m.group(1))}</td>",
                    part,
                )
            )
        return "".join(parts).encode(), "text/html"
    if shape == "docx":
        return render_docx(truth, active, marked, rng), D.MEDIA_TYPE
    sep = " " if shape == "spaced" else "\t"
    extra = rng if shape == "extra-column" else None
    return render_text(truth, active, marked, sep, extra).encode(), "text/plain"


def render_text(
    truth: Truth,
    active: Callable[[str], str],
    marked: Callable[[str], str],
    sep: str,
    extra: random.Random | None = None,
) -> str:
    """Rows of cells, the numbers marked (``active`` in part 二, ``marked`` after it).

    ``extra``: part 三 gets a last column of last year's totals, drawn from it.
    """

    def line(label: str, cells: list[str], mark_cell: Callable[[str], str]) -> str:
        return sep.join([label, *map(mark_cell, cells)])

    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, rows in active_rows(truth):
        lines.append(heading)
        lines += [line(label, cells, active) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    apps = application_table(truth)
    if extra is not None:
        apps = [(apps[0][0], [*apps[0][1], "上年总计"])] + [
            (label, [*cells, str(extra.randint(0, 300))]) for label, cells in apps[1:]
        ]
    lines += [line(label, cells, marked) for label, cells in apps]
    lines += [T.PART_REVIEW, sep.join([T.REVIEW, T.LITIGATION])]
    lines.append(sep.join([T.LITIGATION_DIRECT, T.LITIGATION_AFTER_REVIEW]))
    lines.append(sep.join(list(T.REVIEW_RESULTS) * 3))
    lines += [sep.join(map(marked, T.review_row(truth))), T.PART_PROBLEMS, "无。"]
    return "\n".join(lines) + "\n"


def render_docx(
    truth: Truth,
    active: Callable[[str], str],
    marked: Callable[[str], str],
    rng: random.Random,
) -> bytes:
    """The report as Word writes it (``render_docx``), the number cells marked."""
    writer = _RaisingWriter("word", rng)

    def table(rows: list[D.Row], mark_cell: Callable[[str], str]) -> str:
        return writer.table(
            [
                [D.WordCell(mark_cell(c.text), c.span, c.vmerge) for c in row]
                for row in rows
            ]
        )

    body = [writer.paragraph(T.title(truth)), writer.paragraph(T.preface(truth))]
    body.append(writer.paragraph(T.PART_ACTIVE))
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        body.append(table(D._active_rows(truth, heading, header, items), active))
    body.append(writer.paragraph(T.PART_APPLICATIONS))
    body.append(table(D.application_rows_word(truth), marked))
    body.append(writer.paragraph(T.PART_REVIEW))
    body.append(table(D.review_rows_word(truth), marked))
    body += [writer.paragraph(T.PART_PROBLEMS), writer.paragraph("无。")]
    return D.word_package("".join(body))


class _RaisingWriter(D._Writer):
    """Word's runs, a ``^1`` mark written as a run in superscript after the number."""

    def _runs(self, text: str) -> str:
        number, raised, mark = text.partition("^")
        if not raised:
            return super()._runs(text)
        return (
            f'<w:r><w:t xml:space="preserve">{number}</w:t></w:r>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f"<w:t>{mark}</w:t></w:r>"
        )
