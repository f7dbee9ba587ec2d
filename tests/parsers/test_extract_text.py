"""Plain-text extraction keeps the layout the report parser reads (tabs, blank lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.extract import extract
from parsers.model import Source

CORPUS = Path(__file__).parents[2] / "crawler" / "sampleportal" / "corpus"


def test_text_keeps_tabs_blank_lines_and_leading_cell_tabs():
    text = "三、收到和处理政府信息公开申请情况\r\n\r\n\t本年新收\r\n\t12\r\n\t\r\n一、\t3\t4\r"
    doc = extract(Source(body=text.encode("gbk"), media_type="text/plain"))
    assert (
        doc.text
        == "三、收到和处理政府信息公开申请情况\n\n\t本年新收\n\t12\n\t\n一、\t3\t4\n"
    )
    assert doc.media_type == "text/plain"
    assert doc.extractor == "text/1"
    assert doc.encoding == "gb18030"
    assert doc.tables == ()


def test_meta_like_string_in_plain_text_is_content_not_a_declaration():
    text = "说明：本页不含 charset=iso-8859-5 声明。镕喆区2021年年报。"
    doc = extract(Source(body=text.encode("utf-8")))
    assert doc.text == text
    assert doc.meta["encoding_source"] == "utf8"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_reports_extract_to_their_exact_text(path):
    raw = path.read_bytes()
    doc = extract(Source(body=raw, url=path.name))
    assert doc.text == raw.decode("utf-8").replace("\r\n", "\n")
    assert doc.encoding == "utf-8"
