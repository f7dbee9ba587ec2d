"""Attachment bytes: each report's attachment built from its numbers, in its format.

A synthetic report's attachment holds the same report as its HTML page (title, prose, every
table with its numbers) as PDF (CID font, ruled tables; the application table torn across a page
break, the case pdfplumber must stitch), DOCX (merged cells), DOC and WPS (Word 97 text, cell
marks), XLSX (merged ranges, numbers as floats) or OFD (GB/T 33190 XML), built by
``documents*.py``; all builders are deterministic, so a URL serves the same bytes on every run.
Hostile variants (``Attachment.hostile``): an HTML error page at the file's URL, served as
``text/html`` the way a misconfigured portal does, and a PDF cut off half way. The oversized file
stays a padded stub: it exists to be refused by the downloader, never to be read.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from crawler.sampleportal.bodies import report_text
from crawler.sampleportal.documents import build_docx, build_xlsx
from crawler.sampleportal.documents_layout import build_pdf
from crawler.sampleportal.documents_ofd import REALISTIC, build_ofd
from crawler.sampleportal.documents_ole import build_doc
from crawler.sampleportal.response import PageResponse

if TYPE_CHECKING:
    from crawler.sampleportal.model import (
        Attachment,
        AttachmentKind,
        ExpectedReport,
        Portal,
    )
    from crawler.sampleportal.reportnumbers import ReportNumbers

#: Over the tests' download limit (the spider's size limit is set below this in tests).
OVERSIZED_BYTES = 3 * 1024 * 1024
_ZIP_DATE = (2021, 1, 1, 0, 0, 0)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "wps": "application/kswps",  # what Kingsoft's own servers send; most portals send octet-stream
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
}
#: The error page a portal's file server answers with 200 at a missing file's URL.
HTML_ERROR_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>错误</title></head>"
    "<body><h1>文件不存在或已被删除</h1><p>请返回首页。</p></body></html>"
).encode()
#: Built attachments by (path, report key): the gkmlpt list API reports every file's size, so
#: the same bytes are asked for on every list page; building a PDF takes ~40 ms, a DOCX more.
_BUILT: dict[tuple[str, str | None], bytes] = {}
_MAX_BUILT = 256


def file_response(
    portal: Portal,
    path: str,
    *,
    content_type: str | None = None,
    headers: tuple[tuple[str, str], ...] = (),
) -> PageResponse | None:
    """The 200 answer for the attachment at ``path``, or None when no attachment lives there.

    ``content_type`` overrides the type of the file's kind (Hanweb's downfile.jsp serves every
    file as ``application/octet-stream``, as the real one does).
    """
    attachment = portal.files.get(path)
    if attachment is None:
        return None
    report = (
        portal.report_by_key(attachment.report_key) if attachment.report_key else None
    )
    body = attachment_bytes(attachment, report)
    if attachment.hostile == "html_error":
        content_type = "text/html; charset=utf-8"
    return PageResponse(
        200, body, content_type or CONTENT_TYPES[attachment.kind], headers=headers
    )


def attachment_bytes(attachment: Attachment, report: ExpectedReport | None) -> bytes:
    """The file served at ``attachment.path`` (built once, then kept in a bounded cache)."""
    key = (attachment.path, report.key if report else None)
    body = _BUILT.get(key)
    if body is None:
        body = _build(attachment, report)
        if len(_BUILT) >= _MAX_BUILT:
            _BUILT.clear()
        _BUILT[key] = body
    return body


def _build(attachment: Attachment, report: ExpectedReport | None) -> bytes:
    label = report.key if report else attachment.path
    if attachment.oversized:
        return _pdf(f"Annual report {label}", OVERSIZED_BYTES)
    if attachment.hostile == "html_error":
        return HTML_ERROR_PAGE
    if report is None or report.numbers is None:
        # No numbers to lay out (an unlinked file or a corpus text): the text as a DOCX.
        return _docx(report_text(report) if report else label)
    body = _document(attachment.kind, report.numbers, report.year, report.agency)
    if attachment.hostile == "truncated":
        return body[: len(body) // 2]
    return body


def _document(
    kind: AttachmentKind, numbers: ReportNumbers, year: int, agency: str
) -> bytes:
    """The report in ``kind``.

    PDF and OFD tear the application table across a page break, the shape real reports have
    (doc-extraction.md, "Method": the split variant). The OFD is written the way 数科/福昕
    producers write it (per-glyph text, thin filled boxes as rules, a template page, nested
    page blocks, curves: ``documents_ofd.REALISTIC``), not the reader-friendly plain form.
    """
    if kind == "pdf":
        return build_pdf(numbers, year, split=True, agency=agency)
    if kind == "ofd":
        return build_ofd(numbers, year, split=True, agency=agency, variant=REALISTIC)
    if kind in ("doc", "wps"):
        return build_doc(numbers, year, agency)
    return (build_docx if kind == "docx" else build_xlsx)(numbers, year, agency)


def _pdf(text: str, pad_to: int) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    if pad_to > len(out):
        # A comment block is legal anywhere between objects; it makes the file big, not broken.
        out += b"%" + b"0" * (pad_to - len(out)) + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _docx(text: str) -> bytes:
    paragraphs = "".join(
        "<w:p><w:r>"
        + "<w:tab/>".join(
            f'<w:t xml:space="preserve">{escape(part)}</w:t>'
            for part in line.split("\t")
        )
        + "</w:r></w:p>"
        for line in text.splitlines()
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=_ZIP_DATE), content.encode("utf-8")
            )
    return buffer.getvalue()
