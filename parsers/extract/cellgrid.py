"""Ruled table cells (boxes with text) -> ``Table`` grids, and tables torn by a page break -> one.

PDF and OFD tables are found from ruling lines as cell rectangles; a merged cell is one large
rectangle. ``grid_from_cells`` lays every rectangle on the grid formed by all cell edges, so a
merged cell covers several positions (its text repeated, the copies listed in ``covered``, as
``parsers.model.Table`` promises). ``stitch_cells`` joins a table continued on the next page,
including a row torn by the break, whose cells' top halves sit on one page and bottom halves on
the next (doc-extraction.md, "PDF": the application table almost always continues).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.model import Table

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Points within which two edges are the same line (pdfplumber snaps edges within 3).
TOLERANCE: Final = 3.0
#: A report table has ~30 rows and ≤ 15 columns; larger grids are refused as hostile.
MAX_ROWS: Final = 5_000
MAX_COLS: Final = 200

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
_NUMBER = re.compile(r"[-+]?[\d,，.]+%?")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class CellBox:
    """One drawn cell: its rectangle (in a single coordinate space) and its text."""

    bbox: BBox
    text: str


@dataclass(frozen=True, slots=True)
class PageTable:
    """A table found on one page, with whether nothing but margins separates it from the break.

    ``clear_below``: no text between the table and the bottom margin; ``clear_above``: none
    between the top margin and the table. Only such tables may continue across a page break.
    """

    page: int
    cells: tuple[CellBox, ...]
    clear_above: bool
    clear_below: bool

    @property
    def bbox(self) -> BBox:
        return enclosing(cell.bbox for cell in self.cells)


def enclosing(boxes: Iterable[BBox], *, margin: float = 0.0) -> BBox:
    """The smallest box holding all ``boxes`` (a table's from its cells), grown by ``margin``."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (
        min(x0s) - margin,
        min(tops) - margin,
        max(x1s) + margin,
        max(bottoms) + margin,
    )


def join_cell_lines(text: str) -> str:
    r"""A cell's text with the renderer's line wrapping undone.

    A number wrapped inside a narrow cell (``1665\n9``) is one number; wrapped Chinese label
    lines join without a space; only Latin/digit neighbours keep one (doc-extraction.md, PDF).

    >>> join_cell_lines("1665\n9")
    '16659'
    >>> join_cell_lines("三、本年度办理结\n果")
    '三、本年度办理结果'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    compact = "".join(lines)
    if _NUMBER.fullmatch(compact):
        return compact
    return join_pieces(lines)


def join_pieces(pieces: Iterable[str]) -> str:
    """Pieces of one text (wrapped lines, OCR'd words) joined, spaced only between Latin ones.

    Chinese is written without spaces between words; a space stays only where a Latin letter
    or digit meets another.

    >>> join_pieces(["示范", "区", "2022", "年", "A", "1"])
    '示范区2022年A 1'
    """
    out = ""
    for piece in pieces:
        if out and _LATIN_END.search(out) and _LATIN_START.search(piece):
            out += " "
        out += piece
    return out


def stitch_cells(tables: list[PageTable]) -> list[list[CellBox]]:
    """Tables in page order -> logical tables, continued tables joined into one cell list.

    Table B continues table A when A ends its page and B starts the next with nothing but
    margins between them, and their column edges are compatible (one set contains the other:
    a merged header on one side has fewer edges). B's boxes are shifted under A's; the rows
    at the break are fused when they are one torn row (see ``_is_torn_row``).
    """
    out: list[list[CellBox]] = []
    previous: PageTable | None = None
    for table in tables:
        if previous is not None and out and _continues(previous, table):
            out[-1] = _join(out[-1], table)
        else:
            out.append(list(table.cells))
        previous = table
    return out


def _continues(upper: PageTable, lower: PageTable) -> bool:
    if lower.page != upper.page + 1 or not (upper.clear_below and lower.clear_above):
        return False
    a, b = upper.bbox, lower.bbox
    if abs(a[0] - b[0]) > TOLERANCE or abs(a[2] - b[2]) > TOLERANCE:
        return False
    edges_a = _cluster([c.bbox[0] for c in upper.cells])
    edges_b = _cluster([c.bbox[0] for c in lower.cells])
    return _subset(edges_a, edges_b) or _subset(edges_b, edges_a)


def _join(upper: list[CellBox], lower: PageTable) -> list[CellBox]:
    bottom = max(cell.bbox[3] for cell in upper)
    top = lower.bbox[1]
    shift = bottom - top
    moved = [
        CellBox((c.bbox[0], c.bbox[1] + shift, c.bbox[2], c.bbox[3] + shift), c.text)
        for c in lower.cells
    ]
    above = sorted((c for c in upper if abs(c.bbox[3] - bottom) <= TOLERANCE), key=_x0)
    below = sorted((c for c in moved if abs(c.bbox[1] - bottom) <= TOLERANCE), key=_x0)
    if _is_torn_row(above, below):
        pairs = list(zip(above, below, strict=True))
    else:
        pairs = _continued_spans(above, below)
    fused = {id(a): (a, b) for a, b in pairs}
    fused_lower = {id(b) for _, b in fused.values()}
    joined = [
        CellBox(
            (c.bbox[0], c.bbox[1], c.bbox[2], fused[id(c)][1].bbox[3]),
            join_cell_lines(c.text + "\n" + fused[id(c)][1].text),
        )
        if id(c) in fused
        else c
        for c in upper
    ]
    return joined + [c for c in moved if id(c) not in fused_lower]


def _continued_spans(
    above: list[CellBox], below: list[CellBox]
) -> list[tuple[CellBox, CellBox]]:
    """Label cells that a clean break cut: a blank cell below a labelled one, same edges.

    A rowspan label (三、本年度办理结果 over 22 rows) cut by the break reappears on the next
    page as a blank cell; it is the same cell. A blank below a number is a blank number.
    """
    pairs = []
    for b in below:
        if b.text.strip():
            continue
        for a in above:
            same = (
                abs(a.bbox[0] - b.bbox[0]) <= TOLERANCE
                and abs(a.bbox[2] - b.bbox[2]) <= TOLERANCE
            )
            if same and a.text.strip() and not _is_number(a.text):
                pairs.append((a, b))
                break
    return pairs


def _is_torn_row(above: list[CellBox], below: list[CellBox]) -> bool:
    """One row torn by the break: same cell edges on both sides, no number beside text.

    A number is never torn: a torn data row keeps each number whole on one side of the break,
    the same column blank on the other. So a column with a number on one side and anything
    on the other is two rows: two whole data rows, or a header row ending a page over the
    data row that starts the next (part 四's ``结果维持`` over its ``0``). The torn header row
    of the application table holds label halves ("商" / "业企业"). A clean break between two
    rows of labels with identical edges would be fused wrongly; no report table has one.
    """
    if not above or len(above) != len(below):
        return False
    for a, b in zip(above, below, strict=True):
        if (
            abs(a.bbox[0] - b.bbox[0]) > TOLERANCE
            or abs(a.bbox[2] - b.bbox[2]) > TOLERANCE
        ):
            return False
        both = a.text.strip() and b.text.strip()
        if both and (_is_number(a.text) or _is_number(b.text)):
            return False
    return True


def grid_from_cells(cells: list[CellBox]) -> Table | None:
    """The cells as a full grid, or None when empty or beyond ``MAX_ROWS`` × ``MAX_COLS``."""
    if not cells:
        return None
    cols = _cluster([c.bbox[0] for c in cells])
    rows = _cluster([c.bbox[1] for c in cells])
    if len(rows) > MAX_ROWS or len(cols) > MAX_COLS:
        return None
    owner: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(cells):
        x0, top, x1, bottom = cell.bbox
        # rows and cols are sorted: the positions in [start - TOLERANCE, end - TOLERANCE)
        spanned_rows = range(
            bisect.bisect_left(rows, top - TOLERANCE),
            bisect.bisect_left(rows, bottom - TOLERANCE),
        )
        spanned_cols = range(
            bisect.bisect_left(cols, x0 - TOLERANCE),
            bisect.bisect_left(cols, x1 - TOLERANCE),
        )
        for r in spanned_rows:
            for c in spanned_cols:
                owner.setdefault((r, c), index)
    grid: list[tuple[str, ...]] = []
    covered: set[tuple[int, int]] = set()
    seen: set[int] = set()
    for r in range(len(rows)):
        row: list[str] = []
        for c in range(len(cols)):
            index_or_none = owner.get((r, c))
            if index_or_none is None:
                row.append("")
                continue
            row.append(join_cell_lines(cells[index_or_none].text))
            if index_or_none in seen:
                covered.add((r, c))
            seen.add(index_or_none)
        grid.append(tuple(row))
    return Table(rows=tuple(grid), covered=frozenset(covered))


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch("".join(text.split())))


def _x0(cell: CellBox) -> float:
    return cell.bbox[0]


def _cluster(values: list[float]) -> list[float]:
    """Distinct positions, values within ``TOLERANCE`` of the previous one merged."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOLERANCE:
            out.append(value)
    return out


def _subset(small: list[float], large: list[float]) -> bool:
    return all(any(abs(s - x) <= TOLERANCE for x in large) for s in small)


def table_text(table: Table) -> str:
    """The table as text lines, one per row, each cell once (covered copies left out), tabs.

    Matches what the HTML extractor writes for a ``<table>`` (one line per ``<tr>``, cells
    joined by tabs), so the text path of the report parser reads every format alike.
    """
    return "\n".join(
        "\t".join(
            " ".join(cell.split())
            for c, cell in enumerate(row)
            if (r, c) not in table.covered
        )
        for r, row in enumerate(table.rows)
    )
