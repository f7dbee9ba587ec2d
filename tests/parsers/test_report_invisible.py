"""Characters that print nothing (zero-width spaces, BOMs, soft hyphens, controls) are not read."""

from __future__ import annotations

import pytest

from parsers import Source, extract, parse_report
from parsers.model import Document, Table
from parsers.report.invisible import without_invisible
from tests.accuracy import render_html
from tests.accuracy.score import flatten


@pytest.mark.parametrize(
    "dirty", ["\u200b20", "20\ufeff", "2\u00ad0", "\x0420\r\x05", "\u200e20\u2060"]
)
def test_a_number_with_invisible_characters_reads_as_printed(dirty):
    document = Document(text=f"规章\t{dirty}", tables=(Table(rows=(("规章", dirty),)),))
    clean = without_invisible(document)
    assert clean.text.replace("\r", "") == "规章\t20"
    assert clean.tables[0].rows[0][1].replace("\r", "") == "20"


def test_a_document_without_them_is_returned_as_it_is():
    document = Document(text="规章\t20", tables=(Table(rows=(("规章", "20"),)),))
    assert without_invisible(document) is document


def test_a_report_page_with_them_reads_as_without():
    case = render_html.cases(7, 1)[0]
    assert case.source is not None
    page = case.source[0].decode("utf-8")
    dirty = page.replace("<td>", "<td>\u200b").replace("</td>", "\ufeff</td>")
    clean_report = parse_report(
        extract(Source(body=page.encode(), media_type="text/html"))
    )
    dirty_report = parse_report(
        extract(Source(body=dirty.encode(), media_type="text/html"))
    )
    assert flatten(dirty_report) == flatten(clean_report)
    assert any(v is not None for v in flatten(dirty_report).values())
