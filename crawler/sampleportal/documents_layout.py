"""Page layout of a generated report, drawn as PDF (reportlab) or written as OFD XML.

The sample portal serves these as its PDF and OFD attachments, and the extractor tests read them;
``render_pdf`` uses reportlab's invariant mode so the bytes are the same on every run.

One layout feeds both formats so their fixtures show the same geometry: prose lines, and tables
as ruled cells (one rectangle per merged cell, the way Word and LibreOffice print them). Rows
move whole to the next page, except the designated ``tear_row`` of the ``split`` variant, which
is torn across the page break (its first text line on page 1, the rest on page 2) as real
reports' application tables are (doc-extraction.md, "Method": the split variant). The split
variant also narrows the applicant columns so that 4-digit numbers wrap inside their cells.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from crawler.sampleportal.documents import (
    AGENCY,
    Placed,
    placed_cells,
    report_blocks,
)

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers
    from crawler.sampleportal.reporttables import ReportTable

#: One table row's extent on each page it touches: (page, top, bottom) from the content top.
Segment = tuple[int, float, float]

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 50.0
CONTENT_W, CONTENT_H = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN
CELL_SIZE, CELL_LEADING, PAD = 8.0, 10.0, 2.0
MIN_ROW = 14.0
#: Grid widths of the application table (3 label + 7 applicant columns) and the 4-column tables.
APPLICATION_COLUMNS, NARROW_COLUMNS = 10, 4


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text at its baseline."""

    page: int
    x: float
    y: float  # baseline, from the top of the page
    size: float
    text: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One ruling line, coordinates from the top-left of the page."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Layout:
    """The pages being laid out (mutable while ``layout_report`` fills it)."""

    texts: list[Text] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    page: int = 0
    y: float = 0.0  # from the top of the content area

    @property
    def pages(self) -> int:
        return self.page + 1


def width(text: str, size: float) -> float:
    """Advance width of ``text`` in the CID font at ``size`` points."""
    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, room: float, size: float) -> list[str]:
    """Greedy character wrap (Chinese text has no spaces to break at)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and width(line + char, size) > room:
            lines.append(line)
            line = char
        else:
            line += char
    return [*lines, line] if line or not lines else lines


def layout_report(
    numbers: ReportNumbers, year: int, *, split: bool = False, agency: str = AGENCY
) -> Layout:
    """Lay out the report: prose lines wrapped to the page, tables as ruled cells."""
    out = Layout()
    for index, block in enumerate(report_blocks(numbers, year, agency)):
        if isinstance(block, str):
            size = 16.0 if index == 0 else 10.5
            for line in wrap(block, CONTENT_W, size):
                if out.y + size * 1.5 > CONTENT_H:
                    out.page, out.y = out.page + 1, 0.0
                x = (
                    MARGIN + (CONTENT_W - width(line, size)) / 2
                    if index == 0
                    else MARGIN
                )
                out.texts.append(Text(out.page, x, MARGIN + out.y + size, size, line))
                out.y += size * 1.5
        else:
            _layout_table(out, block, split=split)
            out.y += 8.0
    return out


def _columns(table: ReportTable, ncols: int, *, split: bool) -> list[float]:
    if (
        ncols == APPLICATION_COLUMNS
    ):  # the application table: 3 label columns + 7 applicant columns
        number = 2 * PAD + 3.5 * width("0", CELL_SIZE) if split else 36.0
        rest = CONTENT_W - 7 * number
        return [rest * 0.2, rest * 0.3, rest * 0.5] + [number] * 7
    if ncols == NARROW_COLUMNS:
        return [CONTENT_W * 0.4] + [CONTENT_W * 0.2] * 3
    return [CONTENT_W / ncols] * ncols


def _layout_table(out: Layout, table: ReportTable, *, split: bool) -> None:
    placed, nrows, ncols = placed_cells(table)
    cols = _columns(table, ncols, split=split)
    xs = [MARGIN + sum(cols[:i]) for i in range(ncols + 1)]
    lines = {
        (p.row, p.col): wrap(
            p.cell.text, xs[p.col + p.cell.colspan] - xs[p.col] - 2 * PAD, CELL_SIZE
        )
        for p in placed
    }
    heights = [MIN_ROW] * nrows
    for p in placed:
        if p.cell.rowspan == 1:
            need = len(lines[p.row, p.col]) * CELL_LEADING + 2 * PAD
            heights[p.row] = max(heights[p.row], need)
    for p in placed:
        last = p.row + p.cell.rowspan - 1
        need = len(lines[p.row, p.col]) * CELL_LEADING + 2 * PAD
        have = sum(heights[p.row : last + 1])
        if need > have:
            heights[last] += need - have
    tear_row = 2 if split and ncols == APPLICATION_COLUMNS else None
    if tear_row is not None:
        # Start the table so that only the first text line of the torn row fits on this page.
        start = CONTENT_H - (sum(heights[:tear_row]) + PAD + CELL_LEADING + 1.0)
        if out.y > start:
            out.page += 1
        out.y = start
    segments: list[list[Segment]] = []
    for r, height in enumerate(heights):
        if out.y + height <= CONTENT_H:
            segments.append([(out.page, out.y, out.y + height)])
            out.y += height
        elif r == tear_row:
            first = (out.page, out.y, CONTENT_H)
            rest = height - (CONTENT_H - out.y) + 2 * PAD
            out.page += 1
            segments.append([first, (out.page, 0.0, rest)])
            out.y = rest
        else:
            out.page += 1
            segments.append([(out.page, 0.0, height)])
            out.y = height
    _draw_cells(out, placed, segments, xs, lines)


def _draw_cells(
    out: Layout,
    placed: list[Placed],
    segments: list[list[Segment]],
    xs: list[float],
    lines: dict[tuple[int, int], list[str]],
) -> None:
    """One rectangle per merged cell and page part; text lines placed in the parts."""
    for p in placed:
        cell_segments = [
            s for r in range(p.row, p.row + p.cell.rowspan) for s in segments[r]
        ]
        pages: dict[int, tuple[float, float]] = {}
        for page, top, bottom in cell_segments:
            old = pages.get(page, (top, bottom))
            pages[page] = (min(old[0], top), max(old[1], bottom))
        x0, x1 = xs[p.col], xs[p.col + p.cell.colspan]
        for page, (upper, lower) in pages.items():
            top, bottom = upper + MARGIN, lower + MARGIN
            out.rules.extend(
                (
                    Rule(page, x0, top, x1, top),
                    Rule(page, x0, bottom, x1, bottom),
                    Rule(page, x0, top, x0, bottom),
                    Rule(page, x1, top, x1, bottom),
                )
            )
        _place_lines(out, lines[p.row, p.col], list(pages.items()), x0, x1)


def _place_lines(
    out: Layout,
    lines: list[str],
    pages: list[tuple[int, tuple[float, float]]],
    x0: float,
    x1: float,
) -> None:
    """Top-aligned, centred lines; a line that does not fit moves to the next page part."""
    part = 0
    offset = PAD
    for line in lines:
        page, (top, bottom) = pages[part]
        if top + offset + CELL_LEADING > bottom and part + 1 < len(pages):
            part += 1
            page, (top, bottom) = pages[part]
            offset = PAD
        x = x0 + (x1 - x0 - width(line, CELL_SIZE)) / 2
        out.texts.append(
            Text(page, x, MARGIN + top + offset + CELL_SIZE, CELL_SIZE, line)
        )
        offset += CELL_LEADING


def render_pdf(layout: Layout) -> bytes:
    """Draw ``layout`` with reportlab (``invariant=1``: no dates or ids, reproducible bytes)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for page in range(layout.pages):
        pdf.setLineWidth(0.5)
        for rule in layout.rules:
            if rule.page == page:
                pdf.line(rule.x0, PAGE_H - rule.y0, rule.x1, PAGE_H - rule.y1)
        for text in layout.texts:
            if text.page == page:
                pdf.setFont(FONT, text.size)
                pdf.drawString(text.x, PAGE_H - text.y, text.text)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def build_pdf(
    numbers: ReportNumbers, year: int, *, split: bool = False, agency: str = AGENCY
) -> bytes:
    """The report as a PDF with a CID font (no font files needed) and ruled tables."""
    return render_pdf(layout_report(numbers, year, split=split, agency=agency))
