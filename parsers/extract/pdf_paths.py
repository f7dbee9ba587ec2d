"""A PDF page's path objects (forms included) -> ruling segments, through PDFium.

A one-segment path whose box is thinner than ``ruling.THIN`` is one rule along the box's
centre (the common case: 3 library calls instead of ~12; the box of a stroked line grows by
the line width at its ends, which the edge merging absorbs); any other path is read segment by
segment (``ruling.subpath_edges``: rectangles, polylines, thin filled boxes; Bézier segments
rule nothing, diagonals neither). Paths inside form XObjects are placed by the form's matrix.
PDFium drops paths that are neither stroked nor filled, as pdfminer does. The walk calls
PDFium through prototypes taking and returning plain addresses (``plain``): pypdfium2's
bindings build a pointer object for every handle they return and check every argument's
type, which cost more than the call itself over ~600 objects a page; and an object's segment
count doubles as its type test (PDFium answers -1 for anything but a path). Hostile pages are
bounded: at most ``MAX_OBJECTS`` objects and ``MAX_EDGES`` rules are read per page (beyond,
the page keeps its text and loses its tables, one warning), and forms nest at most
``MAX_FORM_DEPTH`` deep.
"""

from __future__ import annotations

import ctypes
import logging
import math
from typing import TYPE_CHECKING, Any, Final, cast

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from parsers.extract.ruling import (
    THIN,
    Edge,
    Point,
    Rule,
    as_rules,
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

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Final[Matrix] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def plain(function: Any, result: Any, *arguments: Any) -> Callable[..., Any]:
    """``function`` of the PDFium library called with and answering plain ints and floats.

    Handles go in and come out as addresses (ints, None for NULL), out-parameters as the
    address of a ctypes value made once (``ctypes.addressof``).
    """
    address = address_of(function)
    return cast("Callable[..., Any]", ctypes.CFUNCTYPE(result, *arguments)(address))


def unchecked(function: Any, result: Any) -> Callable[..., Any]:
    """``function`` called without argument conversion: ~0.1 µs less a call than ``plain``.

    Only for the hottest calls, whose parameters are pointers and C ``int``s: pointers go in
    as ctypes instances (``ctypes.c_void_p``, ``ctypes.byref``), ints as Python ints; nothing
    checks them on the way to PDFium.
    """
    return cast("Callable[..., Any]", ctypes.CFUNCTYPE(result)(address_of(function)))


def address_of(handle: Any) -> int:
    """A pypdfium2 handle (ctypes pointer) as a plain address, 0 for NULL."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class _Object(ctypes.c_void_p):
    """A page object's handle kept as a ctypes value, passed on to unchecked calls as is.

    ctypes turns a plain ``c_void_p`` result into an int; a subclass stays a ctypes value.
    """


def _handle(obj: _Object) -> Any:
    """A page object as the pointer type pypdfium2's bindings take."""
    return ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)


_HANDLE: Final = ctypes.c_void_p
_INT: Final = ctypes.c_int
_count_objects = plain(pdfium_c.FPDFPage_CountObjects, _INT, _HANDLE)
_object_at = plain(pdfium_c.FPDFPage_GetObject, _Object, _HANDLE, _INT)
_form_count = plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _HANDLE)
_form_object_at = plain(
    pdfium_c.FPDFFormObj_GetObject, _Object, _HANDLE, ctypes.c_ulong
)
_kind_of = plain(pdfium_c.FPDFPageObj_GetType, _INT, _HANDLE)
# the two calls made for each of ~600 path objects a page: (object[, 4 x float*])
_segments_of = unchecked(pdfium_c.FPDFPath_CountSegments, _INT)
_bounds_of = unchecked(pdfium_c.FPDFPageObj_GetBounds, _INT)


def page_rules(page: object, top: float) -> list[Rule]:
    """The rules of a page (PDFium handle), top-based; none if the page is too dense."""
    reader = _EdgeReader(top)
    reader.read(address_of(page))
    if reader.overflow:
        logger.warning(
            "pdf page: over %d ruling edges or %d objects, tables ignored",
            MAX_EDGES,
            MAX_OBJECTS,
        )
        return []
    return reader.edges


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

    def read(self, page: int) -> None:
        """All objects of the page, stopping at ``MAX_OBJECTS`` or ``MAX_EDGES``."""
        self._walk(page, _count_objects, _object_at, None, 0)

    def _walk(
        self,
        holder: int | _Object,
        count_of: Callable[[int | _Object], int],
        object_at: Callable[[int | _Object, int], _Object],
        outer: Matrix | None,
        depth: int,
    ) -> None:
        """The objects of a page or form; ``outer``: the form's matrix (None on the page)."""
        total = count_of(holder)
        count = min(total, MAX_OBJECTS - self.objects)
        self.objects += count
        self.overflow |= count < total
        form, segments_of, bounds_of = (
            pdfium_c.FPDF_PAGEOBJ_FORM,
            _segments_of,
            _bounds_of,
        )
        r0, r1, r2, r3 = self._refs
        left, bottom, right, top = self._float
        edges, page_top = self.edges, self.top
        for index in range(count):
            if len(edges) > MAX_EDGES:
                self.overflow = True
                return
            obj = object_at(holder, index)
            segments = segments_of(obj)  # -1: not a path
            if segments >= 0:
                if outer is None and segments == ONE_SEGMENT:  # a move and a line
                    bounds_of(obj, r0, r1, r2, r3)
                    # ruling.centre_line and ruling.rule, inlined: ~600 of these a page
                    x0, x1 = left.value, right.value
                    y0, y1 = page_top - top.value, page_top - bottom.value
                    if y1 - y0 < THIN <= x1 - x0:
                        edges.append(("h", x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
                        continue
                    if x1 - x0 < THIN <= y1 - y0:
                        edges.append(("v", (x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
                        continue
                handle = _handle(obj)
                matrix = self._object_matrix(handle, outer)
                edges.extend(as_rules(self._segments(handle, segments, matrix)))
            elif depth < MAX_FORM_DEPTH and _kind_of(obj) == form:
                self._walk(
                    obj,
                    _form_count,
                    _form_object_at,
                    self._object_matrix(_handle(obj), outer),
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
