"""Refuse a PDF whose compressed streams inflate past the memory budget, before PDFium reads it.

pdfminer fails softly on a decompression bomb (zlib raises ``MemoryError`` under the
sandbox's ``RLIMIT_AS``), but PDFium cannot: a failed C++ allocation aborts the process
(measured: a 1 MB page whose content stream inflates to 128 MiB under a 256 MiB cap ends in
SIGABRT, which reads as a crash, not as a resource limit). So before PDFium opens the file,
every ``FlateDecode`` stream that is not an image (images are never decoded to read text) is
inflated here in bounded chunks, its output counted and thrown away; past the budget the PDF
is a ``ResourceLimitError``. Streams zlib cannot read (encrypted, damaged) are skipped: PDFium
cannot inflate them either. Costs one pass of zlib over the non-image streams (~0.1 ms for a
sample portal report, a few ms for a real report with embedded font subsets).
"""

from __future__ import annotations

import logging
import re
import zlib
from typing import Final

from parsers.errors import ResourceLimitError

logger = logging.getLogger(__name__)

#: Output bytes inflated per step, so a bomb never sits in memory whole.
CHUNK: Final = 1 << 20
#: Compressed bytes fed per step (a bomb's input is small: deflate tops out near 1000:1).
FEED: Final = 64 << 10
#: How far before ``stream`` its dictionary is looked for.
DICT_WINDOW: Final = 4096
_STREAM = re.compile(rb">>\s*stream\r?\n")
_OBJ = re.compile(rb"\bobj\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_inflated_size(body: bytes, *, budget: int) -> None:
    """Raise ``ResourceLimitError`` if the non-image flate streams inflate past ``budget``."""
    total = 0
    for match in _STREAM.finditer(body):
        head = body[max(0, match.start() - DICT_WINDOW) : match.start()]
        opening = list(_OBJ.finditer(head))
        if opening:
            head = head[opening[-1].end() :]
        if not _FLATE.search(head) or _IMAGE.search(head):
            continue
        total += _inflated_size(body, match.end(), budget - total)
        if total > budget:
            msg = f"its streams inflate past {budget} bytes (decompression bomb)"
            logger.warning("pdf refused: %s", msg)
            raise ResourceLimitError(msg)


def _inflated_size(body: bytes, start: int, room: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counting stops just past ``room``."""
    inflater = zlib.decompressobj()
    view = memoryview(body)[start:]
    size = 0
    data: bytes | memoryview = view[:FEED]
    offset = len(data)
    try:
        while size <= room and not inflater.eof:
            out = inflater.decompress(data, CHUNK)
            size += len(out)
            data = inflater.unconsumed_tail
            if not data and not out:
                if offset >= len(view):
                    break
                data = view[offset : offset + FEED]
                offset += len(data)
    except zlib.error:
        pass
    return size
