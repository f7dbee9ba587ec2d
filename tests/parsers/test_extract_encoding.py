"""Decoding policy: every lying-charset case of doc-extraction.md gets the right text and says how."""

from __future__ import annotations

import pytest

from parsers.errors import DecodeError
from parsers.extract import extract
from parsers.extract.encoding import canonical_encoding, decode_body
from parsers.model import Source

# 镕 喆 堃 are in GBK but not in GB2312: a page labelled gb2312 that holds them must still decode.
GBK_ONLY = "朱镕基、张喆与李堃参加了政府信息公开工作会议。"
BODY_TEXT = "镕喆区人民政府2021年政府信息公开工作年度报告。" + GBK_ONLY * 40


def page(meta: str = "", text: str = BODY_TEXT) -> str:
    return (
        f"<html><head>{meta}<title>年报</title></head>"
        f"<body><div class='TRS_Editor'><p>{text}</p></div></body></html>"
    )


def test_gbk_page_labelled_gb2312_without_header_decodes_as_gb18030_from_meta():
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    doc = extract(Source(body=body.encode("gbk"), charset=None))
    assert GBK_ONLY in doc.text
    assert doc.encoding == "gb18030"
    assert doc.meta["encoding_source"] == "meta"


def test_gbk_page_without_any_declaration_is_detected():
    doc = extract(Source(body=page().encode("gbk")))
    assert GBK_ONLY in doc.text
    assert doc.encoding == "gb18030"
    assert doc.meta["encoding_source"] == "detected"


def test_gbk_page_served_as_utf8_falls_back_to_meta():
    body = page('<meta charset="gbk">').encode("gbk")
    doc = extract(Source(body=body, media_type="text/html", charset="utf-8"))
    assert GBK_ONLY in doc.text
    assert doc.meta["encoding_source"] == "meta"


def test_gbk_page_served_as_iso_8859_1_ignores_the_header_and_detects_gbk():
    body = page().encode("gbk")
    doc = extract(Source(body=body, media_type="text/html", charset="ISO-8859-1"))
    assert GBK_ONLY in doc.text
    assert doc.encoding == "gb18030"
    assert doc.meta["encoding_source"] == "detected"


def test_utf8_page_served_as_gbk_is_read_as_utf8():
    body = page('<meta charset="utf-8">').encode("utf-8")
    doc = extract(Source(body=body, charset="gbk"))
    assert GBK_ONLY in doc.text
    assert doc.encoding == "utf-8"
    assert doc.meta["encoding_source"] == "utf8"


def test_utf8_bom_wins_over_a_gbk_header():
    body = b"\xef\xbb\xbf" + page('<meta charset="gbk">').encode("utf-8")
    doc = extract(Source(body=body, charset="gbk"))
    assert GBK_ONLY in doc.text
    assert doc.meta["encoding_source"] == "bom"
    assert not doc.text.startswith("\ufeff")


def test_gb18030_four_byte_characters_decode_under_a_gb2312_label():
    text = "㐀与𠀀是四字节字符。" + GBK_ONLY
    body = page('<meta charset="gb2312">', text).encode("gb18030")
    # the case really exercises 4-byte sequences
    assert len("㐀".encode("gb18030")) == len("𠀀".encode("gb18030")) == 4
    doc = extract(Source(body=body))
    assert "㐀与𠀀是四字节字符" in doc.text
    assert doc.encoding == "gb18030"


def test_short_gbk_snippet_without_declaration_is_detected():
    snippet = "<p>张喆：镕喆区年报</p>"
    body = snippet.encode("gbk")
    assert len(body) < 30
    doc = extract(Source(body=body))
    assert "张喆：镕喆区年报" in doc.text
    assert doc.encoding == "gb18030"


def test_http_charset_is_used_when_the_bytes_agree():
    body = page().encode("gbk")
    doc = extract(Source(body=body, charset="GBK"))
    assert doc.meta["encoding_source"] == "http"
    assert GBK_ONLY in doc.text


def test_one_broken_byte_is_replaced_and_counted_not_fatal():
    body = page('<meta charset="gbk">').encode("gbk")
    at = body.index(b"<p>") + 3
    broken = body[:at] + b"\xff" + body[at:]  # 0xFF never starts a GBK character
    doc = extract(Source(body=broken))
    assert doc.meta["encoding_source"] == "lenient"
    assert doc.meta["decode_replaced"] == "1"
    assert GBK_ONLY in doc.text


def test_undecodable_bytes_raise_decode_error():
    # Invalid in UTF-8, GB18030 and Big5 alike; a free detector would call it Cyrillic cp1125.
    body = b"<p>" + b"\x80\xff" * 400 + b"</p>"
    with pytest.raises(DecodeError):
        decode_body(body, http_charset="utf-8", use_meta=True)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("gb_2312-80", "gb18030"),
        ("x-gbk", "gb18030"),
        ("UTF8", "utf-8"),
        ("'utf-8'", "utf-8"),
        ("utf-16", None),  # a declaration readable as ASCII cannot be true of UTF-16
        ("base64", None),  # bytes-to-bytes codec, not a text encoding
        ("no-such-charset", None),
        ("", None),
    ],
)
def test_canonical_encoding_maps_labels(label, expected):
    assert canonical_encoding(label) == expected
