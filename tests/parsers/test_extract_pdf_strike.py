"""PDF text struck through (tracked changes printed), and rows that meet at a page break.

Drawn with reportlab: a line through the middle of characters strikes them out, a line at
their foot underlines them, a border passing along or through a whole row strikes nothing.
"""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.pdf import extract_pdf
from tests.parsers.docbuild_layout import FONT

SIZE = 12


def _pdf(
    draw: list[tuple[str, float, float]], lines: list[tuple[float, float, float]]
) -> bytes:
    """One page: texts at (x, baseline y), horizontal lines (x0, x1, y), bottom-up points."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(400, 300))
    page.setFont(FONT, SIZE)
    for text, x, y in draw:
        page.drawString(x, y, text)
    for x0, x1, y in lines:
        page.line(x0, y, x1, y)
    page.save()
    return out.getvalue()


def _width(text: str) -> float:
    return canvas.Canvas(io.BytesIO()).stringWidth(text, FONT, SIZE)


def test_digits_struck_through_are_left_out_and_counted():
    old_x = 100 + _width("行政许可 ")
    new_x = old_x + _width("43")
    body = _pdf(
        [("行政许可 ", 100, 200), ("43", old_x, 200), ("0", new_x, 200)],
        [(old_x, new_x, 200 + 0.3 * SIZE)],  # through the digits' middle
    )
    document = extract_pdf(body, limits=DEFAULT_LIMITS)
    assert "430" not in document.text
    assert "行政许可 0" in document.text
    assert document.meta["struck_chars"] == "2"


def test_an_underline_strikes_nothing():
    body = _pdf(
        [("行政许可 430", 100, 200)], [(100, 100 + _width("行政许可 430"), 198)]
    )
    document = extract_pdf(body, limits=DEFAULT_LIMITS)
    assert "行政许可 430" in document.text
    assert "struck_chars" not in document.meta


def test_a_line_far_longer_than_the_text_it_crosses_is_no_strike():
    # a border drawn across the page through a short label's middle is not its strike-through
    body = _pdf([("规范性文件 12", 100, 200)], [(20, 380, 200 + 0.3 * SIZE)])
    document = extract_pdf(body, limits=DEFAULT_LIMITS)
    assert "规范性文件 12" in document.text
    assert "struck_chars" not in document.meta


def test_a_struck_label_is_left_out_too():
    x = 100 + _width("行政许可")
    body = _pdf(
        [("行政许可", 100, 200), ("行政处罚 7", x, 200)],
        [(100, x, 200 + 0.35 * SIZE)],
    )
    document = extract_pdf(body, limits=DEFAULT_LIMITS)
    assert "行政许可" not in document.text
    assert "行政处罚 7" in document.text


def _ruled_rows(page: canvas.Canvas, rows: list[list[str]], top: float) -> None:
    """A ruled table of 3 columns 80 points wide, rows 20 high, its top edge at ``top``."""
    xs = [60, 140, 220, 300]
    ys = [top - 20 * i for i in range(len(rows) + 1)]
    for y in ys:
        page.line(xs[0], y, xs[-1], y)
    for x in xs:
        page.line(x, ys[0], x, ys[-1])
    for row, y in zip(rows, ys, strict=False):
        for text, x in zip(row, xs, strict=False):
            page.drawString(x + 4, y - 15, text)


def test_a_header_row_ending_a_page_is_not_fused_with_the_number_row_starting_the_next():
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(400, 300))
    page.setFont(FONT, SIZE)
    page.drawString(60, 250, "四、政府信息公开行政复议情况")
    _ruled_rows(
        page,
        [["行政复议", "行政复议", "行政复议"], ["结果维持", "结果纠正", "总计"]],
        70,
    )
    page.showPage()
    page.setFont(FONT, SIZE)
    _ruled_rows(page, [["3", "0", "3"]], 270)
    page.drawString(60, 200, "五、存在的主要问题及改进情况")
    page.save()
    document = extract_pdf(out.getvalue(), limits=DEFAULT_LIMITS)
    (table,) = document.tables
    assert table.rows[-2:] == (("结果维持", "结果纠正", "总计"), ("3", "0", "3"))
