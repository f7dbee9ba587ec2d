"""One scanned page -> its rendered image with the tables blanked, and each cell cropped.

The preparation half of OCR (``parsers.extract.ocr`` runs Tesseract over the result). A page
is rendered by pypdfium2 at ``OCR_DPI``; a median-filtered copy finds the ruled cells
(``ocr_lines``) and each cell's ink, the unfiltered pixels are what Tesseract reads. Each cell
is cropped to its ink with a white margin and given a segmentation mode by its shape (one
character, one line, a block); blank cells are not cropped at all, so Tesseract cannot invent
text for them. The page itself is saved with its tables blanked, for the running text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from PIL import ImageDraw, ImageFilter, ImageOps

from parsers.extract.cellgrid import enclosing
from parsers.extract.ocr_deskew import deskew
from parsers.extract.ocr_lines import PixelBox, find_tables, ink_mask
from parsers.extract.ocr_remnants import paint_out, rule_remnants
from parsers.extract.ocr_specks import remove_specks

if TYPE_CHECKING:
    from pathlib import Path

    import pypdfium2  # type: ignore[import-untyped]
    from PIL.Image import Image

    from parsers.extract.ocr_text import Word

#: Render resolution: Tesseract's models are trained on ~300 dpi text.
OCR_DPI: Final = 300
#: Largest rendered page, in pixels (an A4 page at 300 dpi is 8.7 Mpx); larger pages are
#: rendered at a lower resolution rather than holding a poster-sized bitmap.
MAX_PAGE_PIXELS: Final = 40_000_000
#: Median-filter size that removes scanner speckle (odd, in pixels).
DESPECKLE_PIXELS: Final = 3
#: A cell is cropped this far (inches) inside its rules, so no rule is read as ``1`` or ``|``.
CELL_INSET_IN: Final = 0.02
#: White margin (inches) around a cell's ink: Tesseract misreads glyphs touching the edge.
CELL_MARGIN_IN: Final = 0.03
#: How far (inches) inside a cell's inset a rule's edge may be left (``ocr_remnants``).
RULE_REACH_IN: Final = 0.05
#: How far (inches) around the despeckled ink the raw ink is still part of the cell's text.
INK_PAD_IN: Final = 0.04
#: Ink taller than this (inches) is more than one line of 10.5-12 pt text: block mode.
TALL_LINE_IN: Final = 0.22
#: Tesseract page-segmentation modes: 3 = page, 6 = block of lines, 7 = one line, 10 = one
#: character (a lone ``0`` in line mode came back empty for one cell in ten, measured here).
PSM_PAGE: Final = 3
PSM_BLOCK: Final = 6
PSM_LINE: Final = 7
PSM_CHAR: Final = 10
#: Ink no wider than this many times its height is a single character.
CHAR_ASPECT: Final = 1.0


@dataclass(frozen=True, slots=True)
class Crop:
    page: int
    table: int
    cell: int
    path: Path
    psm: int  # how Tesseract should segment it: one character, one line or a block


@dataclass(slots=True)
class Page:
    number: int
    dpi: float
    height: float
    image: Path
    tables: list[list[PixelBox]]
    crops: list[Crop]
    skew: float = 0.0  # degrees the page was turned to make it upright
    speckled: bool = (
        False  # specks were painted out (``ocr_specks``): its reads are less sure
    )
    words: list[Word] = field(default_factory=list)


def render_page(pdf: pypdfium2.PdfDocument, number: int, folder: Path) -> Page:
    """Render one page, find its tables, save it with the tables blanked and its cells cropped."""
    page = pdf[number]
    try:
        width, height = page.get_size()
        dpi = float(OCR_DPI)
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > MAX_PAGE_PIXELS:
            dpi *= (MAX_PAGE_PIXELS / pixels) ** 0.5
        rendered: Image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    rendered, angle = deskew(full_contrast(rendered))
    # dots with no ink around them go from the pixels Tesseract reads (``ocr_specks``)
    rendered, speckled = remove_specks(rendered, dpi)
    # Scanner speckle breaks ruling lines into pieces and makes every cell look inked; a 3x3
    # median removes isolated dots. It is used to find rules and ink, not read: it also eats
    # thin strokes of low-resolution scans ((一)予以公开 was read as [二芳和孕以公开).
    cleaned = rendered.filter(ImageFilter.MedianFilter(DESPECKLE_PIXELS))
    rules = find_tables(cleaned, dpi)
    tables = rules.tables
    erased = rules.erase(rendered)
    crops = _save_cells(
        erased,
        rules.erase(cleaned),
        tables=tables,
        folder=folder,
        number=number,
        dpi=dpi,
    )
    # the cells are saved: blank the tables out of the same image for the running text
    draw = ImageDraw.Draw(erased)
    for table in tables:
        draw.rectangle(enclosing(table), fill=255)
    path = folder / f"p{number:04d}.png"
    erased.save(path)
    return Page(
        number, dpi, float(rendered.size[1]), path, tables, crops, angle, speckled
    )


def full_contrast(image: Image) -> Image:
    """``image`` (greyscale) with its darkest grey made black and its lightest white.

    A copy made as the toner ran out prints its ink grey (measured on the accuracy suite's
    faint scans: nothing darker than 86 of 255, a blurred rule lighter still), and every step
    after this reads ink through one threshold (``ocr_lines.INK_BELOW``): the rules' thin
    edges fall above it, cells run together, and nearly every number of such a scan was
    lost. Stretched, the page's darkest ink is black again. A page that already holds black
    and white (every clean, speckled or askew scan measured) is returned as it was.
    """
    return ImageOps.autocontrast(image.convert("L"))


def _save_cells(
    image: Image,
    cleaned: Image,
    *,
    tables: list[list[PixelBox]],
    folder: Path,
    number: int,
    dpi: float,
) -> list[Crop]:
    r"""Crop each cell to its ink (plus a white margin Tesseract wants); blank cells are skipped.

    Trimming matters: a header cell two rows tall holding one centred word was read as noise
    in block mode (``总计`` -> ``剖/G\\厂``); cropped to its ink it is one line.
    """
    inset = CELL_INSET_IN * dpi
    margin = round(CELL_MARGIN_IN * dpi)
    crops = []
    for t, table in enumerate(tables):
        for c, (x0, top, x1, bottom) in enumerate(table):
            box = (x0 + inset, top + inset, x1 - inset, bottom - inset)
            if box[2] - box[0] < 2 or box[3] - box[1] < 2:  # noqa: PLR2004 - degenerate
                continue
            area = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
            cell = image.crop(area)
            columns, rows = rule_remnants(cell, reach=round(RULE_REACH_IN * dpi))
            cell = paint_out(cell, columns, rows)
            ink = _ink(
                cell,
                paint_out(cleaned.crop(area), columns, rows),
                round(INK_PAD_IN * dpi),
            )
            if ink is None:
                continue  # a blank cell: nothing to read, and nothing Tesseract could invent
            trimmed = ImageOps.expand(cell.crop(ink), border=margin, fill=255)
            path = folder / f"p{number:04d}-{t:03d}-{c:04d}.png"
            trimmed.save(path)
            crops.append(Crop(number, t, c, path, _mode(ink, dpi)))
    return crops


def _ink(raw: Image, cleaned: Image, pad: int) -> tuple[int, int, int, int] | None:
    """Where a cell's ink is, or None for a blank cell.

    The despeckled copy says whether there is ink and roughly where (scanner dots are none),
    the raw pixels near that say exactly where: the median filter thins strokes, and a crop
    cut at its edge could drop the thin leading ``1`` of ``11`` and read a wrong number.
    """
    rough = ink_mask(cleaned).getbbox()
    if rough is None:
        return None
    window = (
        max(0, rough[0] - pad),
        max(0, rough[1] - pad),
        min(raw.size[0], rough[2] + pad),
        min(raw.size[1], rough[3] + pad),
    )
    exact = ink_mask(raw.crop(window)).getbbox()
    if exact is None:
        return rough
    return (
        window[0] + exact[0],
        window[1] + exact[1],
        window[0] + exact[2],
        window[1] + exact[3],
    )


def _mode(ink: tuple[int, int, int, int], dpi: float) -> int:
    width, height = ink[2] - ink[0], ink[3] - ink[1]
    if height > TALL_LINE_IN * dpi:
        return PSM_BLOCK
    if width <= CHAR_ASPECT * height:
        return PSM_CHAR
    return PSM_LINE
