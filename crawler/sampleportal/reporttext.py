"""Render a synthetic report as plain text in the layouts real reports reach us in.

Text comes from PDF/DOC conversions and from pages that paste a document as paragraphs; the
table cells then land in one of a few shapes, each seen in ``corpus/``:

* ``tabs``: one row per line, cells separated by tabs, merged cells left blank
  (``2020-beihai-jiedao.txt``);
* ``pipes``: the same grid drawn as ``| a | b |`` (Markdown-like conversions);
* ``one_per_line``: one cell per line, a blank line between rows, long header cells broken over
  two lines (``本年新`` / ``制作数量``) (``2021-changchun-nanguan-xingfu.txt``);
* ``dropped_blanks``: zero cells were written blank and the blanks were lost, so a row holds
  fewer numbers than the table has columns (what the parser's rule 2 is about);
* ``arabic_sections``: like ``tabs`` but the parts are numbered ``3、`` instead of ``三、``
  (``2021-changchun-nanguan-xingfu.txt``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from crawler.sampleportal import reportlabels as L
from crawler.sampleportal.reportprose import part_text, preface
from crawler.sampleportal.reporttables import (
    ReportTable,
    active_tables,
    application_table,
    review_table,
    to_grid,
)

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers

TextLayout = Literal[
    "one_per_line", "tabs", "pipes", "dropped_blanks", "arabic_sections"
]
TEXT_LAYOUTS: tuple[TextLayout, ...] = (
    "one_per_line",
    "tabs",
    "pipes",
    "dropped_blanks",
    "arabic_sections",
)
#: Header cells at least this long are broken over two lines in ``one_per_line`` (本年新/制作数量).
_SPLIT_HEADER_AT = 6


def render_text(
    title: str, agency: str, year: int, numbers: ReportNumbers, layout: TextLayout
) -> str:
    """The whole report as text lines in ``layout`` (see the module docstring)."""
    if layout not in TEXT_LAYOUTS:
        raise ValueError(
            f"unknown text layout {layout!r}; expected one of {TEXT_LAYOUTS}"
        )
    lines = [title, "", preface(agency, year)]
    for index, heading in enumerate(L.PART_TITLES, start=1):
        numeral = (
            f"{index}、 "
            if layout == "arabic_sections"
            else f"{L.PART_NUMERALS[index - 1]}、"
        )
        lines.append(f"{numeral}{heading}")
        lines.extend(part_text(index, agency, year))
        tables: tuple[ReportTable, ...] = ()
        if index == L.PART_ACTIVE:
            tables = active_tables(numbers)
        elif index == L.PART_APPLICATIONS:
            tables = (application_table(numbers),)
        elif index == L.PART_REVIEW:
            tables = (review_table(numbers),)
        for table in tables:
            if table.heading:
                lines.append(table.heading)
            lines.extend(
                _table_lines(table, layout, split_headers=index == L.PART_ACTIVE)
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def _table_lines(
    table: ReportTable, layout: TextLayout, *, split_headers: bool
) -> list[str]:
    lines: list[str] = []
    for row in to_grid(table):
        if layout == "one_per_line":
            for cell in row:
                if cell is None:
                    continue
                text = cell.text
                if split_headers and cell.is_header and len(text) >= _SPLIT_HEADER_AT:
                    text = text[:3] + "\n" + text[3:]
                lines.append(text)
            lines.append("")
            continue
        texts = [
            "" if cell is None else cell.text
            for cell in row
            if not (
                layout == "dropped_blanks"
                and cell is not None
                and _is_zero(cell.text, cell.is_number)
            )
        ]
        if layout == "pipes":
            lines.append("| " + " | ".join(texts) + " |")
        else:
            lines.append("\t".join(texts).rstrip("\t"))
    return lines


def _is_zero(text: str, is_number: bool) -> bool:
    """A zero count written blank (``0`` or ``0.0``; money zeros are dropped too)."""
    return is_number and text.replace(".", "").strip("0") == ""
