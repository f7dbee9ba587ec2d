"""Attachment bytes: small but well-formed PDF, DOC and DOCX files, and one oversized PDF.

The attachment-only report's DOCX holds the report's text (one ``<w:p>`` per line, tabs as
``<w:tab/>``) so a later DOCX extractor can read it; the PDFs carry an ASCII stub (CJK text in a
PDF needs embedded fonts, which a fixture does not need). Zip timestamps are fixed, so the bytes
are the same on every run.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from crawler.sampleportal.bodies import report_text
from crawler.sampleportal.response import PageResponse

if TYPE_CHECKING:
    from crawler.sampleportal.model import Attachment, ExpectedReport, Portal

#: Over the tests' download limit (the spider's size limit is set below this in tests).
OVERSIZED_BYTES = 3 * 1024 * 1024
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_DATE = (2021, 1, 1, 0, 0, 0)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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
    return PageResponse(
        200, body, content_type or CONTENT_TYPES[attachment.kind], headers=headers
    )


def attachment_bytes(attachment: Attachment, report: ExpectedReport | None) -> bytes:
    """The file served at ``attachment.path`` (the server caches responses, not this)."""
    label = report.key if report else attachment.path
    if attachment.kind == "docx":
        return _docx(report_text(report) if report else label)
    if attachment.kind == "doc":
        return _OLE_MAGIC + bytes(504) + f"annual report {label}".encode("utf-16-le")
    return _pdf(
        f"Annual report {label}", OVERSIZED_BYTES if attachment.oversized else 0
    )


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
