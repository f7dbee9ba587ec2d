"""DOC/WPS extraction: Word 97 binaries built by ``docbuild_ole`` read back, broken ones refused.

The fixture writer is independent of the reader (it follows [MS-CFB]/[MS-DOC] and is checked
against olefile's directory listing), so a reader bug cannot cancel out a writer bug.
"""

from __future__ import annotations

import io
import random

import olefile
import pytest

from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import CorruptDocumentError, EncryptedDocumentError
from parsers.extract.doc import extract_doc
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.report import parse_report
from tests.parsers.docbuild import AGENCY, cells_of
from tests.parsers.docbuild_ole import build_doc, compound_file, word_document


@pytest.mark.parametrize("seed", [2, 19])
@pytest.mark.parametrize(("fmt", "year"), [("2019", 2020), ("2021", 2022)])
def test_doc_report_parses_to_every_generated_cell(seed, fmt, year):
    numbers = generate_numbers(random.Random(seed), fmt)  # noqa: S311 - seeded fixture
    report = parse_report(extract_doc(build_doc(numbers, year), limits=DEFAULT_LIMITS))
    assert (report.year, report.agency, report.format) == (year, AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_the_fixture_is_a_real_compound_file():
    body = word_document([("年度报告\r", False)])
    with olefile.OleFileIO(io.BytesIO(body)) as ole:
        assert sorted(ole.listdir()) == [["1Table"], ["WordDocument"]]


def test_pieces_in_both_encodings_join_and_fields_keep_only_their_result():
    body = word_document(
        [
            ("年度报告\r见\x13 HYPERLINK http://x \x14附件\x15。\r", False),
            ("“quoted” text\r", True),
            ("规章\x075\x07\x07", False),
        ]
    )
    text = extract_doc(body, limits=DEFAULT_LIMITS).text
    assert text == "年度报告\n见附件。\n“quoted” text\n规章\t5\t\t"


def test_the_fib_chooses_the_0table_stream():
    body = word_document([("零表\r", False)], table="0Table")
    assert extract_doc(body, limits=DEFAULT_LIMITS).text == "零表\n"


def test_an_encrypted_doc_is_encrypted():
    with pytest.raises(EncryptedDocumentError):
        extract_doc(
            word_document([("x", False)], encrypted=True), limits=DEFAULT_LIMITS
        )


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(random.Random(5).randbytes(20_000), id="random-bytes"),  # noqa: S311
        pytest.param(
            word_document([("年度报告\r" * 500, False)])[:3000], id="truncated"
        ),
        pytest.param(
            compound_file({"Workbook": b"x" * 5000}), id="ole-without-word-stream"
        ),
        pytest.param(
            compound_file({"WordDocument": bytes(5000), "1Table": bytes(5000)}),
            id="bad-fib",
        ),
        pytest.param(
            word_document([("年度报告\r", False)], fc_offset=1 << 20),
            id="piece-table-out-of-range",
        ),
    ],
)
def test_broken_word_files_are_corrupt(body):
    with pytest.raises(CorruptDocumentError):
        extract_doc(body, limits=DEFAULT_LIMITS)


def test_text_deleted_with_track_changes_on_is_left_out():
    """A number corrected with 修订 on keeps the old digits in the file, marked deleted."""
    body = word_document(
        [("行政许可\x07", False), ("43", False), ("0", False), ("\x07\x07", False)],
        deleted=frozenset({1}),
    )
    assert extract_doc(body, limits=DEFAULT_LIMITS).text == "行政许可\t0\t\t"


def test_deleted_text_is_left_out_in_8_bit_pieces_too():
    body = word_document(
        [("total ", True), ("12", True), ("7\r", True)], deleted=frozenset({1})
    )
    assert extract_doc(body, limits=DEFAULT_LIMITS).text == "total 7\n"


def test_a_table_cell_typed_over_two_paragraphs_is_one_label():
    body = word_document(
        [
            ("申请人情况\r", False),
            ("商业\r", False),
            ("企业\x07", False),
            ("科研\r机构\x07\x07", False),
        ],
        in_table=frozenset({1, 2, 3}),
    )
    assert (
        extract_doc(body, limits=DEFAULT_LIMITS).text
        == "申请人情况\n商业企业\t科研机构\t\t"
    )


def test_two_numbers_in_one_cell_stay_apart():
    """Two rows' numbers typed into one cell are not one number: they keep their lines."""
    body = word_document(
        [("规章\x07", False), ("56\r0\x07", False), ("合计\r12\x07\x07", False)],
        in_table=frozenset({0, 1, 2}),
    )
    text = extract_doc(body, limits=DEFAULT_LIMITS).text
    assert text == "规章\t56\n0\t合计12\t\t"


def test_paragraphs_outside_tables_keep_their_lines():
    body = word_document(
        [("一、总体情况\r", False), ("商业\r", False), ("企业\x07\x07", False)],
        in_table=frozenset({2}),
    )
    assert (
        extract_doc(body, limits=DEFAULT_LIMITS).text == "一、总体情况\n商业\n企业\t\t"
    )


def test_a_damaged_property_page_is_corrupt_not_read_with_deletions_in_it():
    body = word_document([("43", False), ("0\r", False)], deleted=frozenset({0}))
    with olefile.OleFileIO(io.BytesIO(body)) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        table = ole.openstream("1Table").read()
    bins_at = int.from_bytes(word[0xFA : 0xFA + 4], "little")  # FIB: fcPlcfBteChpx
    page = int.from_bytes(table[bins_at + 8 : bins_at + 12], "little")  # its one page
    word[page * 512 + 511] = 0  # the page's run count
    damaged = compound_file({"WordDocument": bytes(word), "1Table": table})
    with pytest.raises(CorruptDocumentError, match="property page"):
        extract_doc(damaged, limits=DEFAULT_LIMITS)
