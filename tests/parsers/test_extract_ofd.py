"""OFD extraction: hand-built OFD reports (TextObject/TextCode, PathObject rules) cell by cell."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

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

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


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


def _ofd(content: str) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return zip_bytes(
        {
            "OFD.xml": f"{head}<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
            "</ofd:DocRoot></ofd:DocBody></ofd:OFD>".encode(),
            "Doc_0/Document.xml": f"{head}<ofd:Document {NS}><ofd:Pages>"
            '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
            "</ofd:Document>".encode(),
            "Doc_0/Pages/Page_0/Content.xml": content.encode(),
        }
    )


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
