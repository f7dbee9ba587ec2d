"""A minimal Word 97 binary (OLE2 compound file + FIB + piece table) built in Python.

The sample portal serves DOC and WPS attachments built here at run time. No LibreOffice in the
environment, so DOC files are written by hand following
[MS-CFB] and [MS-DOC]: a version-3 compound file (512-byte sectors, every stream padded past
the 4096-byte mini-stream cutoff so no mini FAT is needed) holding ``WordDocument`` (a FIB
whose ``fcClx``/``lcbClx`` point into the table stream, then the text) and ``1Table`` (the CLX
with one piece per text run, UTF-16LE or "compressed" cp1252). It carries text and, when asked,
the two properties ``parsers.extract.doc`` reads besides: pieces deleted with track changes
on (a ``ChpxFkp`` page marking them ``sprmCFRMarkDel``) and pieces that are paragraphs of table
cells (a ``PapxFkp`` page marking them ``sprmPFInTable``), each page named by its bin table.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from crawler.sampleportal.documents import AGENCY, placed_cells, report_blocks

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers

SECTOR = 512
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
MIN_STREAM = 4096  # the mini-stream cutoff: larger streams live in regular sectors
TEXT_OFFSET = 0x800


def word_document(
    pieces: list[tuple[str, bool]],
    *,
    encrypted: bool = False,
    table: str = "1Table",
    fc_offset: int = 0,
    deleted: frozenset[int] = frozenset(),
    in_table: frozenset[int] = frozenset(),
) -> bytes:
    """A .doc whose text is the concatenation of ``pieces`` ((text, compressed) each).

    ``fc_offset`` moves every piece's file position (a damaged piece table when non-zero).
    ``deleted`` and ``in_table`` are indexes of pieces that are text deleted with track
    changes on, and paragraphs inside table cells; with either, the character and paragraph
    property pages are written (one page each: a few dozen pieces at most).
    """
    word = bytearray(TEXT_OFFSET)
    cps, fcs = [0], []
    spans: list[tuple[int, int]] = []  # each piece's [start, end) in the stream
    for text, compressed in pieces:
        offset = len(word)
        if compressed:
            word += text.encode("cp1252")
            fcs.append((offset * 2) | 0x40000000)
        else:
            word += text.encode("utf-16-le")
            fcs.append(offset)
        spans.append((offset, len(word)))
        cps.append(cps[-1] + len(text))
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(
        struct.pack("<HIH", 0, fc + fc_offset, 0) for fc in fcs
    )
    clx = (
        b"\x01"
        + struct.pack("<H", 2)
        + b"\x00\x00"
        + b"\x02"
        + struct.pack("<I", len(plc))
        + plc
    )
    table_stream = bytearray(bytes(16) + clx)
    if deleted or in_table:
        chpx = [_DELETED_CHPX if i in deleted else b"" for i in range(len(pieces))]
        papx = [
            _IN_TABLE_PAPX if i in in_table else _PLAIN_PAPX for i in range(len(pieces))
        ]
        for fib_at, page in (
            (0x00FA, _chpx_page(spans, chpx)),
            (0x0102, _papx_page(spans, papx)),
        ):
            word += bytes(-len(word) % FKP_SIZE)
            bins = struct.pack("<3I", spans[0][0], spans[-1][1], len(word) // FKP_SIZE)
            word += page
            struct.pack_into("<II", word, fib_at, len(table_stream), len(bins))
            table_stream += bins
    flags = (0x0200 if table == "1Table" else 0) | (0x0100 if encrypted else 0)
    struct.pack_into("<HHHHHH", word, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)
    struct.pack_into("<II", word, 0x01A2, 16, len(clx))
    return compound_file({"WordDocument": bytes(word), table: bytes(table_stream)})


FKP_SIZE = 512
#: A Chpx (size byte, then sprmCFRMarkDel on) and PapxInFkp bodies (style 0; sprmPFInTable on).
_DELETED_CHPX = b"\x03" + struct.pack("<HB", 0x0800, 1)
_PLAIN_PAPX = struct.pack("<H", 0)
_IN_TABLE_PAPX = struct.pack("<HHB", 0, 0x2416, 1)


def _chpx_page(spans: list[tuple[int, int]], chpx: list[bytes]) -> bytes:
    """A ChpxFkp: run bounds, one offset byte per run (0: no properties), Chpx at the end."""
    return _fkp_page(spans, chpx, entry_size=1)


def _papx_page(spans: list[tuple[int, int]], papx: list[bytes]) -> bytes:
    """A PapxFkp: paragraph bounds, a 13-byte BxPap per paragraph, PapxInFkp at the end.

    A PapxInFkp's size byte counts 2-byte words: 2 * cb - 1 bytes follow, or cb = 0 and a
    second size byte for an even length.
    """
    entries = [
        (bytes([(len(body) + 1) // 2]) if len(body) % 2 else bytes([0, len(body) // 2]))
        + body
        for body in papx
    ]
    return _fkp_page(spans, entries, entry_size=13)


def _fkp_page(
    spans: list[tuple[int, int]], bodies: list[bytes], *, entry_size: int
) -> bytes:
    """An FKP page of the runs in ``spans``, with one body (or none) for each.

    The page holds the runs' bounds, an entry per run whose first byte is its body's offset
    in 2-byte words (0: no body), the bodies placed from the page's end, the run count last.
    """
    page = bytearray(FKP_SIZE)
    count = len(spans)
    struct.pack_into(f"<{count + 1}I", page, 0, *[a for a, _ in spans], spans[-1][1])
    end = FKP_SIZE - 1
    for index, body in enumerate(bodies):
        if body:
            end = (end - len(body)) & ~1
            page[end : end + len(body)] = body
            page[4 * (count + 1) + entry_size * index] = end // 2
    _check_fits(end, 4 * (count + 1) + entry_size * count)
    page[-1] = count
    return bytes(page)


def _check_fits(properties_start: int, index_end: int) -> None:
    if properties_start < index_end:
        msg = "too many pieces for one property page"
        raise ValueError(msg)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file with ``streams`` in the root storage (names ≤ 31 chars)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # CFB's sibling order
    data: list[bytes] = []
    starts: list[int] = []
    fat: list[int] = []
    for name in names:
        body = streams[name].ljust(MIN_STREAM, b"\0")
        count = -(-len(body) // SECTOR)
        starts.append(len(fat))
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(END_OF_CHAIN)
        data.append(body.ljust(count * SECTOR, b"\0"))
    entries = [_entry("Root Entry", 5, END_OF_CHAIN, 0, child=1)]
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else NO_STREAM
        entries.append(
            _entry(
                name,
                2,
                starts[index],
                len(streams[name].ljust(MIN_STREAM, b"\0")),
                right=right,
            )
        )
    while len(entries) % 4:
        entries.append(
            bytes(64)
            + struct.pack("<HBB3I", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM)
            + bytes(48)
        )
    directory = b"".join(entries)
    dir_start = len(fat)
    dir_count = len(directory) // SECTOR
    fat.extend(range(dir_start + 1, dir_start + dir_count))
    fat.append(END_OF_CHAIN)
    fat_start = len(fat)
    fat_count = -(-(len(fat) + 1) // 128)
    fat.extend([FAT_SECTOR] * fat_count)
    fat.extend([FREE] * (fat_count * 128 - len(fat)))
    difat = list(range(fat_start, fat_start + fat_count)) + [FREE] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_count,
            dir_start,
            0,
            MIN_STREAM,
            END_OF_CHAIN,
            0,
            END_OF_CHAIN,
            0,
        )
        + struct.pack("<109I", *difat)
    )
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + b"".join(data) + directory + fat_bytes


def _entry(
    name: str,
    kind: int,
    start: int,
    size: int,
    *,
    child: int = NO_STREAM,
    right: int = NO_STREAM,
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def build_doc(numbers: ReportNumbers, year: int, agency: str = AGENCY) -> bytes:
    """The generated report as Word 97 text: paragraphs end in CR, cells and rows in 0x07.

    Word stores a table as cell texts each ended by a cell mark (0x07) and each row closed by
    a row-end mark (another 0x07); merged-away cells are present and empty.
    """
    parts: list[str] = []
    for block in report_blocks(numbers, year, agency):
        if isinstance(block, str):
            parts.append(block + "\r")
            continue
        placed, height, width = placed_cells(block)
        texts = {(p.row, p.col): p.cell.text for p in placed}
        parts.extend(
            "".join(texts.get((r, c), "") + "\x07" for c in range(width)) + "\x07"
            for r in range(height)
        )
    return word_document([("".join(parts), False)])
