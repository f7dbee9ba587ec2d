"""DOC and WPS (Word 97 binary in an OLE2 container) -> ``Document`` with text only.

antiword and catdoc silently dropped the application table's rows; an own piece-table reader
on olefile returned all 175 numbers in row order in 0.4 ms (doc-extraction.md, "DOC and
WPS"); Kingsoft ``.wps`` files are the same container. The reader follows [MS-DOC]: the FIB at
the start of the ``WordDocument`` stream names the table stream (``0Table``/``1Table``, bit
``fWhichTblStm``) and the offset of the CLX, whose piece table maps character positions to
either UTF-16LE or "compressed" 8-bit (cp1252) runs. Field codes keep only their result; a
cell mark (0x07) becomes a tab. Text deleted with track changes on is still in those runs (Word
keeps it, marked by a character property, until the change is accepted): a number corrected
that way read as the old digits run into the new ones (``43`` deleted, ``0`` inserted: ``430``),
so the character-property pages (``PlcBteChpx`` -> ``ChpxFkp``) are read for the runs marked
``sprmCFRMarkDel`` and their characters left out, as Word shows the document. A table cell
typed over several paragraphs (``商业`` / ``企业`` in a header, a long row label broken by
Enter) would end a text line in mid-cell, and the row with it: the paragraph marks of table
paragraphs (``sprmPFInTable`` in the ``PapxFkp`` pages) are found and the cell's lines joined
as one label, except between two numbers, which stay on lines of their own (two rows' numbers
typed into one cell are not one number). Table grids are not recovered (that needs the PAPX/TAP
properties), so ``Document.tables`` is empty; ``libreoffice.extract_doc_converted`` gets the
grids when LibreOffice is installed and reuses ``check_word_binary`` from here first.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import olefile  # type: ignore[import-untyped]

from parsers.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    ResourceLimitError,
)
from parsers.extract.cellgrid import join_pieces
from parsers.extract.zipguard import check_body_size
from parsers.model import Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

#: FibBase.flags bits ([MS-DOC] 2.5.2).
F_ENCRYPTED: Final = 0x0100
F_WHICH_TBL_STM: Final = 0x0200
#: Offset of FibRgFcLcb97.fcClx / lcbClx in the WordDocument stream.
FC_CLX_OFFSET: Final = 0x01A2
#: Offset of FibRgFcLcb97.fcPlcfBteChpx / lcbPlcfBteChpx: the character-property bin table.
FC_CHPX_BINS_OFFSET: Final = 0x00FA
#: A ChpxFkp page: 512 bytes of the WordDocument stream, its run count in the last byte.
FKP_SIZE: Final = 512
#: sprmCFRMarkDel: the run is deleted text of a tracked change (operand: a ToggleOperand).
SPRM_DELETED: Final = 0x0800
#: ToggleOperand values that switch the property on (1, and 0x81 "opposite of the style",
#: which is on: no style marks text deleted).
_TOGGLE_ON: Final = frozenset({0x01, 0x81})
#: Offset of FibRgFcLcb97.fcPlcfBtePapx / lcbPlcfBtePapx: the paragraph-property bin table.
FC_PAPX_BINS_OFFSET: Final = 0x0102
#: sprmPFInTable (the paragraph is in a table cell) and sprmPItap (its table depth).
SPRM_IN_TABLE: Final = 0x2416
SPRM_TABLE_DEPTH: Final = 0x6649
#: sprmPFInnerTableCell / sprmPFInnerTtp: the paragraph mark of a nested table's paragraph
#: ends its cell or row (it is a cell mark, not a line inside a cell).
SPRMS_NESTED_MARK: Final = (0x244B, 0x244C)
#: sprmTDefTable: its variable operand is sized by two bytes, not one.
SPRM_TABLE_DEFINITION: Final = 0xD608
#: Operand size by the sprm's ``spra`` (bits 13-15); 6 is variable (a size byte first).
_OPERAND_SIZE: Final = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
#: Stands, between reading and joining, for a paragraph mark inside a table cell (a control
#: character Word does not store; one found in a file is dropped first, as a 0x08 is).
_CELL_BREAK: Final = "\x1d"
_CELL_WITH_BREAKS = re.compile("[^\t\n]*\x1d[^\t\n]*")
_NUMBER = re.compile(r"[-+]?[\d,，.]+%?")
#: Above every stream position: ``(position, _NO_END)`` sorts after each range starting there.
_NO_END: Final = 1 << 62
WORD_IDENT: Final = 0xA5EC
#: A piece's fc with this bit set is 8-bit text at fc/2 (FcCompressed.fCompressed).
F_COMPRESSED: Final = 0x40000000
#: Most characters a document may hold; a report is ~20 000.
MAX_CHARS: Final = 20_000_000
MAX_PIECES: Final = 100_000

# Field begin (0x13) … separator (0x14) … end (0x15): the instruction is dropped, the result kept.
_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14?")
_CONTROLS = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\t",  # cell and row end marks
        "\x0b": "\n",  # manual line break
        "\x0c": "\n",  # page / section break
        "\x1e": "-",  # non-breaking hyphen
        "\x1f": None,  # soft hyphen
        "\x15": None,
        "\x01": None,  # embedded picture / object anchors
        "\x08": None,
        "\x05": None,  # annotation reference
        "\x02": None,  # footnote reference
    }
)


def extract_doc(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The text of a Word 97 / WPS binary; raise an ``ExtractionError`` subclass if impossible."""
    word, table, fc_clx, lcb_clx = _open_word(body, limits=limits)
    marks = _Marks(
        deleted=_deleted_runs(word, table), in_table=_table_paragraphs(word, table)
    )
    text = _piece_text(word, table, fc_clx, lcb_clx, marks)
    text = _FIELD_CODE.sub("", text).translate(_CONTROLS)
    text = _CELL_WITH_BREAKS.sub(_join_cell_lines, text)
    return Document(
        text=text,
        media_type="application/msword",
        extractor="nianbao-doc",
    )


def check_word_binary(body: bytes, *, limits: ExtractionLimits) -> None:
    """Raise unless ``body`` is a readable, unencrypted Word 97 binary (OLE2 + FIB).

    For ``libreoffice.extract_doc_converted``: LibreOffice imports any bytes it cannot
    identify as plain text and exits 0, and it would report an encrypted DOC as a mere
    failure, so the same checks as ``extract_doc`` run first and raise the same errors.
    """
    _open_word(body, limits=limits)


def _open_word(
    body: bytes, *, limits: ExtractionLimits
) -> tuple[bytes, bytes, int, int]:
    """(WordDocument stream, table stream, fcClx, lcbClx) of an unencrypted Word binary."""
    check_body_size(body, limits=limits)
    try:
        with olefile.OleFileIO(io.BytesIO(body)) as ole:
            if not ole.exists("WordDocument"):
                _fail("no WordDocument stream: not a Word binary")
            word = ole.openstream("WordDocument").read()
            flags, table_name, fc_clx, lcb_clx = _fib(word)
            if not ole.exists(table_name):
                _fail(f"the FIB names a missing table stream {table_name}")
            table = ole.openstream(table_name).read()
    except (OSError, struct.error, ValueError, IndexError) as exc:
        logger.warning("doc unreadable: %r", exc)
        raise CorruptDocumentError(f"not a readable OLE2 Word file: {exc!r}") from exc
    if flags & F_ENCRYPTED:
        logger.warning("doc refused: encrypted")
        msg = "the Word document is encrypted"
        raise EncryptedDocumentError(msg)
    return word, table, fc_clx, lcb_clx


def _fail(msg: str) -> None:
    logger.warning("doc unreadable: %s", msg)
    raise CorruptDocumentError(msg)


def _fib(word: bytes) -> tuple[int, str, int, int]:
    """(flags, table stream name, fcClx, lcbClx) from the File Information Block."""
    if len(word) < FC_CLX_OFFSET + 8:
        _fail("WordDocument stream too short for a Word 97 FIB")
    ident, _nfib, _unused, _lid, _pn_next, flags = struct.unpack_from(
        "<HHHHHH", word, 0
    )
    if ident != WORD_IDENT:
        _fail(f"FIB wIdent is {ident:#06x}, not a Word 97+ document")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, FC_CLX_OFFSET)
    table = "1Table" if flags & F_WHICH_TBL_STM else "0Table"
    return flags, table, fc_clx, lcb_clx


@dataclass(frozen=True, slots=True)
class _Marks:
    """Stream ranges ``[start, end)`` read from the property pages, each list sorted."""

    #: text deleted with track changes on (left out)
    deleted: list[tuple[int, int]]
    #: paragraphs inside table cells (their paragraph marks are in-cell line breaks)
    in_table: list[tuple[int, int]]


def _piece_text(
    word: bytes, table: bytes, fc_clx: int, lcb_clx: int, marks: _Marks
) -> str:
    """Concatenate the pieces of the piece table (Clx -> Pcdt -> PlcPcd).

    Deleted runs are left out; a paragraph mark inside a table cell becomes ``_CELL_BREAK``.
    """
    clx = table[fc_clx : fc_clx + lcb_clx]
    if len(clx) != lcb_clx or not clx:
        _fail("the CLX lies outside the table stream")
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: skip its grpprl
        (size,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + size
    if pos + 5 > len(clx) or clx[pos] != 0x02:  # noqa: PLR2004 - Pcdt marker
        _fail("no piece table (Pcdt) in the CLX")
    (lcb,) = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    count = (len(plc) - 4) // 12
    if count < 1 or count > MAX_PIECES or len(plc) != lcb:
        _fail(f"piece table of {lcb} bytes is malformed")
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    out: list[str] = []
    total = 0
    for i in range(count):
        start, end = cps[i], cps[i + 1]
        if end < start:
            _fail("piece table character positions go backwards")
        total += end - start
        if total > MAX_CHARS:
            msg = f"more than {MAX_CHARS} characters of text"
            logger.warning("doc refused: %s", msg)
            raise ResourceLimitError(msg)
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        if fc & F_COMPRESSED:
            offset, width = (fc & ~F_COMPRESSED) // 2, 1
            raw = word[offset : offset + (end - start)]
            piece = raw.decode("cp1252", errors="replace")
        else:
            offset, width = fc, 2
            raw = word[fc : fc + 2 * (end - start)]
            piece = raw.decode("utf-16-le", errors="replace")
        if len(raw) != width * (end - start):
            _fail("a text piece lies outside the WordDocument stream")
        piece = _with_cell_breaks(piece, offset, width, marks.in_table)
        out.append(_without_deleted(piece, offset, width, marks.deleted))
    return "".join(out)


def _with_cell_breaks(
    piece: str, offset: int, width: int, in_table: list[tuple[int, int]]
) -> str:
    """``piece`` with the paragraph marks of table paragraphs as ``_CELL_BREAK``.

    A ``_CELL_BREAK`` already in the file is replaced by a character the text drops (0x08),
    one for one, so positions stay those of the stream.
    """
    piece = piece.replace(_CELL_BREAK, "\x08")
    if "\r" not in piece or not in_table:
        return piece
    chars = list(piece)
    for index, char in enumerate(chars):
        if char == "\r" and _inside(in_table, offset + width * index):
            chars[index] = _CELL_BREAK
    return "".join(chars)


def _inside(ranges: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` lies in one of the sorted, disjoint ``ranges``."""
    index = bisect.bisect_right(ranges, (position, _NO_END)) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _without_deleted(
    piece: str, offset: int, width: int, deleted: list[tuple[int, int]]
) -> str:
    """``piece`` (stored at ``offset``, ``width`` bytes a character) minus its deleted runs."""
    end = offset + width * len(piece)
    index = max(0, bisect.bisect_right(deleted, (offset, _NO_END)) - 1)
    kept: list[str] = []
    position = 0  # characters of the piece taken or dropped so far
    for run_start, run_end in deleted[index:]:
        if run_start >= end:
            break
        if run_end <= offset:
            continue
        cut_from = max(0, -(-(run_start - offset) // width))  # first character inside
        cut_to = min(len(piece), -(-(run_end - offset) // width))
        if cut_from > position:
            kept.append(piece[position:cut_from])
        position = max(position, cut_to)
    if position == 0:
        return piece
    kept.append(piece[position:])
    return "".join(kept)


def _join_cell_lines(match: re.Match[str]) -> str:
    """One cell's paragraphs as one line, but two numbers kept on lines of their own."""
    lines = [line.strip() for line in match.group().split(_CELL_BREAK)]
    out = ""
    for line in filter(None, lines):
        if out and _NUMBER.fullmatch(line) and _NUMBER.search(out.rsplit("\n", 1)[-1]):
            out += "\n" + line
        else:
            out = join_pieces([out, line]) if out else line
    return out


def _deleted_runs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """The WordDocument stream ranges of text marked deleted ([MS-DOC] 2.8.4, 2.9.41)."""
    return _marked_runs(word, table, FC_CHPX_BINS_OFFSET, _chpx_grpprl, _deletes)


def _table_paragraphs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """The WordDocument stream ranges of paragraphs in table cells ([MS-DOC] 2.9.175)."""
    return _marked_runs(word, table, FC_PAPX_BINS_OFFSET, _papx_grpprl, _in_table)


def _marked_runs(
    word: bytes,
    table: bytes,
    bins_offset: int,
    grpprl_of: Callable[[bytes, int, int], bytes],
    marks: Callable[[bytes], bool],
) -> list[tuple[int, int]]:
    """Runs of a property bin table (``PlcBteChpx`` or ``PlcBtePapx``) whose sprms ``marks``.

    Each bin is an FKP page of the WordDocument stream: (n + 1) stream positions, then one
    entry per run naming its properties. A bin table that does not hold together is a
    damaged file: deleted text could not be told from the rest, so it is refused rather than
    read with deletions in it.
    """
    fc, lcb = struct.unpack_from("<II", word, bins_offset)
    if lcb == 0:  # no such properties at all (writers of plain text)
        return []
    bins = table[fc : fc + lcb]
    count = (lcb - 4) // 8
    if len(bins) != lcb or count < 1 or 4 + 8 * count != lcb:
        _fail(f"a property bin table ({lcb} bytes) is malformed")
    runs: list[tuple[int, int]] = []
    for pn in struct.unpack_from(f"<{count}I", bins, 4 * (count + 1)):
        page_at = (pn & 0x3FFFFF) * FKP_SIZE
        page = word[page_at : page_at + FKP_SIZE]
        runs_here = page[-1] if len(page) == FKP_SIZE else 0
        if not runs_here:
            _fail(f"property page {pn & 0x3FFFFF} is malformed")
        try:
            bounds = struct.unpack_from(f"<{runs_here + 1}I", page, 0)
            runs.extend(
                (bounds[index], bounds[index + 1])
                for index in range(runs_here)
                if marks(grpprl_of(page, runs_here, index))
            )
        except (struct.error, IndexError):
            _fail(f"property page {pn & 0x3FFFFF} is malformed")
    runs.sort()
    return runs


def _chpx_grpprl(page: bytes, runs: int, index: int) -> bytes:
    """The sprms of run ``index`` of a ChpxFkp page (none where its offset byte is 0)."""
    at = 2 * page[4 * (runs + 1) + index]
    return page[at + 1 : at + 1 + page[at]] if at else b""


def _papx_grpprl(page: bytes, runs: int, index: int) -> bytes:
    """The sprms of paragraph ``index`` of a PapxFkp page (its style index cut off)."""
    at = 2 * page[4 * (runs + 1) + 13 * index]  # BxPap: offset byte + 12 bytes of PHE
    if page[at]:
        size, start = 2 * page[at] - 1, at + 1
    else:
        size, start = 2 * page[at + 1], at + 2
    return page[start + 2 : start + size]  # after the istd


def _deletes(grpprl: bytes) -> bool:
    operand = _operand(grpprl, SPRM_DELETED)
    return operand is not None and operand[0] in _TOGGLE_ON


def _in_table(grpprl: bytes) -> bool:
    for sprm in SPRMS_NESTED_MARK:
        nested = _operand(grpprl, sprm)
        if nested is not None and nested[0] == 1:
            return False
    in_table = _operand(grpprl, SPRM_IN_TABLE)
    if in_table is not None:
        return in_table[0] == 1
    depth = _operand(grpprl, SPRM_TABLE_DEPTH)
    return depth is not None and len(depth) == 4 and struct.unpack("<i", depth)[0] > 0  # noqa: PLR2004


def _operand(grpprl: bytes, wanted: int) -> bytes | None:
    """The operand of the sprm ``wanted`` in ``grpprl``, or None (absent, or cut short)."""
    position = 0
    while position + 2 < len(grpprl):  # a sprm and at least one operand byte left
        (sprm,) = struct.unpack_from("<H", grpprl, position)
        position += 2
        size = _OPERAND_SIZE.get(sprm >> 13)
        if (
            size is None
            and sprm == SPRM_TABLE_DEFINITION
            and position + 1 < len(grpprl)
        ):
            size = 1 + struct.unpack_from("<H", grpprl, position)[0]
        elif size is None:  # variable: the operand starts with its own size
            size = 1 + grpprl[position]
        if sprm == wanted:
            operand = grpprl[position : position + size]
            return operand if len(operand) == size else None
        position += size
    return None
