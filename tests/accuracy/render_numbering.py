"""Class ``numbering-line``: part 三 labels whose numbering stands on a line of its own.

Organs type a row label as its numbering, a line break, then its words (``（二）`` /
``部分公开（区分处理的…）``, ``1.`` / ``属于国家秘密``). Where the row's numbers sit at the top of
the row, text extraction puts them beside the numbering and the words on the next line:
``（二）  0  0  0  0  20  31  51`` / ``部分公开…``. The numbering alone was looked through as a
fragment, so every row ran on into the numbers printed beside the next row's numbering: each
row took its successor's numbers (status ``ok``). Sub-variants (``case.name``):

* ``text-beside``: tab-separated lines, the numbers beside the numbering, the words below;
* ``spaced-beside``: the same with cells separated by spaces (a dump of a PDF's text);
* ``text-above``: the numbering on a line of its own above the words and their numbers;
* ``pdf-top-unruled`` / ``pdf-top-ruled``: a PDF whose label cells hold the numbering and the
  words as two paragraphs, every cell's text at its top as Word aligns it by default (through
  extraction);
* ``html-paragraphs``: an HTML page whose label cells hold ``<p>（二）</p><p>部分公开…</p>``.

Which numbered rows are printed so is drawn per case; the other rows keep one-line labels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from tests.accuracy import render_pdf as P
from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.render_twice import active_rows, application_table
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

VARIANTS: Final = (
    "text-beside",
    "pdf-top-unruled",
    "spaced-beside",
    "html-paragraphs",
    "text-above",
    "pdf-top-ruled",
)
#: A label's numbering and its words (the renderer's own pattern, not the parser's).
_NUMBERED: Final = re.compile(
    r"^([（(][一二三四五六七][）)]|[一二三四五六七八九]、|\d\.)(.+)$"
)
#: Share of the numbered rows printed with the numbering on its own line.
SHARE_SPLIT: Final = 0.7


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, the variants in turn, both formats in each."""
    out = []
    fmts = ("2019",) * len(VARIANTS) + ("2021",) * len(VARIANTS)
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "numbering", fmts):
        variant = VARIANTS[index % len(VARIANTS)]
        out.append(
            Case(
                cls="numbering-line",
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, variant, rng),
            )
        )
    return out


def split_labels(rng: random.Random, labels: list[str]) -> dict[str, tuple[str, str]]:
    """The labels printed as numbering, then words: label -> (numbering, words)."""
    out = {}
    for label in labels:
        match = _NUMBERED.match(label)
        if match and rng.random() < SHARE_SPLIT:
            out[label] = (match.group(1), match.group(2))
    return out


def render(truth: Truth, variant: str, rng: random.Random) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    apps = application_table(truth)
    split = split_labels(rng, [label for label, _ in apps[1:]])
    if variant.startswith("pdf"):
        return render_pdf(
            truth, split, ruled=variant.endswith("-ruled")
        ), "application/pdf"
    if variant.startswith("html"):
        return render_html(truth, split), "text/html"
    sep = " " if variant.startswith("spaced") else "\t"
    return render_text(
        truth, split, sep, above=variant == "text-above"
    ).encode(), "text/plain"


def _text_rows(
    rows: list[tuple[str, list[str]]],
    split: dict[str, tuple[str, str]],
    sep: str,
    *,
    above: bool,
) -> list[str]:
    out = []
    for label, cells in rows:
        if label not in split:
            out.append(sep.join([label, *cells]))
            continue
        numbering, words = split[label]
        if above:
            out += [numbering, sep.join([words, *cells])]
        else:
            out += [sep.join([numbering, *cells]), words]
    return out


def render_text(
    truth: Truth, split: dict[str, tuple[str, str]], sep: str, *, above: bool
) -> str:
    """The report as lines: part 三's split labels as the variant prints them."""
    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, rows in active_rows(truth):
        lines.append(heading)
        lines += [sep.join([label, *cells]) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    lines += _text_rows(application_table(truth), split, sep, above=above)
    lines += [T.PART_REVIEW, sep.join([T.REVIEW, T.LITIGATION])]
    lines.append(sep.join([T.LITIGATION_DIRECT, T.LITIGATION_AFTER_REVIEW]))
    lines.append(sep.join(list(T.REVIEW_RESULTS) * 3))
    lines += [sep.join(T.review_row(truth)), T.PART_PROBLEMS, "无。"]
    return "\n".join(lines) + "\n"


def render_html(truth: Truth, split: dict[str, tuple[str, str]]) -> bytes:
    """A portal page: each split label cell holds its numbering and words as two ``<p>``."""

    def label_cell(label: str) -> str:
        if label not in split:
            return f"<td>{label}</td>"
        numbering, words = split[label]
        return f"<td><p>{numbering}</p><p>{words}</p></td>"

    def table(rows: list[tuple[str, list[str]]]) -> str:
        body = "".join(
            "<tr>"
            + label_cell(label)
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>"
            for label, cells in rows
        )
        return f"<table border='1'>{body}</table>"

    body = [f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p><p>{T.PART_ACTIVE}</p>"]
    body += [f"<p>{heading}</p>{table(rows)}" for heading, rows in active_rows(truth)]
    body.append(f"<p>{T.PART_APPLICATIONS}</p>{table(application_table(truth))}")
    body.append(html_review(truth, "national"))
    body.append(f"<p>{T.PART_PROBLEMS}</p><p>无。</p>")
    return (
        "<html><head><meta charset='utf-8'></head><body>"
        + "".join(body)
        + "</body></html>"
    ).encode()


def render_pdf(
    truth: Truth, split: dict[str, tuple[str, str]], *, ruled: bool
) -> bytes:
    """The national PDF, split label cells as two paragraphs, numbers at each row's top."""
    pages = P._Pages(truth, ruled=ruled, furniture="dash", numbers_top=True)
    pages.all_top = True
    pages.paragraph(T.title(truth), 16, centred=True)
    pages.paragraph(T.preface(truth))
    pages.paragraph(T.PART_ACTIVE)
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        P.draw_table(
            pages, P.ACTIVE_WIDTHS, P.active_cells(truth, heading, header, items)
        )
    pages.paragraph(T.PART_APPLICATIONS)
    cells = [
        P.Cell(c.row, c.col, "\n".join(split[c.text]), c.rows, c.cols, c.vertical)
        if c.text in split
        else c
        for c in P.application_cells(truth)
    ]
    P.draw_table(pages, P.APPLICATION_WIDTHS, cells)
    pages.paragraph(T.PART_REVIEW)
    P.draw_table(pages, P.REVIEW_WIDTHS, P.review_cells(truth))
    pages.paragraph(T.PART_PROBLEMS)
    pages.paragraph("无。")
    return pages.save()
