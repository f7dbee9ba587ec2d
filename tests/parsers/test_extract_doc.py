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
