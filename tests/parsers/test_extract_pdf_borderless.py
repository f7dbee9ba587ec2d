"""Borderless PDF tables: rows of numbers in columns, labels wrapped between them, no rules.

Each fixture is a page or two drawn with reportlab, word by word at fixed positions, the way
Word prints a table without borders: every cell's text at its top, left-aligned, labels wrapped
one or two characters a line in narrow columns, numbers in another font a point lower. The
report parser's side: grids read from positions give way to the text when they break a rule.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from reportlab.pdfgen import canvas

from crawler.sampleportal.documents_layout import FONT
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.pdf import extract_pdf
from parsers.extract.pdf_lines import Line, Word, page_lines
from parsers.extract.pdf_text import Char
from parsers.model import POSITIONED_TABLES, Document, Table
from parsers.report import parse_report

GOLDEN = Path(__file__).parent / "golden"

PAGE_HEIGHT = 792.0
PITCH = 12.3
#: left edges of the label sub-columns and of the number columns (40 points apart)
GROUP, OWN = 72.0, 112.0
NUMBERS = (192.0, 232.0, 272.0)

#: (line, x, text): one word a call; line numbers count PITCH down from the first line
Drawn = list[tuple[int, float, str]]


def _pdf(pages: list[Drawn], *, top: float = 100.0) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(612, PAGE_HEIGHT))
    for number, drawn in enumerate(pages):
        if number:
            pdf.showPage()
        for line, x, text in drawn:
            pdf.setFont(FONT, 10.5)
            y = PAGE_HEIGHT - top - line * PITCH
            if text[0].isdigit() and x in NUMBERS:
                y -= 0.8  # numbers sit a little lower (another font in Word)
            pdf.drawString(x, y, text)
    pdf.save()
    return out.getvalue()


def _header() -> Drawn:
    return [
        (0, NUMBERS[0], "甲类"),
        (0, NUMBERS[1], "合计组织情况"),  # wider than its column: spread over two
        (1, NUMBERS[1], "乙"),
        (1, NUMBERS[2], "总计"),
        (2, NUMBERS[1], "类"),
    ]


def _rows(first: int) -> Drawn:
    """Three rows: a group label one or two characters a line, own labels wrapped."""
    n = first
    return [
        (n, GROUP, "三、"),
        (n, OWN, "（一）办"),
        *[(n, x, v) for x, v in zip(NUMBERS, ("4", "5", "9"), strict=True)],
        (n + 1, GROUP, "办理"),
        (n + 1, OWN, "结事项"),
        (n + 2, GROUP, "结果"),
        (n + 2, OWN, "（二）转"),
        *[(n + 2, x, v) for x, v in zip(NUMBERS, ("10", "0", "10"), strict=True)],
        (n + 3, OWN, "办事项"),
        (n + 4, OWN, "（三）其"),
        *[(n + 4, x, v) for x, v in zip(NUMBERS, ("1", "27", "28"), strict=True)],
        (n + 5, OWN, "他"),
    ]


def _tables(body: bytes) -> tuple[tuple[tuple[str, ...], ...], ...]:
    document = extract_pdf(body, limits=DEFAULT_LIMITS)
    return tuple(table.rows for table in document.tables)


def test_a_borderless_table_reads_as_a_grid_with_group_and_own_labels():
    (rows,) = _tables(_pdf([_header() + _rows(3)]))
    assert rows[-3:] == (
        ("三、办理结果", "（一）办结事项", "4", "5", "9"),
        ("", "（二）转办事项", "10", "0", "10"),
        ("", "（三）其他", "1", "27", "28"),
    )
    header = rows[:-3]
    assert header[0][2:] == ("甲类", "合计组织情况", "合计组织情况")
    assert header[-1][2:] == ("甲类", "乙类", "总计")


def test_the_header_marks_spread_and_merged_down_cells_as_copies():
    document = extract_pdf(_pdf([_header() + _rows(3)]), limits=DEFAULT_LIMITS)
    (table,) = document.tables
    assert (0, 4) in table.covered  # 合计组织情况's second place
    assert (1, 2) in table.covered  # 甲类 merged down into the second header row
    assert (3, 2) not in table.covered  # numbers are never copies


def test_a_table_continues_across_a_page_break_with_its_torn_label():
    rows = _rows(3)
    # the page ends after the second row's first label line; the rest goes on overleaf
    first = [item for item in rows if item[0] <= 2 + 3]
    rest = [(line - 6, x, text) for line, x, text in rows if line > 2 + 3]
    (table,) = _tables(_pdf([_header() + first, rest], top=80.0))
    assert table[-2:] == (
        ("", "（二）转办事项", "10", "0", "10"),
        ("", "（三）其他", "1", "27", "28"),
    )


def _without(drawn: Drawn, line: int, column: int) -> Drawn:
    """``drawn`` with the number of ``line`` in column ``column`` left out (a blank cell)."""
    return [item for item in drawn if (item[0], item[1]) != (line, NUMBERS[column])]


def test_a_row_leaving_a_column_blank_reads_with_an_empty_cell():
    # the organ left the second row's middle cell empty: nothing prints there
    (rows,) = _tables(_pdf([_header() + _without(_rows(3), 5, 1)]))
    assert rows[-3:] == (
        ("三、办理结果", "（一）办结事项", "4", "5", "9"),
        ("", "（二）转办事项", "10", "", "10"),
        ("", "（三）其他", "1", "27", "28"),
    )


def test_a_row_with_its_own_item_number_right_under_a_full_cell_is_a_row():
    # the next item's label starts on the line right after a row whose numbers fill their
    # cells: a wrapped cell's second line starts no label, so it is a row with a blank cell
    whole = [*_header(), *_rows(3), (9, OWN, "（四）续"), (10, OWN, "（五）补")]
    whole += [(9, x, v) for x, v in zip(NUMBERS, ("281", "1", "282"), strict=True)]
    whole += [(10, NUMBERS[0], "2"), (10, NUMBERS[2], "2")]
    (rows,) = _tables(_pdf([whole]))
    assert rows[-2:] == (
        ("", "（四）续", "281", "1", "282"),
        ("", "（五）补", "2", "", "2"),
    )


def test_a_wrapped_number_still_leaves_every_table_to_the_text():
    # 28165 too wide for its cell (总计 is as wide as four digits): its last digit on the
    # label's next line, under it, looks like a row of its own leaving two columns empty
    cut = [(n, x, "2816" if (n, x) == (7, NUMBERS[2]) else t) for n, x, t in _rows(3)]
    assert len(_tables(_pdf([_header() + cut]))) == 1  # the control: no tail
    assert _tables(_pdf([[*_header(), *cut, (8, NUMBERS[2], "5")]])) == ()


def test_a_column_blank_in_every_row_gives_no_table():
    # no number shows where the middle column is: its header would fall to a neighbour
    drawn = _rows(3)
    for line in (3, 5, 7):
        drawn = _without(drawn, line, 1)
    assert _tables(_pdf([_header() + drawn])) == ()


def test_labels_centred_on_their_numbers_are_not_read_as_a_table():
    # the last row's numbers one line lower, beside the second line of its label: its first
    # line (with its item number) then falls in the row above, whose label runs into it
    drawn = [
        (line + 1 if text in {"1", "27", "28"} else line, x, text)
        for line, x, text in _rows(3)
    ]
    assert (
        len(_tables(_pdf([_header() + _rows(3)]))) == 1
    )  # the control: set at the top
    assert _tables(_pdf([_header() + drawn])) == ()


def test_a_run_of_numbers_without_a_header_is_no_table():
    assert len(_tables(_pdf([_header() + _rows(3)]))) == 1  # the control: with a header
    assert _tables(_pdf([_rows(3)])) == ()


def test_page_lines_give_words_their_edges_and_rows_their_numbers():
    chars = [
        Char("规", 72.0, 82.5, 100.0, 110.5, True),
        Char("章", 82.5, 93.0, 100.0, 110.5, True),
        Char("1", 112.0, 119.0, 100.8, 111.8, True),
        Char("2", 119.0, 126.0, 100.8, 111.8, True),
        Char("-", 152.0, 156.0, 100.8, 111.8, True),
        Char("5", 156.0, 163.0, 100.8, 111.8, True),
        Char("2", 72.0, 79.0, 130.0, 141.0, True),
        Char("年", 82.0, 92.5, 130.0, 140.5, True),
    ]
    row, sentence = page_lines(chars, page=0, height=PAGE_HEIGHT)
    assert row.words == (
        Word("规章", 72.0, 93.0),
        Word("12", 112.0, 126.0),
        Word("-5", 152.0, 163.0),
    )
    assert row.is_row
    assert [w.text for w in row.labels] == ["规章"]
    assert not sentence.is_row  # a number followed by text is a sentence's
    assert isinstance(sentence, Line)


def _review_grid(total: str) -> Table:
    """Part 四 as a grid of its three header rows and one row of numbers."""
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    numbers = ["1", "2", "3", "4", total, *["0"] * 5, "1", "0", "0", "0", "1"]
    return Table(
        rows=(
            tuple(["行政复议"] * 5 + ["行政诉讼"] * 10),
            tuple(results + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5),
            tuple(results * 3),
            tuple(numbers),
        )
    )


def test_tables_read_from_positions_give_way_to_the_text_when_they_break_a_rule():
    text = (GOLDEN / "2021-changchun-nanguan-xingfu" / "source.txt").read_text(
        encoding="utf-8"
    )
    from_text = parse_report(Document(text=text, media_type="application/pdf"))
    broken = Document(
        text=text,
        tables=(_review_grid("99"),),  # 1 + 2 + 3 + 4 is not 99
        meta={"tables": POSITIONED_TABLES},
        media_type="application/pdf",
    )
    assert parse_report(broken) == from_text
    # the control: the same grid drawn with rules is the organ's own error, kept as printed
    ruled = parse_report(replace(broken, meta={}))
    assert ruled.status == "inconsistent"
    assert ruled.review_litigation["review"]["total"] == 99
    # and a positioned grid that keeps the rules is read
    kept = parse_report(replace(broken, tables=(_review_grid("10"),)))
    assert kept.review_litigation["review"]["upheld"] == 1
