"""A scanned page's preparation for OCR: faint ink made black, a rule's grey edge kept out of cells.

No Tesseract needed: these check the page images and cell crops OCR is given.
"""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, ImageDraw

from parsers.extract.ocr_lines import ink_mask
from parsers.extract.ocr_page import full_contrast, render_page
from parsers.extract.ocr_remnants import paint_out, rule_remnants

#: Cell size and table origin of the drawn pages, in pixels at 300 dpi.
CELL_W, CELL_H, X0, Y0 = 300, 100, 150, 300


def _page(*, ink: int, edge: int | None = None) -> Image.Image:
    """A 300 dpi page with a 3 x 2 ruled table, a number in each cell, drawn in grey ``ink``.

    ``edge``: each vertical rule also gets a two-pixel grey line of this level on both sides,
    a few pixels off, as a low-resolution scan leaves a rule's blurred edge beyond the cells'
    inset; dark near each cell's corners (where the scan measured it so), too short there to
    be a rule of its own.
    """
    page = Image.new("L", (1200, 1000), 255)
    draw = ImageDraw.Draw(page)
    if edge is not None:  # under the rules: they cross it
        for c in range(3):
            x = X0 + c * CELL_W
            for side in (x - 9, x + 10):
                draw.rectangle((side, Y0, side + 1, Y0 + 3 * CELL_H), fill=edge)
                for r in range(3):
                    top = Y0 + r * CELL_H
                    draw.rectangle((side, top + 8, side + 1, top + 14), fill=100)
                    draw.rectangle(
                        (side, top + CELL_H - 14, side + 1, top + CELL_H - 8), fill=100
                    )
    for r in range(3):
        for c in range(2):
            box = (
                X0 + c * CELL_W,
                Y0 + r * CELL_H,
                X0 + (c + 1) * CELL_W,
                Y0 + (r + 1) * CELL_H,
            )
            draw.rectangle(box, outline=ink, width=3)
            draw.text((box[0] + 40, box[1] + 40), f"{3395 + r}", fill=ink)
    return page


def _pdf(page: Image.Image) -> pypdfium2.PdfDocument:
    out = io.BytesIO()
    page.save(out, "PDF", resolution=300.0)
    return pypdfium2.PdfDocument(out.getvalue())


def test_a_faint_page_is_stretched_to_black_and_white():
    faint = _page(ink=180)
    assert ink_mask(faint).getbbox() is None  # nothing is dark enough to be ink
    stretched = full_contrast(faint)
    assert stretched.getextrema() == (0, 255)
    assert ink_mask(stretched).getbbox() is not None


def test_a_page_of_black_and_white_is_left_as_it_was():
    page = _page(ink=0)
    assert full_contrast(page).tobytes() == page.tobytes()


def test_the_table_of_a_faint_scan_is_found(tmp_path):
    # Printed with the toner running out: grey rules above the ink threshold, no table was
    # found and every number of the page was lost.
    pdf = _pdf(_page(ink=180))
    try:
        page = render_page(pdf, 0, tmp_path)
    finally:
        pdf.close()
    assert [len(table) for table in page.tables] == [6]
    assert len(page.crops) == 6


def test_a_rule_edge_along_a_cell_is_found_by_its_length_and_painted_out():
    cell = Image.new("L", (200, 80), 255)
    draw = ImageDraw.Draw(cell)
    draw.line((196, 0, 196, 79), fill=190)  # grey, lighter than the ink threshold
    draw.line((0, 1, 199, 1), fill=200)
    draw.text((20, 30), "3395", fill=0)
    columns, rows = rule_remnants(cell, reach=6)
    assert (columns, rows) == ([196], [1])
    cleared = paint_out(cell, columns, rows)
    # as light as the rule's edge, to show nothing of it is left
    lighter = cleared.point(lambda v: 255 if v < 224 else 0)
    _, top, right, _ = lighter.getbbox()
    # only the number is left
    assert right < 100
    assert top > 20


def test_a_cell_crop_holds_its_number_and_not_the_rule_edge_beside_it(tmp_path):
    # The rules' dark cores are painted out, their grey edges were not: Tesseract read the
    # edge left in the crop as "|" glued to the number (3395|), a doubtful cell.
    pdf = _pdf(_page(ink=0, edge=200))
    try:
        page = render_page(pdf, 0, tmp_path)
    finally:
        pdf.close()
    assert len(page.crops) == 6
    for crop in page.crops:
        with Image.open(crop.path) as image:
            width = image.size[0]
        # the number's ink (four digits of PIL's default font) plus the white margins; a
        # crop reaching the rule's edge is as wide as the cell
        assert width < CELL_W / 2, crop.path.name


def test_a_line_of_text_across_a_narrow_cell_is_not_taken_for_a_rule():
    # 结果维 wrapped in a narrow cell: its horizontal strokes ink one row of pixels from side
    # to side; painted out, the line was cut in two and read as 结黑维 / =百示=丘.
    cell = Image.new("L", (120, 90), 255)
    ImageDraw.Draw(cell).rectangle((2, 44, 117, 46), fill=0)
    assert rule_remnants(cell, reach=15) == ([], [])
