"""OFD extraction: generated OFD reports cell by cell, in the plain shape and in the shapes real
数科/福昕 producers write (per-glyph text, rectangle and filled rules, template pages, PageBlocks,
curves, default namespace), plus hand-built pages for the edge cases and hostile input.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from crawler.sampleportal.documents_ofd import REALISTIC, OfdVariant
from crawler.sampleportal.reportgen import ReportNumbers, generate_numbers
from parsers.errors import CorruptDocumentError
from parsers.extract.docx import extract_docx
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ofd import extract_ofd
from parsers.report import parse_report
from tests.parsers.docbuild import (
    AGENCY,
    build_docx,
    cells_of,
    seed_with_large_numbers,
    zip_bytes,
)
from tests.parsers.docbuild_layout import build_ofd
from tests.parsers.ofd_pages import NS
from tests.parsers.ofd_pages import ofd as _ofd
from tests.parsers.ofd_pages import page as _page
from tests.parsers.ofd_pages import ref as _ref
from tests.parsers.ofd_pages import templated as _templated
from tests.parsers.ofd_pages import text as _text


def _numbers(fmt: str) -> ReportNumbers:
    return generate_numbers(random.Random(seed_with_large_numbers(fmt)), fmt)  # type: ignore[arg-type]  # noqa: S311


@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
@pytest.mark.parametrize(
    "split", [False, True], ids=["one-page-table", "page-split-table"]
)
def test_ofd_report_parses_to_every_generated_cell(fmt, year, split):
    numbers = _numbers(fmt)
    report = parse_report(
        extract_ofd(build_ofd(numbers, year, split=split), limits=DEFAULT_LIMITS)
    )
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_ofd_application_grid_equals_the_docx_grid():
    numbers = _numbers("2021")
    for split in (False, True):
        ofd = extract_ofd(build_ofd(numbers, 2022, split=split), limits=DEFAULT_LIMITS)
        reference = extract_docx(build_docx(numbers, 2022), limits=DEFAULT_LIMITS)
        assert [t.rows for t in ofd.tables] == [t.rows for t in reference.tables], split


def test_text_codes_on_one_baseline_join_and_a_wide_gap_is_a_tab():
    content = (
        f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">'
        '<ofd:TextObject ID="2" Boundary="10 10 50 5" Size="4">'
        '<ofd:TextCode X="0" Y="4" DeltaX="g 1 4">规章</ofd:TextCode></ofd:TextObject>'
        '<ofd:TextObject ID="3" Boundary="100 10 50 5" Size="4">'
        '<ofd:TextCode X="0" Y="4">5</ofd:TextCode></ofd:TextObject>'
        '<ofd:TextObject ID="4" Boundary="10 30 50 5" Size="4">'
        '<ofd:TextCode X="0" Y="4">下一行</ofd:TextCode></ofd:TextObject>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    assert extract_ofd(_ofd(content), limits=DEFAULT_LIMITS).text == "规章\t5\n下一行"


def test_external_entities_are_never_resolved():
    content = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">'
        '<ofd:TextObject ID="2" Boundary="10 10 50 5" Size="4">'
        '<ofd:TextCode X="0" Y="4">前&x;后</ofd:TextCode></ofd:TextObject>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip()
    text = extract_ofd(_ofd(content), limits=DEFAULT_LIMITS).text
    assert text.startswith("前")
    assert hostname not in text


def test_a_missing_page_part_is_corrupt():
    body = zip_bytes(
        {
            "OFD.xml": f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>D/Document.xml"
            "</ofd:DocRoot></ofd:DocBody></ofd:OFD>".encode()
        }
    )
    with pytest.raises(CorruptDocumentError, match="missing"):
        extract_ofd(body, limits=DEFAULT_LIMITS)


def test_malformed_xml_is_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_ofd(_ofd("<ofd:Page><unclosed>"), limits=DEFAULT_LIMITS)


VARIANTS = {
    "per-glyph": OfdVariant(per_glyph=True),
    "rectangle-rules": OfdVariant(rules="rectangles"),
    "filled-rules": OfdVariant(rules="filled"),
    "template-page": OfdVariant(template=True),
    "page-blocks": OfdVariant(page_blocks=True),
    "curves-in-lines": OfdVariant(curves=True),
    "curves-in-rectangles": OfdVariant(rules="rectangles", curves=True),
    "curves-in-filled": OfdVariant(rules="filled", curves=True),
    "default-namespace": OfdVariant(default_namespace=True),
    "realistic": REALISTIC,
}


@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_producer_variant_reads_like_the_plain_ofd(fmt, year, variant):
    """Every cell is read, and text and grids equal the plain fixture's (page-split table)."""
    numbers = _numbers(fmt)
    plain = extract_ofd(build_ofd(numbers, year, split=True), limits=DEFAULT_LIMITS)
    body = build_ofd(numbers, year, split=True, variant=variant)
    document = extract_ofd(body, limits=DEFAULT_LIMITS)
    report = parse_report(document)
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]
    assert [t.rows for t in document.tables] == [t.rows for t in plain.tables]
    text = document.text
    if variant.template:  # the title as running header on every page is the extra text
        header = plain.text.splitlines()[0]
        assert text.count(header) == 1 + int(document.meta["pages"]), text[:200]
        text = "\n".join(line for line in text.splitlines() if line != header)
        assert text == "\n".join(l for l in plain.text.splitlines() if l != header)
    else:
        assert text == plain.text


def test_the_realistic_one_page_table_reads_every_cell():
    numbers = _numbers("2021")
    body = build_ofd(numbers, 2022, variant=REALISTIC)
    report = parse_report(extract_ofd(body, limits=DEFAULT_LIMITS))
    assert cells_of(report) == cells_of(numbers)


def test_rotated_seal_glyphs_are_skipped_with_a_log_line(caplog):
    numbers = _numbers("2021")
    body = build_ofd(numbers, 2022, variant=OfdVariant(curves=True))
    with caplog.at_level(logging.INFO, logger="parsers.extract.ofd"):
        text = extract_ofd(body, limits=DEFAULT_LIMITS).text
    assert text == extract_ofd(build_ofd(numbers, 2022), limits=DEFAULT_LIMITS).text
    assert "'rotated or skewed CTM': 4" in caplog.text


def test_template_objects_belong_to_the_page_wherever_the_reference_is():
    header = _page(_text(10, 5, "页眉"))
    for refs, entry in ((_ref("7"), ""), ("", _ref("7"))):
        body = _templated(
            _page(_text(10, 50, "正文"), refs=refs), {"7": header}, entry=entry
        )
        assert extract_ofd(body, limits=DEFAULT_LIMITS).text == "页眉\n正文"


def test_template_rules_make_the_page_table():
    rules = "".join(
        f'<ofd:PathObject ID="5" Boundary="0 0 100 100"><ofd:AbbreviatedData>{d}'
        "</ofd:AbbreviatedData></ofd:PathObject>"
        for d in ("M 10 10 L 60 10 L 60 30 L 10 30 C", "M 35 10 L 35 30")
    )
    page = _page(_text(15, 15, "甲") + _text(40, 15, "乙"), refs=_ref("3"))
    document = extract_ofd(_templated(page, {"3": _page(rules)}), limits=DEFAULT_LIMITS)
    assert [t.rows for t in document.tables] == [(("甲", "乙"),)]


@pytest.mark.parametrize(
    ("templates", "message"),
    [
        ({"1": _page(_text(10, 5, "自引"), refs=_ref("1"))}, "referenced again"),
        (
            {
                "1": _page(_text(10, 5, "甲"), refs=_ref("2")),
                "2": _page(_text(10, 9, "乙"), refs=_ref("1")),
            },
            "referenced again",
        ),
        ({}, "not in CommonData"),
        ({"1": None}, "part is missing"),
    ],
    ids=["self-reference", "cycle", "unknown-id", "missing-part"],
)
def test_a_broken_template_is_skipped_with_a_log_line(templates, message, caplog):
    body = _templated(_page(_text(10, 50, "正文"), refs=_ref("1")), templates)
    with caplog.at_level(logging.INFO, logger="parsers.extract.ofd"):
        text = extract_ofd(body, limits=DEFAULT_LIMITS).text
    assert text.endswith("正文")
    assert text.count("自引") <= 1
    assert message in caplog.text


def test_per_glyph_objects_join_into_lines_and_cells():
    # One TextObject per glyph; the digits are half as wide as their font size, which only
    # their Boundary tells: measured by font size, the "2" would centre outside the cell.
    glyphs = "".join(
        f'<ofd:TextObject ID="9" Boundary="{x} 10 {w} 5" Size="4">'
        f'<ofd:TextCode X="0" Y="4">{c}</ofd:TextCode></ofd:TextObject>'
        for x, w, c in ((10, 4, "合"), (14, 4, "计"), (40, 2, "1"), (42, 2, "2"))
    )
    rules = (
        '<ofd:PathObject ID="5" Boundary="0 0 100 100"><ofd:AbbreviatedData>'
        "M 5 8 L 43.5 8 L 43.5 16 L 5 16 C M 30 8 L 30 16</ofd:AbbreviatedData>"
        "</ofd:PathObject>"
    )
    document = extract_ofd(_ofd(_page(glyphs + rules)), limits=DEFAULT_LIMITS)
    assert document.text == "合计\t12"
    assert [t.rows for t in document.tables] == [(("合计", "12"),)]
