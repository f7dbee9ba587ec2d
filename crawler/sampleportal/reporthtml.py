"""Render a synthetic report as the HTML body real sites publish (tables with merged cells).

Part 二 is one table whose 第二十条 blocks are heading rows spanning four columns (narrower
blocks widen their last cell, as on most district sites); part 三 is the national application
table with the 3×3 note cell, 申请人情况 over 7, 法人或其他组织 over 5, 三、本年度办理结果 and
(三)不予公开 as rowspans; part 四 the review table with its two-level header.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal import reportlabels as L
from crawler.sampleportal.reportprose import part_text, preface
from crawler.sampleportal.reporttables import (
    Cell,
    Row,
    active_tables,
    application_table,
    review_table,
)

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers

_ACTIVE_WIDTH = 4
_TABLE = '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">'


def render_html(title: str, agency: str, year: int, numbers: ReportNumbers) -> str:
    """The whole report body: title, preface, the six parts with prose and tables."""
    out = [
        f'<p style="text-align:center"><strong>{escape(title)}</strong></p>',
        f"<p>{escape(preface(agency, year))}</p>",
    ]
    for index, heading in enumerate(L.PART_TITLES, start=1):
        out.append(f"<p><strong>{L.PART_NUMERALS[index - 1]}、{heading}</strong></p>")
        out.extend(f"<p>{escape(text)}</p>" for text in part_text(index, agency, year))
        if index == L.PART_ACTIVE:
            out.append(_active_html(numbers))
        elif index == L.PART_APPLICATIONS:
            out.append(_table_html(application_table(numbers).rows))
        elif index == L.PART_REVIEW:
            out.append(_table_html(review_table(numbers).rows))
    return "\n".join(out) + "\n"


def _active_html(numbers: ReportNumbers) -> str:
    rows: list[Row] = []
    for table in active_tables(numbers):
        rows.append((Cell(table.heading, colspan=_ACTIVE_WIDTH, is_header=True),))
        rows.extend(_widen(row) for row in table.rows)
    return _table_html(tuple(rows))


def _widen(row: Row) -> Row:
    """Stretch the last cell so every row of part 二 is four columns wide."""
    width = sum(cell.colspan for cell in row)
    if width >= _ACTIVE_WIDTH:
        return row
    last = row[-1]
    stretched = Cell(
        last.text,
        colspan=last.colspan + _ACTIVE_WIDTH - width,
        rowspan=last.rowspan,
        is_number=last.is_number,
        is_header=last.is_header,
    )
    return (*row[:-1], stretched)


def _table_html(rows: tuple[Row, ...]) -> str:
    lines = [_TABLE, "<tbody>"]
    lines.extend(
        "<tr>" + "".join(_cell_html(cell) for cell in row) + "</tr>" for row in rows
    )
    lines.extend(("</tbody>", "</table>"))
    return "\n".join(lines)


def _cell_html(cell: Cell) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    text = escape(cell.text)
    if cell.is_header:
        text = f"<strong>{text}</strong>"
    return f'<td{attrs} style="text-align:center"><p>{text}</p></td>'
