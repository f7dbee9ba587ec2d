"""Ruled tables in a page image -> cell rectangles, so OCR reads cell by cell.

Whole-page OCR loses the table: Tesseract's page mode recovered 145 of 175 numbers and none
in row order (doc-extraction.md, "PDF without a text layer"), and a lone ``0`` in a cell is
what it drops most. Finding the cells first and reading each one separately keeps every number
in its row and column. The rules are found the cheap way, without numpy or OpenCV: binarise,
then in every pixel row (and, on the transposed image, every pixel column) a regular
expression finds dark runs longer than any glyph stroke. The runs become edges, and
``ruling.ruled_tables`` (pdfplumber's own geometry, as for OFD) turns them into cell
rectangles. Measured on a 300 dpi A4 page:
0.33 s, 168 cells of 5 tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from PIL import Image as PILImage
from PIL import ImageDraw

from parsers.extract.cellgrid import enclosing
from parsers.extract.ocr_breaks import GREY, INK, rule_levels
from parsers.extract.ruling import edge, ruled_tables

if TYPE_CHECKING:
    from PIL.Image import Image

#: Grey level under which a pixel is ink (0 = black, 255 = white).
INK_BELOW: Final = 160
#: Shortest rule, in inches: a horizontal rule spans at least a narrow cell (glyphs at 10.5 pt
#: are ~0.15 in wide, so their strokes never reach this); a vertical one at least one row.
MIN_HORIZONTAL_IN: Final = 0.3
MIN_VERTICAL_IN: Final = 0.15
#: Pixels within which runs are one line (a rule scanned at 300 dpi is 2-5 pixels thick).
SNAP_IN: Final = 0.02
#: Longest break (inches) bridged in a rule when every pixel of it is rule-grey
#: (``ocr_breaks``): a speck on a 150 dpi rule, blurred and rendered at 300 dpi, measured
#: 3-12 pixels.
RULE_BREAK_IN: Final = 0.05

PixelBox = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels


@dataclass(frozen=True, slots=True)
class PageRules:
    """A page's ruled tables (cell boxes, top to bottom) and the ink runs that drew them."""

    tables: list[list[PixelBox]]
    rows: list[tuple[int, int, int]]
    columns: list[tuple[int, int, int]]
    snap: float

    def erase(self, image: Image) -> Image:
        """A copy of ``image`` with the table rules painted white.

        OCR reads cells from it: a rule left at a crop's edge is read as ``[``, ``|`` or ``1``
        and garbles the text beside it. Only runs inside a table are erased: a large title's
        strokes touching each other also make long runs, and must stay.
        """
        out = image.convert("L")  # always a new image
        boxes = [enclosing(table, margin=self.snap) for table in self.tables]

        def inside(x: float, y: float) -> bool:
            return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        draw = ImageDraw.Draw(out)
        for y, x0, x1 in self.rows:
            if inside((x0 + x1) / 2, y):
                draw.line((x0, y, x1 - 1, y), fill=255)
        for x, y0, y1 in self.columns:
            if inside(x, (y0 + y1) / 2):
                draw.line((x, y0, x, y1 - 1), fill=255)
        return out


def ink_mask(image: Image) -> Image:
    """The image as a mask: ink (darker than ``INK_BELOW``) white, paper black.

    White ink is what ``getbbox`` measures and what a rotation's new corners (black) do not
    add to, so every OCR step reads ink through this one threshold.
    """
    return image.convert("L").point(lambda v: 255 if v < INK_BELOW else 0)


def find_tables(image: Image, dpi: float) -> PageRules:
    """The ruled tables of a greyscale page image."""
    levels = rule_levels(image, INK_BELOW)
    width, height = levels.size
    gap = RULE_BREAK_IN * dpi
    rows = _dark_runs(levels.tobytes(), width, height, MIN_HORIZONTAL_IN * dpi, gap)
    columns = _dark_runs(
        levels.transpose(PILImage.Transpose.TRANSPOSE).tobytes(),
        height,
        width,
        MIN_VERTICAL_IN * dpi,
        gap,
    )
    snap = max(1.0, SNAP_IN * dpi)
    edges = [e for y, x0, x1 in rows for e in edge((x0, y), (x1, y))]
    edges += [e for x, y0, y1 in columns for e in edge((x, y0), (x, y1))]
    tables = ruled_tables(edges, snap=snap, tolerance=snap, where="scanned page")
    return PageRules(tables, rows, columns, snap)


def _dark_runs(
    pixels: bytes, width: int, height: int, min_length: float, gap: float
) -> list[tuple[int, int, int]]:
    """(line index, start, end) of every ink run of at least ``min_length`` pixels.

    ``pixels`` are ``rule_levels``: a run may cross breaks of up to ``gap`` rule-grey pixels.
    """
    ink, grey = re.escape(INK), re.escape(GREY)
    run = re.compile(b"%s+(?:%s{1,%d}%s+)*" % (ink, grey, max(1, int(gap)), ink))
    shortest = max(2, int(min_length))
    out: list[tuple[int, int, int]] = []
    for line in range(height):
        row = pixels[line * width : (line + 1) * width]
        if INK * 2 not in row:
            continue
        out.extend(
            (line, m.start(), m.end())
            for m in run.finditer(row)
            if m.end() - m.start() >= shortest
        )
    return out
