"""Sniffing decides the type from the bytes: URL and Content-Type claims are never trusted."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from parsers.errors import (
    CorruptDocumentError,
    ResourceLimitError,
    UnsupportedFormatError,
)
from parsers.extract import EXTRACTORS, MAX_BODY_BYTES, extract, sniff_body
from parsers.model import Document, Source


def zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\r\n  junk before the header %PDF-1.4", "pdf"),
        (OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 64, "doc"),
        (OLE + "Workbook".encode("utf-16-le") + b"\x00" * 64, "xls"),
        (OLE + b"\x01" * 64, "ole"),
        (zip_with("[Content_Types].xml", "word/document.xml"), "docx"),
        (zip_with("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (zip_with("OFD.xml", "Doc_0/Document.xml"), "ofd"),
        (zip_with("readme.txt"), "zip"),
        (b"PK\x03\x04truncated zip without a central directory", "zip"),
        (b"{\\rtf1\\ansi\\ansicpg936 text}", "rtf"),
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf\n  <html lang='zh'>", "html"),
        (b"<p>one paragraph</p>", "html"),
        (b"<!-- TRS leftover -->\n<div class=TRS_Editor>x</div>", "html"),
        ("\ufeff<html><body>年报</body></html>".encode("utf-16"), "html"),
        ("一、总体情况\n\t本年新收\t12\n".encode("gbk"), "text"),
        (b"\x00\x01\x02\x03\x04binary", "binary"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_sniff_body_names_the_real_type(body, expected):
    assert sniff_body(body) == expected


def test_html_error_page_at_a_pdf_url_is_extracted_as_html():
    body = b"<html><head><title>404</title></head><body><p>Not Found</p></body></html>"
    doc = extract(
        Source(
            body=body, url="http://x.gov.cn/P0202201.pdf", media_type="application/pdf"
        )
    )
    assert doc.media_type == "text/html"
    assert doc.text == "Not Found"


def test_pdf_bytes_at_an_html_url_go_to_the_pdf_extractor_not_the_html_one():
    # Sniffing wins over the URL and Content-Type: a broken PDF is a corrupt PDF, not HTML.
    with pytest.raises(CorruptDocumentError):
        extract(
            Source(
                body=b"%PDF-1.7 ...", url="http://x/report.html", media_type="text/html"
            )
        )


def test_rtf_bytes_are_unsupported_and_the_message_names_rtf():
    with pytest.raises(UnsupportedFormatError, match=r"^rtf: no extractor yet$"):
        extract(Source(body=rb"{\rtf1\ansi report}", url="http://x/report.doc"))


def test_binary_garbage_at_an_html_url_is_refused_not_rendered():
    garbage = os.urandom(4096) + b"\x00<html>"
    with pytest.raises(UnsupportedFormatError, match=r"^binary: "):
        extract(
            Source(
                body=garbage, url="http://x/t20220121_1.html", media_type="text/html"
            )
        )


def test_zip_with_a_word_member_but_no_valid_package_is_a_corrupt_docx():
    with pytest.raises(CorruptDocumentError):
        extract(Source(body=zip_with("word/document.xml")))


def test_empty_body_is_a_corrupt_document():
    with pytest.raises(CorruptDocumentError, match=r"^empty"):
        extract(Source(body=b"  \n"))


def test_body_over_the_size_limit_is_refused_before_any_work():
    body = b"<html>" + b"a" * MAX_BODY_BYTES
    with pytest.raises(ResourceLimitError):
        extract(Source(body=body))


def test_zip_declaring_too_many_members_is_not_listed():
    body = bytearray(zip_with("word/document.xml"))
    eocd = body.rfind(b"PK\x05\x06")
    body[eocd + 10 : eocd + 12] = (0xFFFF).to_bytes(
        2, "little"
    )  # the zip64 / bomb marker
    assert sniff_body(bytes(body)) == "zip"


def test_size_limit_applies_to_html_and_text_not_to_binary_formats(monkeypatch):
    # Over the HTML/text limit: a PDF still reaches the PDF extractor, which has its own bound.
    seen: list[int] = []
    monkeypatch.setitem(
        EXTRACTORS,
        "pdf",
        lambda source, _limits: seen.append(len(source.body)) or Document(text=""),
    )
    body = b"%PDF-1.7\n" + b"0" * (MAX_BODY_BYTES + 1)
    extract(Source(body=body))
    assert seen == [len(body)]
