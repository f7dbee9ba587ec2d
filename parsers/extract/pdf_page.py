"""One PDF page read by PDFium: its characters with their boxes, and its ruling lines as edges.

Characters come from PDFium's text page (``FPDFText_*``), in content order, PDFium's own
generated spaces and line breaks left out (the layout is rebuilt from positions, as
``pdf_text`` explains). A character's box is pdfminer's, so the text and cell rules tuned on
pdfplumber keep working: left and right from PDFium's loose box, bottom at the font's
descent, top one font size (times the text matrix's vertical scale) above it; a rotated
character keeps PDFium's loose box. A glyph PDFium cannot map to Unicode (no ``ToUnicode``,
no known encoding) reads ``(cid:N)``, the way pdfminer writes it, so the scan test in
``pdf.py`` treats both paths alike.

Ruling lines come from the page's path objects (and those inside form XObjects, their
matrices applied): a one-segment path whose box is thinner than ``ruling.THIN`` is one edge
along the box's centre (the common case: ~4 library calls instead of ~12); any other path is
read segment by segment (``ruling.subpath_edges``: rectangles, polylines, thin filled boxes;
Bézier segments rule nothing). PDFium drops paths that are neither stroked nor filled, as
pdfminer does. Hostile pages are bounded: at most ``MAX_OBJECTS`` objects and
``MAX_EDGES`` edges are read per page (the text stays, the tables go, one warning), and form
XObjects nest at most ``MAX_FORM_DEPTH`` deep.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, cast

import pypdfium2  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from parsers.errors import CorruptDocumentError, EncryptedDocumentError
from parsers.extract.pdf_text import Char
from parsers.extract.ruling import (
    Edge,
    Point,
    Rule,
    as_rules,
    centre_line,
    rule,
    subpath_edges,
)

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

#: Ruling edges kept per page (a report page has ~40 x 12 rules, each cell drawn: ~2,000).
MAX_EDGES: Final = 20_000
#: Page objects (paths, text, forms) looked at per page, form contents included.
MAX_OBJECTS: Final = 200_000
MAX_FORM_DEPTH: Final = 8
#: A path of a move and one line: the common rule, read through its box.
ONE_SEGMENT: Final = 2

#: ``FPDFText_GetTextObject`` answering the object's address as an int, to key a cache on.
_TEXT_OBJECT: Final = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    cast("int", ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
)
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Final[Matrix] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageContent:
    """What the extractor needs from a page; ``edges`` is empty when the page was too dense."""

    chars: list[Char]
    edges: list[Rule]
    height: float


def open_pdfium(
    body: bytes, *, failure: str = "pdfium cannot open it"
) -> pypdfium2.PdfDocument:
    """The PDF opened by PDFium (to read it, and to render scans for OCR).

    A user password is ``EncryptedDocumentError``; anything else PDFium refuses is
    ``CorruptDocumentError`` with the message ``"<failure>: <pdfium's reason>"``.
    """
    try:
        return pypdfium2.PdfDocument(body)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            msg = "the PDF needs a user password"
            logger.warning("pdf refused: %s", msg)
            raise EncryptedDocumentError(msg) from exc
        msg = f"{failure}: {exc}"
        logger.warning("pdf unreadable: %s", msg)
        raise CorruptDocumentError(msg) from exc


def read_page(page: pypdfium2.PdfPage) -> PageContent:
    """The page's characters, ruling edges (top-based points) and height."""
    left, bottom, right, top = (float(v) for v in page.get_mediabox())
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, top)
    finally:
        textpage.close()
    reader = _EdgeReader(top)
    reader.read(page.raw)
    if reader.overflow:
        logger.warning(
            "pdf page: over %d ruling edges or %d objects, tables ignored",
            MAX_EDGES,
            MAX_OBJECTS,
        )
    edges = [] if reader.overflow else reader.edges
    return PageContent(chars, edges, abs(top - bottom) or abs(right - left))


def _chars(textpage: object, top: float) -> list[Char]:
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _all_text(textpage, count)
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    origin = pdfium_c.FPDFText_GetCharOrigin
    unmapped_glyph = pdfium_c.FPDFText_HasUnicodeMapError
    runs: dict[int | None, tuple[bool, float, float]] = {}
    descents: dict[tuple[float, float], float] = {}
    new_char = functools.partial(
        tuple.__new__, Char
    )  # Char(...) without its Python __new__
    out: list[Char] = []
    for index in range(count):
        char = (
            text[index]
            if text is not None
            else chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        )
        if char.isspace() and pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue
        if unmapped_glyph(textpage, index) == 1:
            char = f"(cid:{ord(char)})"
        loose_box(textpage, index, box_ref)
        obj = _TEXT_OBJECT(textpage, index)
        run = runs.get(obj) if obj else None
        if run is None:  # the text object's matrix and size hold for all its characters
            run = runs[obj] = _run_geometry(textpage, index)
        upright, height, scale = run
        if upright:
            origin(textpage, index, x_ref, y_ref)
            # The loose box is single precision (~1e-4 pt off on a page): the baseline is
            # exact, and one descent per size keeps lines an exact distance apart.
            descent = descents.setdefault((height, scale), y.value - box.bottom)
            bottom = top - y.value + descent
            left = x.value
            out.append(
                new_char(
                    (
                        char,
                        left,
                        left + box.right - box.left,
                        bottom - height,
                        bottom,
                        True,
                    )
                )
            )
        else:
            out.append(
                new_char(
                    (char, box.left, box.right, top - box.top, top - box.bottom, False)
                )
            )
    return out


def _run_geometry(textpage: object, index: int) -> tuple[bool, float, float]:
    """Whether the character is upright (pdfminer's test), its height and x scale."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(m))
    upright = m.a * m.d > 0 and m.b * m.c <= 0
    return upright, pdfium_c.FPDFText_GetFontSize(textpage, index) * m.d, m.a


def _all_text(textpage: object, count: int) -> str | None:
    """All characters in one call; None when they are not one UTF-16 unit each."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count and "\ufffd" not in text else None


class _EdgeReader:
    """Walks the page objects (forms included) and turns path objects into edges."""

    def __init__(self, top: float) -> None:
        self.top = top
        self.edges: list[Rule] = []
        self.objects = 0
        self.overflow = False
        self._float = [ctypes.c_float() for _ in range(4)]
        self._refs = [ctypes.byref(f) for f in self._float]
        self._matrix = pdfium_c.FS_MATRIX()

    def read(self, page: object) -> None:
        """All objects of the page, stopping at ``MAX_OBJECTS`` or ``MAX_EDGES``."""
        self._walk(
            page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, None, 0
        )

    def _walk(
        self,
        holder: object,
        count_of: Callable[[object], int],
        object_at: Callable[[object, int], object],
        outer: Matrix | None,
        depth: int,
    ) -> None:
        """The objects of a page or form; ``outer``: the form's matrix (None on the page)."""
        total = count_of(holder)
        count = min(total, MAX_OBJECTS - self.objects)
        self.objects += count
        self.overflow |= count < total
        kind_of, path, form = (
            pdfium_c.FPDFPageObj_GetType,
            pdfium_c.FPDF_PAGEOBJ_PATH,
            pdfium_c.FPDF_PAGEOBJ_FORM,
        )
        segments_of, bounds_of, refs = (
            pdfium_c.FPDFPath_CountSegments,
            pdfium_c.FPDFPageObj_GetBounds,
            self._refs,
        )
        left, bottom, right, top = self._float
        edges, page_top = self.edges, self.top
        for index in range(count):
            if len(edges) > MAX_EDGES:
                self.overflow = True
                return
            obj = object_at(holder, index)
            kind = kind_of(obj)
            if kind == path:
                segments = segments_of(obj)
                if outer is None and segments == ONE_SEGMENT:  # a move and a line
                    bounds_of(obj, *refs)
                    centre = centre_line(
                        (
                            left.value,
                            page_top - top.value,
                            right.value,
                            page_top - bottom.value,
                        )
                    )
                    found = None if centre is None else rule(*centre)
                    if found is not None:
                        edges.append(found)
                        continue
                matrix = self._object_matrix(obj, outer)
                edges.extend(as_rules(self._segments(obj, segments, matrix)))
            elif kind == form and depth < MAX_FORM_DEPTH:
                self._walk(
                    obj,
                    pdfium_c.FPDFFormObj_CountObjects,
                    pdfium_c.FPDFFormObj_GetObject,
                    self._object_matrix(obj, outer),
                    depth + 1,
                )

    def _segments(self, obj: object, count: int, matrix: Matrix) -> list[Edge]:
        """Every subpath of the path, in page points, as edges."""
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        filled = fill.value != 0
        x, y = self._float[0], self._float[1]
        out: list[Edge] = []
        subpath: list[Point] = []
        straight = True
        for index in range(count):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, self._refs[0], self._refs[1])
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            point = self._place(matrix, x.value, y.value)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                out.extend(subpath_edges(subpath, closed=filled, straight=straight))
                subpath, straight = [point], True
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                subpath.append(point)
            else:  # a Bézier control or end point: no straight segment through it
                straight = False
                subpath.extend(((math.nan, math.nan), point))
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                out.extend(subpath_edges(subpath, closed=True, straight=straight))
                subpath, straight = subpath[:1], True
        out.extend(subpath_edges(subpath, closed=filled, straight=straight))
        return out

    def _object_matrix(self, obj: object, outer: Matrix | None) -> Matrix:
        """The object's matrix, followed by the enclosing form's (if any)."""
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return outer or IDENTITY
        own = (m.a, m.b, m.c, m.d, m.e, m.f)
        return own if outer is None else _multiply(own, outer)

    def _place(self, m: Matrix, x: float, y: float) -> Point:
        """A path point through ``m``, as top-based page coordinates."""
        a, b, c, d, e, f = m
        return (a * x + c * y + e, self.top - (b * x + d * y + f))


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """``first`` followed by ``then`` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )
