"""What a body really is, decided from its bytes alone.

Portals serve HTML error pages under ``.pdf`` URLs, Word files as ``application/octet-stream``
and binaries as ``text/html`` (portals.md §3.5; doc-extraction.md "Guards" 1), so neither the
URL extension nor the Content-Type is trusted: only magic bytes and, for containers, cheap looks
inside (OLE2 stream names, zip member names). ``sniff_body`` never raises and never decodes the
whole body; it reads at most ``HEAD_BYTES`` of it for the text checks.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Final, Literal

#: The sniffed types. ``extract`` dispatches on these, one extractor per binary type.
SniffedType = Literal[
    "html",
    "text",
    "pdf",
    "doc",  # OLE2 with a WordDocument stream: Word 97 .doc and Kingsoft .wps
    "xls",  # OLE2 with a Workbook/Book stream: .xls and Kingsoft .et
    "ole",  # any other OLE2 container (encrypted OOXML, msg, ...)
    "docx",
    "xlsx",
    "ofd",
    "zip",  # a zip that is none of the above (or too damaged to list)
    "rtf",
    "empty",
    "binary",
]

#: Bytes examined for the text checks: enough for a page head with its <meta> block.
HEAD_BYTES: Final = 8192
#: A zip with more members than this is not listed (its central directory alone is work).
MAX_ZIP_MEMBERS: Final = 10_000

_PDF_MAGIC: Final = b"%PDF-"
#: The PDF header may follow junk; readers accept it within the first 1 kB (doc-extraction.md).
_PDF_WINDOW: Final = 1024
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_RTF_MAGIC: Final = b"{\\rtf"
_EOCD_MAGIC: Final = b"PK\x05\x06"
#: A member that identifies an OOXML/OFD package (doc-extraction.md "Guards" 1).
_ZIP_MARKERS: Final[tuple[tuple[str, SniffedType], ...]] = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("OFD.xml", "ofd"),
)
#: The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 kB.
_EOCD_WINDOW: Final = 22 + 65_535
_BOMS: Final = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# OLE2 directory entries hold stream names in UTF-16LE; finding one anywhere is a cheap,
# good-enough test that avoids walking the FAT (doc-extraction.md "Guards" 1).
_OLE_STREAMS: Final[tuple[tuple[bytes, SniffedType], ...]] = (
    ("WordDocument".encode("utf-16-le"), "doc"),
    ("Workbook".encode("utf-16-le"), "xls"),
    ("Book".encode("utf-16-le"), "xls"),
)
# Tags that open an HTML document or fragment, as in the WHATWG MIME sniffing table.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|script|style|iframe|h[1-6]|div|p|br"
    rb"|table|font|b|a|span|center|form|!--)[\s>/]",
    re.IGNORECASE,
)
# Markup anywhere in the head (pages that open with a stray line or a template leftover).
_HTML_ANYWHERE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)[\s>/]",
    re.IGNORECASE,
)
# Control bytes that never occur in text (everything below 0x20 except \t \n \f \r and ESC).
_CONTROL: Final = bytes(
    [*range(0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F]
)
#: Share of control bytes in the head above which a body is binary.
_MAX_CONTROL_SHARE: Final = 0.01


def bom_encoding(body: bytes) -> tuple[str, int] | None:
    """The encoding named by a leading byte-order mark and the mark's length, if any."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding, len(bom)
    return None


def sniff_body(body: bytes) -> SniffedType:
    r"""The real type of ``body`` from its magic bytes and, for text, its head.

    >>> sniff_body(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_body(b"  <!DOCTYPE html><html>")
    'html'
    >>> sniff_body(b"\x00\x01\x02\x03")
    'binary'
    """
    if not body.strip():
        return "empty"
    magic = _sniff_magic(body)
    if magic is not None:
        return magic
    head = _text_head(body)
    if head is None:
        return "binary"
    if _HTML_START.match(head.lstrip()) or _HTML_ANYWHERE.search(head):
        return "html"
    return "text"


def _sniff_magic(body: bytes) -> SniffedType | None:
    """The type announced by magic bytes (PDF, OLE2, zip, RTF), if any."""
    if _PDF_MAGIC in body[:_PDF_WINDOW]:
        return "pdf"
    if body.startswith(_OLE_MAGIC):
        return _sniff_ole(body)
    if body.startswith(_ZIP_MAGIC):
        return _sniff_zip(body)
    if body.lstrip().startswith(_RTF_MAGIC):
        return "rtf"
    return None


def _text_head(body: bytes) -> bytes | None:
    """The head as ASCII-compatible bytes, or None when it is binary.

    A UTF-16/32 body (with a BOM) is re-encoded to UTF-8 so the markup checks see ASCII ``<``.
    """
    bom = bom_encoding(body)
    head = body[: HEAD_BYTES + 4]
    if bom is not None and bom[0] != "utf-8":
        encoding, size = bom
        cut = len(head) - (len(head) - size) % 4
        try:
            head = head[size:cut].decode(encoding, errors="strict").encode("utf-8")
        except UnicodeDecodeError:
            return None
    head = head[:HEAD_BYTES]
    if not head:
        return None
    controls = len(head) - len(
        head.translate(None, _CONTROL)
    )  # (a regex took 10x longer)
    if b"\x00" in head or controls > _MAX_CONTROL_SHARE * len(head):
        return None
    return head


def _sniff_ole(body: bytes) -> SniffedType:
    for name, kind in _OLE_STREAMS:
        if name in body:
            return kind
    return "ole"


def _declared_members(body: bytes) -> int | None:
    """The member count in the end-of-central-directory record, read before zipfile lists."""
    at = body.rfind(_EOCD_MAGIC, max(0, len(body) - _EOCD_WINDOW))
    if at < 0 or at + 12 > len(body):
        return None
    return int.from_bytes(body[at + 10 : at + 12], "little")


def _sniff_zip(body: bytes) -> SniffedType:
    """docx/xlsx/ofd by member names; a damaged or oversized zip is just "zip"."""
    names = _member_names(body)
    for marker, kind in _ZIP_MARKERS:
        if marker in names:
            return kind
    return "zip"


def _member_names(body: bytes) -> frozenset[str]:
    """The zip's member names; empty when it is damaged, zip64 or holds too many members."""
    declared = _declared_members(body)
    if declared is None or declared > MAX_ZIP_MEMBERS:
        return (
            frozenset()
        )  # no directory, a huge one, or zip64 (0xFFFF): not listed here
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return frozenset()
    if len(infos) > MAX_ZIP_MEMBERS:
        return frozenset()
    return frozenset(info.filename for info in infos)
