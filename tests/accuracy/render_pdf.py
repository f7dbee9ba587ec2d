"""Class ``pdf-text-order``: text PDFs whose extracted text order is not the table order.

Drawn with reportlab's canvas in the CID font ``STSong-Light`` (no font file), the way Word
prints the national tables: label cells wrap over two or three lines (``（二）部分公开（区分处理
的，只计这一情`` / ``形，不计其他情形）``) while the row's numbers sit on the row's vertical
centre, so a text extractor reading line by line puts label pieces above, beside and below the
numbers; the merged column label ``三、本年度办理结果`` is drawn one character per line down
its rows; narrow header cells split words (``商业企`` / ``业``); every page carries a running
header and a page number (``- 3 -`` or ``— 3 —``), which land inside the application table's
text where it crosses a page break. Sub-variants (``case.name`` ``{rules}-{furniture}-{title}-{valign}``):

* ``ruled`` draws every cell's box (``parsers.extract`` finds grids), ``unruled`` draws none
  (extraction falls back to the text order described above);
* ``dash`` / ``emdash``: the page-number style;
* ``title1`` / ``title2``: the title on one line, or the organ on one line and the rest below;
* ``centre`` / ``top``: numbers on each row's centre line, or at the top of taller rows, so
  a row's numbers come out before its (centred) label.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass

from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from crawler.sampleportal.documents_layout import FONT, width, wrap
from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth

#: (rules, valign, format) of case i, i mod 8 (valign ``centre``: numbers on the row's centre
#: line; ``top``: at the top of taller rows). PDFs are slow, so the first six cover every
#: unruled shape (text order is the hard part) in both formats, then the ruled ones.
SCHEDULE = (
    ("unruled", "centre", "2019"),
    ("ruled", "centre", "2021"),
    ("unruled", "top", "2021"),
    ("ruled", "top", "2019"),
    ("unruled", "top", "2019"),
    ("unruled", "centre", "2021"),
    ("ruled", "centre", "2019"),
    ("ruled", "top", "2021"),
)
#: Extra height of every row when numbers sit at the top (labels stay centred, lower).
TOP_EXTRA = 10.0
FURNITURE = ("dash", "emdash")
PAGE_W, PAGE_H = 595.0, 842.0
TOP, BOTTOM, LEFT = 64.0, 780.0, 50.0
SIZE, LEADING, PAD, MIN_ROW = 9.0, 10.5, 2.5, 16.0
#: Part 三: vertical label, group label, row label, then seven applicant columns.
APPLICATION_WIDTHS = (22.0, 58.0, 136.0, *([39.5] * 7))
REVIEW_WIDTHS = (33.0,) * 15
ACTIVE_WIDTHS = (177.0, 106.0, 106.0, 106.0)


@dataclass(frozen=True, slots=True)
class Cell:
    """A drawn cell: grid position, spans, text; ``vertical`` stacks one character per line."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    vertical: bool = False


def cases(seed: int, n: int) -> list[Case]:
    """``n`` PDFs; the shapes in ``SCHEDULE`` order, furniture and title styles by seed."""
    out = []
    fmts = tuple(fmt for _, _, fmt in SCHEDULE)
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "pdf", fmts):
        rules, valign, _ = SCHEDULE[index % len(SCHEDULE)]
        furniture = FURNITURE[(seed + index // 2) % len(FURNITURE)]
        title = "title2" if rng.random() < 0.5 else "title1"
        body = build_pdf(
            truth,
            ruled=rules == "ruled",
            furniture=furniture,
            title=title,
            numbers_top=valign == "top",
        )
        out.append(
            Case(
                cls="pdf-text-order",
                name=f"{rules}-{furniture}-{title}-{valign}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(body, "application/pdf"),
            )
        )
    return out


#: A drawing operation: ("text", x, y, size, text) or ("box", x, top, w, h); top-based y.
Op = tuple[str, float, float, float, str] | tuple[str, float, float, float, float]


class _Pages:
    """The laid-out pages: a cursor (top-based y) and each page's drawing operations.

    Layout runs first and only records; ``save`` draws every page with its furniture, so a
    table laid out across a break draws its cells on the pages they belong to.
    """

    def __init__(
        self, truth: Truth, *, ruled: bool, furniture: str, numbers_top: bool
    ) -> None:
        self.running = T.title(truth)
        self.furniture = furniture
        self.ruled = ruled
        self.numbers_top = numbers_top
        #: every cell's text at its top (Word's default alignment), not only the numbers
        self.all_top = False
        self.number = 1
        self.y = TOP
        self.ops: dict[int, list[Op]] = {1: []}

    def text(
        self, page: int, x: float, y: float, text: str, size: float = SIZE
    ) -> None:
        self.ops.setdefault(page, []).append(("text", x, y, size, text))

    def box(self, page: int, x: float, top: float, w: float, h: float) -> None:
        if self.ruled:
            self.ops.setdefault(page, []).append(("box", x, top, w, h))

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.number += 1
            self.ops.setdefault(self.number, [])
            self.y = TOP

    def paragraph(
        self, text: str, size: float = 10.5, *, centred: bool = False
    ) -> None:
        for line in wrap(text, PAGE_W - 2 * LEFT, size):
            self.room(size * 1.6)
            x = (PAGE_W - width(line, size)) / 2 if centred else LEFT
            self.text(self.number, x, self.y + size, line, size)
            self.y += size * 1.6

    def save(self) -> bytes:
        out = io.BytesIO()
        pdf = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), invariant=1)
        pdf.setLineWidth(0.5)
        for page in sorted(self.ops):
            mark = f"- {page} -" if self.furniture == "dash" else f"— {page} —"
            furniture: list[Op] = [
                (
                    "text",
                    PAGE_W - LEFT - width(self.running, 7.5),
                    40.0,
                    7.5,
                    self.running,
                ),
                ("text", (PAGE_W - width(mark, 9)) / 2, 812.0, 9.0, mark),
            ]
            for op in [*furniture, *self.ops[page]]:
                if op[0] == "text":
                    pdf.setFont(FONT, op[3])
                    pdf.drawString(op[1], PAGE_H - op[2], str(op[4]))
                else:
                    height = float(op[4])
                    pdf.rect(op[1], PAGE_H - op[2] - height, op[3], height)
            pdf.showPage()
        pdf.save()
        return out.getvalue()


def build_pdf(
    truth: Truth, *, ruled: bool, furniture: str, title: str, numbers_top: bool = False
) -> bytes:
    """The report as a PDF: title, preface, parts 二–五 with their tables."""
    pages = _Pages(truth, ruled=ruled, furniture=furniture, numbers_top=numbers_top)
    if title == "title2":
        pages.paragraph(truth.agency, 16, centred=True)
        pages.paragraph(T.title(truth).removeprefix(truth.agency), 16, centred=True)
    else:
        pages.paragraph(T.title(truth), 16, centred=True)
    pages.paragraph(T.preface(truth))
    pages.paragraph(T.PART_ACTIVE)
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        draw_table(pages, ACTIVE_WIDTHS, active_cells(truth, heading, header, items))
    pages.paragraph(T.PART_APPLICATIONS)
    draw_table(pages, APPLICATION_WIDTHS, application_cells(truth))
    pages.paragraph(T.PART_REVIEW)
    draw_table(pages, REVIEW_WIDTHS, review_cells(truth))
    pages.paragraph(T.PART_PROBLEMS)
    pages.paragraph("无。")
    return pages.save()


def active_cells(
    truth: Truth, heading: str, header: tuple[str, ...], items: tuple[str, ...]
) -> list[Cell]:
    """One 第二十条 block; a single number column spans the three."""
    span = 4 - len(header) + 1
    cells = [Cell(0, 0, heading, cols=4)]
    cells += [Cell(1, c, h) for c, h in enumerate(header[:-1])]
    cells.append(Cell(1, len(header) - 1, header[-1], cols=span))
    for r, item in enumerate(items, start=2):
        values = T.active_row(truth, item)
        cells.append(Cell(r, 0, T.active_label(truth, item)))
        cells += [Cell(r, c, v) for c, v in enumerate(values[:-1], start=1)]
        cells.append(Cell(r, len(values), values[-1], cols=span))
    return cells


def application_cells(truth: Truth) -> list[Cell]:
    """Part 三 with the template's merges: note, applicant header, the label columns."""
    cells = [
        Cell(0, 0, T.APPLICATION_NOTE, rows=3, cols=3),
        Cell(0, 3, T.APPLICANT_HEADING, cols=7),
        Cell(1, 3, T.APPLICANT_NAMES[0], rows=2),
        Cell(1, 4, T.LEGAL_PERSONS, cols=5),
        Cell(1, 9, T.APPLICANT_NAMES[6], rows=2),
        *(Cell(2, 4 + i, name) for i, name in enumerate(T.APPLICANT_NAMES[1:6])),
    ]

    def numbers(r: int, row: str) -> list[Cell]:
        return [Cell(r, 3 + c, v) for c, v in enumerate(T.application_row(truth, row))]

    r = 3
    for row in ("new_requests", "carried_over"):
        cells += [Cell(r, 0, T.LABELS[row], cols=3), *numbers(r, row)]
        r += 1
    groups = T.result_groups(truth.fmt)
    results = sum(len(members) for _, members in groups)
    cells.append(Cell(r, 0, T.RESULTS, rows=results, vertical=True))
    for group, members in groups:
        if group is None:
            cells += [Cell(r, 1, T.LABELS[members[0]], cols=2), *numbers(r, members[0])]
            r += 1
            continue
        cells.append(Cell(r, 1, group, rows=len(members)))
        for row in members:
            cells += [Cell(r, 2, T.LABELS[row]), *numbers(r, row)]
            r += 1
    last = application_rows(truth.fmt)[-1]
    cells += [Cell(r, 0, T.LABELS[last], cols=3), *numbers(r, last)]
    return cells


def review_cells(truth: Truth) -> list[Cell]:
    """Part 四: 行政复议 over five columns, 行政诉讼 over ten, results two rows tall."""
    cells = [Cell(0, 0, T.REVIEW, cols=5), Cell(0, 5, T.LITIGATION, cols=10)]
    cells += [Cell(1, c, text, rows=2) for c, text in enumerate(T.REVIEW_RESULTS)]
    cells += [Cell(1, 5, T.LITIGATION_DIRECT, cols=5)]
    cells += [Cell(1, 10, T.LITIGATION_AFTER_REVIEW, cols=5)]
    cells += [Cell(2, 5 + c, t) for c, t in enumerate(T.REVIEW_RESULTS * 2)]
    cells += [Cell(3, c, v) for c, v in enumerate(T.review_row(truth))]
    return cells


def _lines(cell: Cell, widths: tuple[float, ...]) -> list[str]:
    """The cell's lines: each paragraph (``\n`` in its text) wrapped to the cell's width."""
    if cell.vertical:
        return list(cell.text)
    room = sum(widths[cell.col : cell.col + cell.cols]) - 2 * PAD
    return [line for part in cell.text.split("\n") for line in wrap(part, room, SIZE)]


def draw_table(pages: _Pages, widths: tuple[float, ...], cells: list[Cell]) -> None:
    """Rows move whole to the next page; a cell spanning a break is drawn on both pages."""
    count = max(c.row + c.rows for c in cells)
    heights = [MIN_ROW] * count
    for cell in cells:
        if cell.rows == 1:
            need = len(_lines(cell, widths)) * LEADING + 2 * PAD
            heights[cell.row] = max(heights[cell.row], need)
    if pages.numbers_top:
        heights = [h + TOP_EXTRA for h in heights]
    tops: list[tuple[int, float]] = []  # (page, top) of every row
    pages.y += 4
    for height in heights:
        pages.room(height)
        tops.append((pages.number, pages.y))
        pages.y += height
    pages.y += 8
    lefts = [LEFT + sum(widths[:c]) for c in range(len(widths) + 1)]
    for cell in cells:
        spanned = range(cell.row, cell.row + cell.rows)
        for index, page in enumerate(sorted({tops[r][0] for r in spanned})):
            rows = [r for r in spanned if tops[r][0] == page]
            top = tops[rows[0]][1]
            bottom = tops[rows[-1]][1] + heights[rows[-1]]
            _draw_cell(pages, page, cell, lefts, (top, bottom), with_text=index == 0)


def _draw_cell(
    pages: _Pages,
    page: int,
    cell: Cell,
    lefts: list[float],
    extent: tuple[float, float],
    *,
    with_text: bool,
) -> None:
    """The cell's box on ``page`` and, on its first page only, its text, centred vertically."""
    top, bottom = extent
    x0, x1 = lefts[cell.col], lefts[cell.col + cell.cols]
    pages.box(page, x0, top, x1 - x0, bottom - top)
    if not with_text:
        return
    widths = tuple(b - a for a, b in itertools.pairwise(lefts))
    lines = _lines(cell, widths)
    step = SIZE + 3 if cell.vertical else LEADING
    first = top + (bottom - top - len(lines) * step) / 2 + SIZE * 0.85
    if pages.numbers_top and (pages.all_top or _is_number(cell.text)):
        first = top + PAD + SIZE * 0.85  # above the centred label: read before it
    for index, line in enumerate(lines):
        centred = cell.vertical or _is_number(line)
        x = (x0 + x1 - width(line, SIZE)) / 2 if centred else x0 + PAD
        pages.text(page, x, first + index * step, line)


def _is_number(text: str) -> bool:
    return text.lstrip("-").replace(".", "", 1).isdigit()
