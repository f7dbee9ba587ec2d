"""Ruling lines -> table cell rectangles, for extractors that find tables by their rules.

PDF and OFD pages draw their rules as paths, scanned pages as pixels; all end up as
axis-aligned segments in one coordinate space (points, y growing downwards), and pdfplumber's
table geometry (``merge_edges`` -> ``edges_to_intersections`` -> ``intersections_to_cells`` ->
``cells_to_tables``, re-written over tuples in ``ruling_cells``, same results) turns them into
cells. The cell search grows faster than the grid (pdfplumber's took ~5 s for 100 x 100), so a
grid denser than any report's (~40 x 12) is refused here, once for every caller, not in each
of them. A path becomes edges here too: each straight axis-aligned segment is one, and a thin
closed rectangle (a rule drawn as a filled box) one along its centre.
"""

from __future__ import annotations

import itertools
import logging
import math
from typing import TYPE_CHECKING, Final, cast

from parsers.extract import ruling_cells

if TYPE_CHECKING:
    from parsers.extract.cellgrid import BBox

logger = logging.getLogger(__name__)

#: A segment this far off the axis is still horizontal/vertical (in the caller's units).
AXIS_SLACK: Final = 0.5
#: Horizontal x vertical merged lines searched for cells at most.
MAX_GRID: Final = 10_000
#: Points: a closed rectangle whose short side is under ``THIN`` is a drawn rule (Word and
#: WPS draw cell borders as thin filled boxes; Foxit's OFD rules are 0.2 mm = 0.57 pt tall).
THIN: Final = 2.0
#: Corners of a rectangle.
CORNERS: Final = 4

Point = tuple[float, float]
Edge = dict[str, object]
#: A ruling segment: orientation ("h" or "v"), x0, top, x1, bottom (cheaper than an ``Edge``).
Rule = tuple[str, float, float, float, float]


def rule(p: Point, q: Point) -> Rule | None:
    """The segment p-q as ``(orientation, x0, top, x1, bottom)`` if it is horizontal or vertical."""
    x0, x1 = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])
    top, bottom = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
    if bottom - top < AXIS_SLACK and x1 - x0 >= AXIS_SLACK:
        return ("h", x0, top, x1, bottom)
    if x1 - x0 < AXIS_SLACK and bottom - top >= AXIS_SLACK:
        return ("v", x0, top, x1, bottom)
    return None  # diagonal, or a dot that would add a stray intersection


def edge(p: Point, q: Point) -> list[Edge]:
    """The segment p-q as a pdfplumber edge if it is horizontal or vertical (else none)."""
    found = rule(p, q)
    return [] if found is None else [_as_edge(found)]


def as_rules(edges: list[Edge]) -> list[Rule]:
    """Edge dicts (pdfplumber's shape) as rules."""
    return cast(
        "list[Rule]",
        [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges],
    )


def _as_edge(found: Rule) -> Edge:
    orientation, x0, top, x1, bottom = found
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def subpath_edges(points: list[Point], *, closed: bool, straight: bool) -> list[Edge]:
    """A subpath's straight segments as edges, or one centre-line edge for a thin rectangle.

    A point ``(nan, nan)`` stands for a curve's end: no edge leads to or from it.
    """
    if len(points) < 2:  # noqa: PLR2004 - a lone point draws nothing
        return []
    if straight and closed:
        rule = thin_rectangle(points)
        if rule is not None:
            return edge(*rule)
    ring = [*points, points[0]] if closed and len(points) > 2 else points  # noqa: PLR2004
    out: list[Edge] = []
    for p, q in itertools.pairwise(ring):
        if not (math.isnan(p[0]) or math.isnan(q[0])):
            out.extend(edge(p, q))
    return out


def thin_rectangle(points: list[Point]) -> tuple[Point, Point] | None:
    """The centre line of an axis-aligned rectangle less than ``THIN`` across, if it is one."""
    corners = points[:-1] if len(points) == 5 and points[0] == points[-1] else points  # noqa: PLR2004
    if len(corners) != CORNERS:
        return None
    xs = sorted({round(p[0], 2) for p in corners})
    ys = sorted({round(p[1], 2) for p in corners})
    if len(xs) != 2 or len(ys) != 2:  # noqa: PLR2004 - not a rectangle
        return None
    return centre_line((xs[0], ys[0], xs[1], ys[1]))


def centre_line(box: BBox) -> tuple[Point, Point] | None:
    """The long centre line of a box less than ``THIN`` across (a drawn rule), else None."""
    x0, top, x1, bottom = box
    w, h = x1 - x0, bottom - top
    if h < THIN <= w:
        mid = (top + bottom) / 2
        return (x0, mid), (x1, mid)
    if w < THIN <= h:
        mid = (x0 + x1) / 2
        return (mid, top), (mid, bottom)
    return None


def ruled_tables(
    edges: list[Edge],
    *,
    snap: float,
    tolerance: float,
    where: str,
    min_length: float = 0.0,
) -> list[list[BBox]]:
    """The tables the edges rule, each a list of cell boxes, top to bottom.

    ``snap``: distance within which edges are one line (merged and joined); ``tolerance``:
    how near two lines must come to intersect; ``min_length``: merged lines shorter than this
    rule nothing (pdfplumber's ``edge_min_length``). A grid over ``MAX_GRID`` gives no table,
    with one warning naming ``where``.
    """
    return tables_of_rules(
        as_rules(edges),
        snap=snap,
        tolerance=tolerance,
        where=where,
        min_length=min_length,
    )


def tables_of_rules(
    rules: list[Rule],
    *,
    snap: float,
    tolerance: float,
    where: str,
    min_length: float = 0.0,
) -> list[list[BBox]]:
    """``ruled_tables`` for rules (the PDF reader makes hundreds a page, so no dicts)."""
    merged = ruling_cells.merged_lines(rules, snap)
    if min_length:
        merged = [r for r in merged if _length(r) >= min_length]
    horizontal = sum(1 for r in merged if r[0] == "h")
    if horizontal * (len(merged) - horizontal) > MAX_GRID:
        logger.warning("%s: ruling grid too dense, tables ignored", where)
        return []
    cells = ruling_cells.cells(ruling_cells.intersections(merged, tolerance))
    tables = [
        [(float(c[0]), float(c[1]), float(c[2]), float(c[3])) for c in table]
        for table in ruling_cells.tables(cells)
    ]
    return sorted(tables, key=lambda table: min(cell[1] for cell in table))


def merge_edges(edges: list[Edge], tolerance: float) -> list[Edge]:
    """The edges of pdfplumber's ``merge_edges`` (snap, join within ``tolerance``)."""
    return [_as_edge(r) for r in ruling_cells.merged_lines(as_rules(edges), tolerance)]


def intersections_to_cells(
    intersections: dict[Point, dict[str, list[Edge]]],
) -> list[BBox]:
    """The cells of pdfplumber's ``intersections_to_cells`` for its intersection dicts."""
    return ruling_cells.cells(
        {
            p: ({_bbox(e) for e in d["v"]}, {_bbox(e) for e in d["h"]})
            for p, d in intersections.items()
        }
    )


def _bbox(e: Edge) -> BBox:
    return cast("BBox", (e["x0"], e["top"], e["x1"], e["bottom"]))


def _length(r: Rule) -> float:
    _, x0, top, x1, bottom = r
    return x1 - x0 if r[0] == "h" else bottom - top
