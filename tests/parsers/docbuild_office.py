"""Test-only builders of real legacy Office binaries (Word 97 DOC, BIFF8 XLS) via LibreOffice.

``docbuild_ole`` writes Word binaries by hand from the spec; these come from a real writer
instead (LibreOffice's "MS Word 97" and "MS Excel 97" filters), so a reader is also checked
against files it did not help to design. They need ``soffice``: call ``require_tool`` first.
"""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import olefile

from parsers.extract.libreoffice import convert
from parsers.extract.limits import DEFAULT_LIMITS
from tests.parsers.docbuild import build_docx, build_xlsx

if TYPE_CHECKING:
    from crawler.sampleportal.reportgen import ReportNumbers

#: Offset of FibBase.flags in the WordDocument stream ([MS-DOC] 2.5.2).
FIB_FLAGS_OFFSET = 10


def build_doc_lo(numbers: ReportNumbers, year: int) -> bytes:
    """The report as a Word 97 binary written by LibreOffice (from ``build_docx``)."""
    return convert(build_docx(numbers, year), "docx", "doc", limits=DEFAULT_LIMITS)


def build_xls_lo(numbers: ReportNumbers, year: int) -> bytes:
    """The report as a BIFF8 ``.xls`` written by LibreOffice (from ``build_xlsx``)."""
    return convert(build_xlsx(numbers, year), "xlsx", "xls", limits=DEFAULT_LIMITS)


def with_fib_flags(body: bytes, flags: int) -> bytes:
    """``body`` with ``flags`` set in the FIB (e.g. ``fEncrypted`` 0x0100), nothing else changed.

    olefile rewrites a stream in place only in a file of the same size, hence the temp file.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flagged.doc"
        path.write_bytes(body)
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            word = bytearray(ole.openstream("WordDocument").read())
            (old,) = struct.unpack_from("<H", word, FIB_FLAGS_OFFSET)
            struct.pack_into("<H", word, FIB_FLAGS_OFFSET, old | flags)
            ole.write_stream("WordDocument", bytes(word))
        return path.read_bytes()
