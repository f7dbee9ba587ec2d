"""OFD page-object geometry: numbers, Boundary/CTM placement, and paths -> ruling-line edges.

GB/T 33190-2016 (§9.1, table 37) writes a path as ``AbbreviatedData``: operators ``S``/``M``
(start a subpath), ``L`` (line), ``Q`` (quadratic, 4 numbers), ``B`` (cubic, 6), ``A`` (arc, 7)
and ``C`` (close). Only straight axis-aligned segments are ruling lines; curves are parsed for
their operands so the current point stays right, and never become edges. Producers draw table
rules three ways, all of which give edges here: ``M``/``L`` strokes, a closed rectangle per cell
(``M .. L .. L .. L .. C``), and a thin filled rectangle (福昕 Foxit: a 0.2 mm tall box with
``Fill="true"``), which is turned into one edge along its centre line. Garbage tokens, NaN and
infinities drop the current point and are skipped, so a hostile path costs linear time, and
the number of edges is capped by the caller's ``limit``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from parsers.extract.ruling import Edge, Point, subpath_edges

PT_PER_MM: Final = 72 / 25.4
#: Operand counts of the AbbreviatedData operators (GB/T 33190-2016, table 37); ``Z`` is the
#: PDF spelling of close that some converters leave in.
OPERANDS: Final = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0, "Z": 0}
#: Rotation/skew terms of a CTM below this are rounding noise, not a rotation.
SKEW_EPSILON: Final = 1e-6
_OPERATORS: Final = frozenset(OPERANDS)
BOX_FIELDS: Final = 4
CTM_FIELDS: Final = 6


def finite_numbers(text: str | None) -> list[float] | None:
    """Whitespace-separated finite numbers; ``None`` if any token is not one.

    >>> finite_numbers("0 0 210 297.5")
    [0.0, 0.0, 210.0, 297.5]
    >>> finite_numbers("1 nan") is None
    True
    """
    try:
        out = [float(token) for token in (text or "").replace(",", " ").split()]
    except ValueError:
        return None
    return out if all(map(math.isfinite, out)) else None


def finite_number(token: str | None) -> float | None:
    """``token`` as a finite float, or ``None`` (garbage, NaN, infinities)."""
    try:
        value = float(token or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an object's own coordinates land on the page (millimetres in, points out).

    GB/T 33190 §8.1: a point is transformed by the CTM, then offset by the Boundary origin.
    Only scale and translation are kept; rotated or skewed objects are refused by ``place``.
    """

    bx: float = 0.0
    by: float = 0.0
    a: float = 1.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0
    width: float = 0.0  # Boundary width in mm, 0 when absent

    def point(self, x: float, y: float) -> Point:
        """The object-space point ``(x, y)`` in page points."""
        return (
            (self.bx + self.a * x + self.e) * PT_PER_MM,
            (self.by + self.d * y + self.f) * PT_PER_MM,
        )


def place(boundary: str | None, ctm: str | None) -> Placement | str:
    """The object's ``Placement``, or why it is skipped (malformed numbers, rotation)."""
    box = finite_numbers(boundary)
    matrix = finite_numbers(ctm)
    if box is None or (box and len(box) != BOX_FIELDS):
        return "malformed Boundary"
    if matrix is None or (matrix and len(matrix) != CTM_FIELDS):
        return "malformed CTM"
    bx, by, width = (box[0], box[1], box[2]) if box else (0.0, 0.0, 0.0)
    if not matrix:
        return Placement(bx, by, width=max(width, 0.0))
    a, b, c, d, e, f = matrix
    if abs(b) > SKEW_EPSILON or abs(c) > SKEW_EPSILON:
        return "rotated or skewed CTM"
    return Placement(bx, by, a, d, e, f, max(width, 0.0))


def path_edges(
    data: str, placement: Placement, *, filled: bool, limit: int
) -> list[Edge]:
    """Horizontal and vertical edges (pdfplumber edge dicts, points) drawn by one path.

    A filled path closes each subpath implicitly, as filling does. At most ``limit`` edges.
    """
    out: list[Edge] = []
    tokens = data.split()
    subpath: list[Point] = []
    straight = True  # the subpath so far has no curves
    i = 0
    while i < len(tokens) and len(out) < limit:
        op = tokens[i]
        count = OPERANDS.get(op)
        if count is None:  # garbage instead of an operator: resynchronise
            i += 1
            continue
        args = tokens[i + 1 : i + 1 + count]
        target = _end_of(args, count)
        if target is None:  # broken here: end the subpath, rescan after the operator
            out.extend(subpath_edges(subpath, closed=filled, straight=straight))
            subpath, straight = [], True
            i += 1
            continue
        i += 1 + count
        if op in {"C", "Z"}:
            out.extend(subpath_edges(subpath, closed=True, straight=straight))
            subpath = subpath[:1]
            straight = True
            continue
        end = placement.point(*target)
        if op in {"S", "M"} or not subpath:
            out.extend(subpath_edges(subpath, closed=filled, straight=straight))
            subpath, straight = [], True
        elif op != "L":
            straight = False
            subpath.append((math.nan, math.nan))  # no straight segment to a curve's end
        subpath.append(end)
    out.extend(subpath_edges(subpath, closed=filled, straight=straight))
    return out[:limit]


def _end_of(args: list[str], count: int) -> Point | None:
    """An operator's end point (its last two operands), or ``None`` if they are unusable.

    Unusable: too few, another operator among them, or garbage, NaN or an infinity at the end.

    >>> _end_of(["1", "2", "3", "4"], 4), _end_of(["1", "L"], 2), _end_of(["nan", "1"], 2)
    ((3.0, 4.0), None, None)
    """
    if len(args) < count or not _OPERATORS.isdisjoint(args):
        return None
    if not count:
        return (0.0, 0.0)
    try:
        x, y = float(args[-2]), float(args[-1])
    except ValueError:
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None
