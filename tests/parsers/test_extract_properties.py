"""Hostile and arbitrary input: only ParseError subclasses escape, and work stays bounded."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.errors import ParseError, ResourceLimitError
from parsers.extract import extract
from parsers.model import Document, Source

FRAGMENTS = [
    "<html>", "<head>", "<meta charset=gbk>", "<meta name=ArticleTitle content='年报'>",
    "<meta name=ContentStart>", "<meta name=ContentEnd>", "<body>", "<div class=TRS_Editor>",
    "<div id=zoom>", "</div>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>",
    "<td rowspan=3>", "<td colspan=0>", "<td rowspan='-1'>", "<th colspan=999999>", "<br>",
    "<p>", "</p>", "<script>", "</script>", "<style>", "&nbsp;", "&#0;", "&#xD800;", "\x00",
    "索　引　号：", "发布日期：", "一、本年新收", "12", "\t", "\n", "<!--", "-->", "<![CDATA[",
    "<?xml encoding='utf-16'?>", "<!DOCTYPE html>", "\ufeff", "镕喆堃", "<", ">", "'", '"',
]  # fmt: skip
ENCODINGS = ["utf-8", "gb18030", "utf-16", "latin-1"]


def extract_or_parse_error(source: Source) -> Document | None:
    try:
        return extract(source)
    except ParseError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.binary(max_size=2048), charset=st.sampled_from([None, "gbk", "utf-8", "x"])
)
def test_arbitrary_bytes_raise_nothing_but_parse_errors(body, charset):
    doc = extract_or_parse_error(Source(body=body, charset=charset))
    if doc is not None:
        assert isinstance(doc.text, str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60
    ),
    encoding=st.sampled_from(ENCODINGS),
)
def test_arbitrary_html_ish_strings_raise_nothing_but_parse_errors(parts, encoding):
    body = "".join(parts).encode(encoding, errors="ignore")
    doc = extract_or_parse_error(Source(body=body, media_type="text/html"))
    if doc is not None:
        for table in doc.tables:
            widths = {len(row) for row in table.rows}
            assert widths == {table.width}  # every grid is rectangular


def test_markup_nested_past_the_parser_depth_limit_is_refused_not_truncated():
    body = ("<div>" * 50_000 + "正文" + "</div>" * 50_000).encode()
    with pytest.raises(ResourceLimitError):
        extract(Source(body=body))


def test_markup_nested_within_the_limit_keeps_its_text():
    body = ("<div>" * 200 + "正文" + "</div>" * 200).encode()
    assert extract(Source(body=body)).text == "正文"


def test_deeply_nested_tables_are_bounded():
    body = ("<table><tr><td>x" * 3_000 + "</td></tr></table>" * 3_000).encode()
    started = time.perf_counter()
    extract_or_parse_error(Source(body=body))
    assert time.perf_counter() - started < 10


def test_colspan_bomb_over_many_tables_hits_the_grid_cell_limit():
    one = "<table>" + "<tr><td colspan=200>x</td></tr>" * 100 + "</table>"
    body = ("<div class=TRS_Editor>" + one * 120 + "</div>").encode()
    with pytest.raises(ResourceLimitError):
        extract(Source(body=body))


def test_entities_are_not_resolved_from_files_or_expanded_recursively():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">'
        b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<html><body><p>&e;&b;</p></body></html>"
    )
    doc = extract(Source(body=body))
    assert "root:" not in doc.text
    assert len(doc.text) < 200
