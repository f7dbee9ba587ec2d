"""DOCX extraction: a generated report with the real merged tables reads back cell by cell.

Word's own forms are written by hand (``docbuild_word``) besides python-docx's:
``w:vMerge`` continuations, legacy ``w:hMerge``, cells inside content controls, runs inside
tracked insertions. Each must give the grid the HTML extractor gives for the same
rowspan/colspan.
"""

from __future__ import annotations

import io
import random

import docx
import pytest

from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract.docx import extract_docx
from parsers.extract.html import extract_html
from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits
from parsers.model import Source, Table
from parsers.report import parse_report
from tests.parsers.docbuild import AGENCY, build_docx, cells_of, lying_zip
from tests.parsers.docbuild_word import word_cell as _tc
from tests.parsers.docbuild_word import word_package


@pytest.mark.parametrize("seed", [2, 19])
@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
def test_docx_report_parses_to_every_generated_cell(seed, fmt, year):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    report = parse_report(
        extract_docx(build_docx(numbers, year), limits=DEFAULT_LIMITS)
    )
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_merged_cells_are_one_anchor_and_covered_copies():
    numbers = generate_numbers(random.Random(2), "2021")  # noqa: S311 - seeded fixture
    document = extract_docx(build_docx(numbers, 2022), limits=DEFAULT_LIMITS)
    (grid,) = [t for t in document.tables if t.width == 10]
    assert len(grid.rows) == 28
    # 申请人情况 spans 7 columns of row 0; the 3×3 note covers rows 0-2, columns 0-2.
    assert grid.rows[0][3:] == ("申请人情况",) * 7
    assert {(0, c) for c in range(4, 10)} <= grid.covered
    assert {(r, c) for r in range(3) for c in range(3)} - {(0, 0)} <= grid.covered
    assert (0, 0) not in grid.covered
    assert (0, 3) not in grid.covered
    # 三、本年度办理结果 runs down column 0 from row 5: copies below it are covered.
    assert grid.rows[6][0] == grid.rows[5][0] == "三、本年度办理结果"
    assert (6, 0) in grid.covered
    assert (5, 0) not in grid.covered


def test_paragraphs_and_tables_keep_document_order():
    document = docx.Document()
    document.add_paragraph("甲段")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "左", "右"
    document.add_paragraph("乙段")
    out = io.BytesIO()
    document.save(out)
    extracted = extract_docx(out.getvalue(), limits=DEFAULT_LIMITS)
    assert extracted.text == "甲段\n左\t右\n乙段"
    assert extracted.tables[0].rows == (("左", "右"),)


def test_a_zip_without_document_part_is_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_docx(lying_zip(10, name="xl/workbook.xml"), limits=DEFAULT_LIMITS)


def test_random_bytes_are_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_docx(random.Random(3).randbytes(5000), limits=DEFAULT_LIMITS)  # noqa: S311


def test_an_oversized_docx_is_refused_before_parsing():
    numbers = generate_numbers(random.Random(2), "2021")  # noqa: S311 - seeded fixture
    body = build_docx(numbers, 2022)
    with pytest.raises(ResourceLimitError):
        extract_docx(body, limits=ExtractionLimits(max_bytes=len(body) - 1))


# ---------------------------------------------------------------- Word's merge forms


def _table(*rows: str) -> Table:
    body = "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"
    (table,) = extract_docx(word_package(body), limits=DEFAULT_LIMITS).tables
    return table


def _random_layout(rng: random.Random) -> list[list[int]]:
    """An owner index per grid position: random non-overlapping rectangles, row-major ids.

    Column 0 never spans right, so the first row has two cells (the HTML extractor takes a
    table whose rows all hold one cell for page layout).
    """
    height, width = rng.randint(1, 7), rng.randint(2, 7)
    owner = [[-1] * width for _ in range(height)]
    count = 0
    for r in range(height):
        for c in range(width):
            if owner[r][c] != -1:
                continue
            right = c + 1
            while c and right < width and owner[r][right] == -1 and rng.random() < 0.4:
                right += 1
            bottom = r + 1
            while bottom < height and rng.random() < 0.4:
                bottom += 1
            for rr in range(r, bottom):
                for cc in range(c, right):
                    owner[rr][cc] = count
            count += 1
    return owner


def _as_html(owner: list[list[int]]) -> bytes:
    rows = []
    for r, line in enumerate(owner):
        cells = []
        for c, o in enumerate(line):
            if (r and owner[r - 1][c] == o) or (c and line[c - 1] == o):
                continue
            rowspan = sum(1 for row in owner[r:] if row[c] == o)
            colspan = line.count(o)
            cells.append(f'<td rowspan="{rowspan}" colspan="{colspan}">c{o}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    page = "<html><body><table>" + "".join(rows) + "</table></body></html>"
    return page.encode()


def _as_word(owner: list[list[int]]) -> bytes:
    rows = []
    for r, line in enumerate(owner):
        cells = []
        for c, o in enumerate(line):
            if c and line[c - 1] == o:
                continue
            span = f'<w:gridSpan w:val="{line.count(o)}"/>'
            if r and owner[r - 1][c] == o:
                cells.append(_tc("", span + "<w:vMerge/>"))
                continue
            below = r + 1 < len(owner) and owner[r + 1][c] == o
            restart = '<w:vMerge w:val="restart"/>' if below else ""
            cells.append(_tc(f"c{o}", span + restart))
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    return word_package("<w:tbl>" + "".join(rows) + "</w:tbl>")


@pytest.mark.parametrize("seed", range(40))
def test_word_merges_give_the_html_extractors_grid(seed):
    owner = _random_layout(random.Random(seed))  # noqa: S311 - seeded fixture
    (from_html,) = extract_html(
        Source(body=_as_html(owner), media_type="text/html")
    ).tables
    (from_word,) = extract_docx(_as_word(owner), limits=DEFAULT_LIMITS).tables
    assert from_word.rows == from_html.rows
    assert from_word.covered == from_html.covered


def test_legacy_hmerge_repeats_the_anchor_like_a_colspan():
    table = _table(
        _tc("申请人情况", '<w:hMerge w:val="restart"/>')
        + _tc("", "<w:hMerge/>")
        + _tc("总计"),
        _tc("1") + _tc("2") + _tc("3"),
    )
    assert table.rows == (("申请人情况", "申请人情况", "总计"), ("1", "2", "3"))
    assert table.covered == {(0, 1)}


def test_a_cell_inside_a_content_control_keeps_its_column():
    sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + _tc("7") + "</w:sdtContent></w:sdt>"
    table = _table(_tc("予以公开") + sdt + _tc("9"))
    assert table.rows == (("予以公开", "7", "9"),)


def test_a_row_inside_a_content_control_is_read():
    body = (
        "<w:tbl><w:tr>" + _tc("a") + _tc("b") + "</w:tr>"
        "<w:sdt><w:sdtContent><w:tr>"
        + _tc("1")
        + _tc("2")
        + "</w:tr></w:sdtContent></w:sdt>"
        "</w:tbl>"
    )
    (table,) = extract_docx(word_package(body), limits=DEFAULT_LIMITS).tables
    assert table.rows == (("a", "b"), ("1", "2"))


def test_tracked_insertions_count_and_deletions_do_not():
    cell = (
        "<w:tc><w:p><w:ins w:id='1' w:author='x'><w:r><w:t>12</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='x'><w:r><w:delText>99</w:delText></w:r></w:del>"
        "<w:smartTag w:uri='u' w:element='e'><w:r><w:t>0</w:t></w:r></w:smartTag></w:p></w:tc>"
    )
    table = _table(_tc("行政许可") + cell)
    assert table.rows == (("行政许可", "120"),)


def test_a_continuation_with_nothing_above_is_a_cell_of_its_own():
    # a vMerge continuation in the first row, and one under a narrower cell: Word draws
    # them; python-docx's cell lookup raised and the whole file was unreadable
    table = _table(
        _tc("A", "<w:vMerge/>")
        + _tc("B", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'),
        _tc("1") + _tc("") + _tc("", "<w:vMerge/>"),
    )
    assert table.rows == (("A", "B", "B"), ("1", "", "B"))
    assert table.covered == {(0, 2), (1, 2)}


def test_text_typed_into_a_continuation_cell_is_kept_with_its_anchor():
    table = _table(
        _tc("三、本年度办理结果", '<w:vMerge w:val="restart"/>') + _tc("1"),
        _tc("（续）", "<w:vMerge/>") + _tc("2"),
    )
    assert table.rows[0][0] == table.rows[1][0] == "三、本年度办理结果\n（续）"
    assert table.covered == {(1, 0)}


def test_a_hostile_grid_span_skips_the_table_not_the_document(caplog):
    body = (
        "<w:p><w:r><w:t>前言</w:t></w:r></w:p><w:tbl><w:tr>"
        + _tc("a", '<w:gridSpan w:val="999999999"/>')
        + _tc("b")
        + "</w:tr></w:tbl>"
    )
    document = extract_docx(word_package(body), limits=DEFAULT_LIMITS)
    assert document.tables == ()
    assert document.text == "前言"
    assert "docx table skipped" in caplog.text
