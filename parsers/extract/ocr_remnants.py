"""What is left of a table rule inside a scanned cell, found by its shape and painted out.

``ocr_lines.PageRules.erase`` paints out the dark pixel runs that drew each rule, but a
scanned rule is wider than its dark core: its anti-aliased edge, grey rather than black, is
left standing beside the cell's text, and a rule that drifts a pixel (a scan turned back
upright, a copier's uneven feed) leaves a sliver inside the cell's inset. Tesseract reads that
sliver as a word of its own, ``|`` glued to the number (``3395|``, ``|0``): the cell is
doubtful, and in the 总计 column that leaves a whole row's rule unconfirmed (measured on the
accuracy suite's scans, most of a 150 dpi scan's doubtful 总计 cells). Where the sliver came
from the cell's shape says: a line of ink along almost the whole height (or width) of a cell,
next to its edge, is a rule, since no glyph of a cell's text runs from its top rule to its
bottom one (a cell's text sits inside a margin, and a digit is half a row tall at most). Only
next to the edge: across the middle of a narrow cell, one line of text can ink a row of
pixels from side to side (the horizontal strokes of 结果维), and painting it out cut the line
in two, read as ``结黑维 / =百示=丘``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PIL import Image as PILImage
from PIL import ImageDraw

if TYPE_CHECKING:
    from PIL.Image import Image

#: Grey under which a pixel may belong to a rule, its anti-aliased edge included (lighter
#: than ``ocr_lines.INK_BELOW``: the edge left standing is grey, not black).
RULE_GREY_BELOW: Final = 224
#: Share of a cell's height (width) a column (row) of pixels must be inked over to be a rule.
RULE_SHARE: Final = 0.8


def rule_remnants(cell: Image, *, reach: int) -> tuple[list[int], list[int]]:
    """The pixel columns and rows of ``cell`` (greyscale) that are what is left of a rule.

    Only those within ``reach`` pixels of the cell's sides are looked at.

    >>> from PIL import Image, ImageDraw
    >>> cell = Image.new("L", (40, 20), 255)
    >>> ImageDraw.Draw(cell).line((38, 0, 38, 19), fill=190)
    >>> ImageDraw.Draw(cell).text((5, 5), "12", fill=0)
    >>> rule_remnants(cell, reach=4)
    ([38], [])
    """
    mask = cell.convert("L").point(lambda v: 255 if v < RULE_GREY_BELOW else 0)
    width, height = mask.size
    least = RULE_SHARE * 255
    columns = mask.resize((width, 1), PILImage.Resampling.BOX).tobytes()
    rows = mask.resize((1, height), PILImage.Resampling.BOX).tobytes()
    return (
        [
            x
            for x, level in enumerate(columns)
            if level >= least and _beside(x, width, reach)
        ],
        [
            y
            for y, level in enumerate(rows)
            if level >= least and _beside(y, height, reach)
        ],
    )


def _beside(place: int, size: int, reach: int) -> bool:
    """Whether pixel ``place`` of a line ``size`` pixels long is within ``reach`` of its ends."""
    return place < reach or place >= size - reach


def paint_out(cell: Image, columns: list[int], rows: list[int]) -> Image:
    """A copy of ``cell`` with the given pixel ``columns`` and ``rows`` white."""
    out = cell.copy()
    draw = ImageDraw.Draw(out)
    width, height = out.size
    for x in columns:
        draw.line((x, 0, x, height - 1), fill=255)
    for y in rows:
        draw.line((0, y, width - 1, y), fill=255)
    return out
