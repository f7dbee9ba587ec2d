"""The PDFium path: characters, ruling lines and the layout rules, on PDFs drawn with reportlab.

Each PDF is drawn here with reportlab's canvas (CJK through the CID font STSong-Light, Latin
through Helvetica), so the expected positions are known: a ruled table (lines, cell boxes,
thin filled boxes, a form XObject), an unruled one, rotated text, a font without Unicode
mapping. The layout rules (``pdf_text``) are also checked against pdfplumber's own functions
on the same characters, and the edge geometry (``ruling``) against pdfplumber's.
"""

from __future__ import annotations

import io
import itertools
import random

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from pdfplumber.table import cells_to_tables as plumber_tables
from pdfplumber.table import edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumber_cells
from pdfplumber.table import merge_edges as plumber_merge
from pdfplumber.utils import extract_text as plumber_block_text
from pdfplumber.utils.text import chars_to_textmap
from reportlab.pdfgen import canvas

from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import NeedsOcrError, ResourceLimitError
from parsers.extract import ruling_cells
from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits
from parsers.extract.pdf import extract_pdf
from parsers.extract.pdf_guard import check_inflated_size
from parsers.extract.pdf_page import read_page
from parsers.extract.pdf_plumber import extract_pdf_plumber
from parsers.extract.pdf_text import Char, block_text, page_text
from parsers.extract.ruling import (
    as_rules,
    edge,
    intersections_to_cells,
    merge_edges,
    tables_of_rules,
)
from tests.accuracy import render_pdf
from tests.parsers.docbuild import inflate_bomb_pdf, pdf_from_objects
from tests.parsers.docbuild_layout import FONT, build_pdf

PAGE_H = 842.0


def _draw(paint) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, PAGE_H), invariant=1)
    paint(pdf)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _page(body: bytes):
    document = pypdfium2.PdfDocument(body)
    return read_page(document[0])


def _grid(pdf, xs, ys, how: str) -> None:
    """A table whose column edges are ``xs`` and row edges ``ys`` (PDF y, bottom-up)."""
    pdf.setLineWidth(0.5)
    if how == "lines":
        for y in ys:
            pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
    elif how == "boxes":
        for x0, x1 in itertools.pairwise(xs):
            for y0, y1 in itertools.pairwise(ys):
                pdf.rect(x0, y1, x1 - x0, y0 - y1)
    else:  # Word's way: every rule a thin filled box
        for y in ys:
            pdf.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)
        for x in xs:
            pdf.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)


XS = (100.0, 250.0, 330.0, 410.0)
YS = (700.0, 680.0, 660.0, 640.0)
CELLS = (
    ("项目", "本年新收", "上年结转"),
    ("自然人", "1665", "9"),
    ("法人", "12", "0"),
)


def _table_pdf(how: str) -> bytes:
    def paint(pdf) -> None:
        _grid(pdf, XS, YS, how)
        pdf.setFont(FONT, 9)
        for r, row in enumerate(CELLS):
            for c, text in enumerate(row):
                pdf.drawString(XS[c] + 3, YS[r] - 14, text)
        pdf.drawString(100, 760, "二、收到和处理政府信息公开申请情况")

    return _draw(paint)


@pytest.mark.parametrize("how", ["lines", "boxes", "thin-filled-boxes"])
def test_a_ruled_table_comes_out_as_its_grid(how):
    document = extract_pdf(_table_pdf(how), limits=DEFAULT_LIMITS)
    assert [t.rows for t in document.tables] == [CELLS]
    assert document.extractor == "pdfium"


@pytest.mark.parametrize("how", ["lines", "boxes", "thin-filled-boxes"])
def test_rules_become_edges_at_their_drawn_positions(how):
    rules = _page(_table_pdf(how)).edges  # (orientation, x0, top, x1, bottom)
    horizontal = {round(r[2], 1) for r in rules if r[0] == "h"}
    vertical = {round(r[1], 1) for r in rules if r[0] == "v"}
    assert horizontal == {PAGE_H - y for y in YS}
    assert vertical == set(XS)


def test_rules_inside_a_form_xobject_are_placed_by_its_matrix():
    def paint(pdf) -> None:
        pdf.beginForm("grid")
        _grid(pdf, (0.0, 150.0, 230.0, 310.0), (60.0, 40.0, 20.0, 0.0), "lines")
        pdf.endForm()
        pdf.saveState()
        pdf.translate(100, 640)
        pdf.doForm("grid")
        pdf.restoreState()
        pdf.setFont(FONT, 9)
        for r, row in enumerate(CELLS):
            for c, text in enumerate(row):
                pdf.drawString(XS[c] + 3, YS[r] - 14, text)

    document = extract_pdf(_draw(paint), limits=DEFAULT_LIMITS)
    assert [t.rows for t in document.tables] == [CELLS]


def test_an_unruled_table_is_text_in_rows_with_spaces_between_cells():
    def paint(pdf) -> None:
        pdf.setFont(FONT, 9)
        for r, row in enumerate(CELLS):
            for c, text in enumerate(row):
                pdf.drawString(XS[c] + 3, YS[r] - 14, text)

    document = extract_pdf(_draw(paint), limits=DEFAULT_LIMITS)
    assert document.tables == ()
    assert document.text.splitlines() == [" ".join(row) for row in CELLS]


def test_cjk_and_latin_characters_have_pdfminer_boxes():
    def paint(pdf) -> None:
        pdf.setFont(FONT, 10.5)
        pdf.drawString(100, 650, "示范12")
        text = pdf.beginText()
        text.setTextTransform(
            10.5, 0, 0, 10.5, 100, 600
        )  # size 1, scaled by the matrix
        text.setFont(FONT, 1)
        text.textOut("示范")
        pdf.drawText(text)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(100, 550, "Hello 123")

    chars = _page(_draw(paint)).chars
    assert (
        "".join(c.text for c in chars) == "示范12示范Hello 123"
    )  # a drawn space stays
    first, scaled = chars[0], chars[4]
    assert (first.x0, first.x1) == pytest.approx((100.0, 110.5), abs=0.01)
    assert first.bottom - first.top == pytest.approx(10.5)
    assert scaled.bottom - scaled.top == pytest.approx(10.5)  # size from the matrix
    assert PAGE_H - 650 < first.bottom < PAGE_H - 650 + 4  # descent below the baseline
    assert all(c.upright for c in chars)


def test_rotated_text_is_not_upright_and_reads_along_its_direction():
    def paint(pdf) -> None:
        pdf.setFont(FONT, 10.5)
        pdf.saveState()
        pdf.translate(350, 500)
        pdf.rotate(-90)  # written top to bottom, as Word writes a vertical cell label
        pdf.drawString(0, 0, "本年度办理结果")
        pdf.restoreState()
        pdf.drawString(100, 700, "正文")

    body = _draw(paint)
    chars = _page(body).chars
    rotated = [c for c in chars if not c.upright]
    assert "".join(c.text for c in rotated) == "本年度办理结果"
    assert all(a.top < b.top for a, b in itertools.pairwise(rotated))
    # runs of rotated and upright characters keep their content order, as in pdfplumber
    assert extract_pdf(body, limits=DEFAULT_LIMITS).text.splitlines() == [
        "本年度办理结果",
        "正文",
    ]


def _unmapped_font_pdf(codes: bytes) -> bytes:
    content = b"BT /F1 12 Tf 20 200 Td <" + codes.hex().encode() + b"> Tj ET"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
                b" /Resources << /Font << /F1 5 0 R >> >> >>"
            ),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            (
                b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H"
                b" /DescendantFonts [6 0 R] >>"
            ),
            (
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo"
                b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
            ),
        ]
    )


def test_glyphs_without_unicode_read_as_cid_and_the_pdf_needs_ocr():
    body = _unmapped_font_pdf(bytes([0, 5, 0, 6, 0, 7, 1, 2, 0, 9, 0, 10]))
    assert [c.text for c in _page(body).chars][:2] == ["(cid:5)", "(cid:6)"]
    with pytest.raises(NeedsOcrError, match="Unicode mapping"):
        extract_pdf(body, limits=DEFAULT_LIMITS)


def test_a_bomb_stream_is_refused_before_pdfium_reads_it():
    body = inflate_bomb_pdf(64)
    with pytest.raises(ResourceLimitError, match="inflate"):
        check_inflated_size(body, budget=32 << 20)
    check_inflated_size(body, budget=128 << 20)  # within budget: no error
    with pytest.raises(ResourceLimitError):
        extract_pdf(body, limits=ExtractionLimits(memory_bytes=64 << 20))


def _sample_bodies() -> list[bytes]:
    bodies = [
        build_pdf(generate_numbers(random.Random(i), fmt), 2022, split=split)  # noqa: S311
        for i, (fmt, split) in enumerate(
            [("2019", True), ("2021", True), ("2021", False)]
        )
    ]
    return bodies + [case.source[0] for case in render_pdf.cases(3, 8)]


SAMPLES = _sample_bodies()


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_pdfium_and_pdfplumber_paths_give_the_same_text_and_grids(index):
    body = SAMPLES[index]
    new = extract_pdf(body, limits=DEFAULT_LIMITS)
    old = extract_pdf_plumber(body, limits=DEFAULT_LIMITS)
    assert new.text == old.text
    assert new.tables == old.tables
    assert new.meta == old.meta


def _plumber_chars(chars: list[Char]) -> list[dict]:
    return [
        {
            "text": c.text,
            "x0": c.x0,
            "x1": c.x1,
            "top": c.top,
            "bottom": c.bottom,
            "doctop": c.top,
            "upright": c.upright,
            "height": c.bottom - c.top,
            "width": c.x1 - c.x0,
        }
        for c in chars
    ]


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_layout_rules_match_pdfplumbers_on_the_same_characters(index):
    document = pypdfium2.PdfDocument(SAMPLES[index])
    for number in range(len(document)):
        chars = read_page(document[number]).chars
        dicts = _plumber_chars(chars)
        expected = chars_to_textmap(
            dicts, layout_bbox=(0, 0, 595, PAGE_H), presorted=True
        ).as_string
        assert page_text(chars) == expected
        rng = random.Random(index * 10 + number)  # noqa: S311
        for _ in range(20):  # random blocks, as cells pick them
            start = rng.randrange(len(chars))
            stop = start + rng.randrange(1, 40)
            assert block_text(chars[start:stop]) == plumber_block_text(
                dicts[start:stop]
            )


def test_rotated_runs_and_ligatures_read_like_pdfplumbers():
    chars = [
        Char("结", 347.3, 358.6, 342.0, 352.5, False),
        Char("果", 347.3, 358.2, 352.5, 363.0, False),
        Char("合", 100.0, 110.0, 300.0, 310.0, True),
        Char("计", 110.0, 120.0, 300.0, 310.0, True),
        Char("ﬁ", 121.0, 126.0, 300.5, 310.5, True),  # a ligature, expanded
        Char("ﬂ", 140.0, 145.0, 300.0, 310.0, True),  # a gap: a word of its own
    ]
    assert block_text(chars) == plumber_block_text(_plumber_chars(chars))


def _random_edges(rng: random.Random) -> list[dict]:
    xs = sorted(rng.sample(range(0, 400, 7), rng.randint(2, 9)))
    ys = sorted(rng.sample(range(0, 600, 9), rng.randint(2, 12)))
    out = []
    for y in ys:
        for a, b in itertools.pairwise(xs):
            if rng.random() < 0.8:
                jitter = rng.choice([0.0, 0.3, 1.7])
                out += edge((a, y + jitter), (b, y + jitter))
    for x in xs:
        for a, b in itertools.pairwise(ys):
            if rng.random() < 0.8:
                out += edge((x + rng.choice([0.0, 0.4]), a), (x, b))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_edge_geometry_matches_pdfplumbers(seed):
    edges = _random_edges(random.Random(seed))  # noqa: S311
    fields = ("x0", "x1", "top", "bottom", "orientation")
    merged = merge_edges(edges, 3)
    assert [{k: e[k] for k in fields} for e in merged] == [
        {k: e[k] for k in fields} for e in plumber_merge(edges, 3, 3, 3, 3)
    ]
    points = edges_to_intersections(merged, 3, 3)
    assert intersections_to_cells(points) == plumber_cells(points)


def _crossings(points: dict) -> dict:
    """pdfplumber's intersections as ``ruling_cells`` keeps them: the lines' boxes per point."""
    return {
        p: (
            {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["v"]},
            {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["h"]},
        )
        for p, d in points.items()
    }


@pytest.mark.parametrize("seed", range(40))
def test_table_geometry_on_tuples_matches_pdfplumbers_step_by_step(seed):
    rng = random.Random(seed)  # noqa: S311
    edges = _random_edges(rng) + _random_edges(rng)  # two rulings, maybe overlapping
    merged = plumber_merge(edges, 3, 3, 3, 3)
    lines = ruling_cells.merged_lines(as_rules(edges), 3)
    assert lines == as_rules(merged)
    tolerance = rng.choice([1, 3])
    points = edges_to_intersections(merged, tolerance, tolerance)
    crossings = ruling_cells.intersections(lines, tolerance)
    assert crossings == _crossings(points)
    assert list(crossings) == list(points)  # same points, found in the same order
    cells = plumber_cells(points)
    assert ruling_cells.cells(crossings) == cells
    # cells in a shuffled order too: pdfplumber's grouping depends on the order
    shuffled = rng.sample(cells, len(cells))
    assert ruling_cells.tables(shuffled) == plumber_tables(shuffled)
    assert ruling_cells.tables(cells) == plumber_tables(cells)


def test_cells_touching_only_at_a_corner_are_one_table_and_lone_cells_none():
    cells = [
        (0.0, 0.0, 10.0, 10.0),
        (50.0, 50.0, 60.0, 60.0),  # alone: no table
        (10.0, 10.0, 20.0, 20.0),  # touches the first at (10, 10)
        (
            20.0,
            0.0,
            30.0,
            10.0,
        ),  # touches the third at (20, 10), found on a second pass
    ]
    assert ruling_cells.tables(cells) == plumber_tables(cells)
    assert ruling_cells.tables(cells) == [[cells[0], cells[2], cells[3]]]


def test_a_ruled_page_gives_the_tables_pdfplumber_finds_in_its_rules():
    rules = _page(_table_pdf("boxes")).edges
    merged = plumber_merge(
        [e for r in rules for e in edge((r[1], r[2]), (r[3], r[4]))], 3, 3, 3, 3
    )
    expected = plumber_tables(plumber_cells(edges_to_intersections(merged, 3, 3)))
    assert tables_of_rules(rules, snap=3, tolerance=3, where="test") == expected


def test_pdfium_counts_segments_of_paths_only():
    """The path walk takes a segment count of -1 as "not a path" (no type call per object)."""
    document = pypdfium2.PdfDocument(_table_pdf("boxes"))
    page = document[0]
    kinds = set()
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        kinds.add(kind)
        is_path = kind == pdfium_c.FPDF_PAGEOBJ_PATH
        assert (pdfium_c.FPDFPath_CountSegments(obj) >= 0) == is_path
    assert kinds == {pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT}


def test_a_one_line_cell_reads_like_pdfplumbers():
    """The one-line shortcut of cell texts: spaces, gaps, overlaps and ligatures on one top."""
    top, bottom = 300.0, 310.0
    chars = [
        Char("合", 100.0, 110.0, top, bottom, True),
        Char("ﬁ", 110.0, 115.0, top, bottom, True),
        Char(" ", 115.0, 118.0, top, bottom, True),
        Char("计", 118.5, 128.5, top, bottom, True),
        Char("1", 127.0, 132.0, top, bottom, True),  # overlaps its neighbour: same word
        Char(
            "2", 136.0, 141.0, top, bottom, True
        ),  # a gap over the tolerance: new word
        Char("3", 143.5, 148.5, top, bottom, True),  # within the tolerance
    ]
    for order in (chars, chars[::-1], chars[2:], chars[:1]):
        assert block_text(order) == plumber_block_text(_plumber_chars(order))
    assert block_text(chars) == "合fi 计1 23"
