"""A speckled scan: rules broken by specks found, specks kept out of what OCR reads, and doubt.

No Tesseract needed: these check the rules found and the page image cells are cut from.
"""

from __future__ import annotations

import io
import random
from typing import TYPE_CHECKING

import pypdfium2
from PIL import Image, ImageDraw

from parsers.extract.ocr import _glyphs_lost
from parsers.extract.ocr_lines import find_tables, ink_mask
from parsers.extract.ocr_page import PSM_CHAR, PSM_LINE, render_page
from parsers.extract.ocr_specks import remove_specks, speck_mask
from parsers.extract.ocr_text import CellReading

if TYPE_CHECKING:
    from pathlib import Path

#: Cell size and table origin of the drawn pages, in pixels at 300 dpi.
CELL_W, CELL_H, X0, Y0 = 300, 100, 150, 300
ROWS, COLUMNS = 3, 2


def _table(*, gap: int, gap_level: int) -> Image.Image:
    """A 300 dpi page with a 3 x 2 table of two-pixel rules, each cell side broken once.

    ``gap`` pixels of every side, in its middle, are lifted to ``gap_level``: a speck on a
    blurred 150 dpi rule leaves grey (about 180), a real gap leaves paper (255).
    """
    page = Image.new("L", (1000, 800), 255)
    draw = ImageDraw.Draw(page)
    for r in range(ROWS + 1):
        y = Y0 + r * CELL_H
        draw.rectangle((X0, y, X0 + COLUMNS * CELL_W, y + 1), fill=130)
    for c in range(COLUMNS + 1):
        x = X0 + c * CELL_W
        draw.rectangle((x, Y0, x + 1, Y0 + ROWS * CELL_H), fill=130)
    if not gap:
        return page
    for r in range(ROWS + 1):
        for c in range(COLUMNS):
            middle = X0 + c * CELL_W + CELL_W // 2
            y = Y0 + r * CELL_H
            draw.rectangle((middle, y, middle + gap - 1, y + 1), fill=gap_level)
    for r in range(ROWS):
        for c in range(COLUMNS + 1):
            middle = Y0 + r * CELL_H + CELL_H // 2
            x = X0 + c * CELL_W
            draw.rectangle((x, middle, x + 1, middle + gap - 1), fill=gap_level)
    return page


def test_a_rule_broken_by_grey_specks_is_one_rule():
    # A white speck on a 150 dpi rule, blurred, lifted 3-12 pixels of it just above the ink
    # threshold: the rule came back in pieces and every cell along it was lost.
    rules = find_tables(_table(gap=10, gap_level=180), 300)
    assert [len(table) for table in rules.tables] == [ROWS * COLUMNS]


def test_a_rule_with_a_gap_of_paper_stays_broken():
    # Paper between two runs is what stands between glyphs: never bridged.
    rules = find_tables(_table(gap=10, gap_level=255), 300)
    assert rules.tables == []


def test_a_long_grey_break_is_not_bridged():
    rules = find_tables(_table(gap=40, gap_level=180), 300)
    assert rules.tables == []


def _speckled(count: int, seed: int = 1) -> Image.Image:
    """A 300 dpi page with a number, a decimal point beside it, and ``count`` 2 x 2 specks."""
    page = Image.new("L", (1200, 1200), 255)
    draw = ImageDraw.Draw(page)
    # digits: strokes 4 pixels wide, 30 tall; the point 4 x 4, 4 pixels from each
    for x in (400, 430, 460):
        draw.rectangle((x, 600, x + 3, 629), fill=40)
    draw.rectangle((468, 626, 471, 629), fill=40)
    for x in (476, 506):
        draw.rectangle((x, 600, x + 3, 629), fill=40)
    # above the number, 30 pixels apart: each alone in its window, as most specks are
    spots = [(x, y) for x in range(20, 1180, 30) for y in range(20, 560, 30)]
    for x, y in random.Random(seed).sample(spots, count):  # noqa: S311 - fixture
        draw.rectangle((x, y, x + 1, y + 1), fill=90)
    return page


def test_isolated_specks_are_painted_out_and_the_number_and_its_point_kept():
    page = _speckled(400)
    assert ink_mask(page.crop((0, 0, 1200, 580))).getbbox() is not None
    cleaned, speckled = remove_specks(page, 300)
    assert speckled
    assert ink_mask(cleaned.crop((0, 0, 1200, 580))).getbbox() is None
    number = (390, 590, 520, 640)
    assert cleaned.crop(number).tobytes() == page.crop(number).tobytes()


def test_a_page_with_a_few_dots_is_left_as_it_was():
    page = _speckled(10)
    assert speck_mask(page, 300).getbbox() is not None  # the dots are specks...
    # ...but too few to call the page speckled
    assert remove_specks(page, 300) == (page, False)


def test_a_clean_table_has_no_specks():
    assert speck_mask(_table(gap=0, gap_level=130), 300).getbbox() is None


def _rendered(page: Image.Image, folder: Path) -> tuple[bool, int]:
    """Whether ``render_page`` calls ``page`` speckled, and how many cells it finds."""
    out = io.BytesIO()
    page.save(out, "PDF", resolution=300.0)
    pdf = pypdfium2.PdfDocument(out.getvalue())
    try:
        rendered = render_page(pdf, 0, folder)
    finally:
        pdf.close()
    return rendered.speckled, sum(len(table) for table in rendered.tables)


def test_a_speckled_page_says_so_and_a_clean_one_does_not(tmp_path):
    # ``ocr`` asks more confidence of a speckled page's numbers: a speck left inside a 0
    # made it a confident 6.
    speckled = _table(gap=10, gap_level=180)
    speckled.paste(_speckled(400).crop((0, 0, 1000, 280)), (0, 0))
    assert _rendered(speckled, tmp_path) == (True, ROWS * COLUMNS)
    assert _rendered(_table(gap=0, gap_level=130), tmp_path) == (False, ROWS * COLUMNS)


def test_one_digit_read_from_a_crop_of_several_glyphs_is_doubtful():
    # Line mode dropped the blurred 5 of 50 and was sure of the 0 (confidence 96); the row of
    # zeros so read matched its total, read the same way.
    lost = _glyphs_lost(CellReading("0", number=True, doubtful=False), PSM_LINE)
    assert lost.doubtful
    kept = CellReading("50", number=True, doubtful=False)
    assert _glyphs_lost(kept, PSM_LINE) == kept
    alone = CellReading("0", number=True, doubtful=False)
    assert _glyphs_lost(alone, PSM_CHAR) == alone  # its ink was one glyph
    label = CellReading("3.其他", number=False, doubtful=False)
    assert _glyphs_lost(label, PSM_LINE) == label
