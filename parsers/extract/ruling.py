"""Ruling lines -> table cell rectangles, for extractors that find tables by their rules.

PDF and OFD pages draw their rules as paths, scanned pages as pixels; all end up as
axis-aligned segments in one coordinate space (points, y growing downwards), and pdfplumber's
own geometry (``merge_edges`` -> ``edges_to_intersections`` -> ``intersections_to_cells`` ->
``cells_to_tables``, pure Python, no pdfminer) turns them into cells. Its cell search is
superlinear (a 100 x 100 grid takes ~5 s), so a grid denser than any report's (~40 x 12) is
refused here, once for every caller, not in each of them. A path becomes edges here too: each
straight axis-aligned segment is one, and a thin closed rectangle (a rule drawn as a filled
box) one along its centre.
"""

from __future__ import annotations

import itertools
import logging
import math
from typing import TYPE_CHECKING, Final, cast

from pdfplumber.table import cells_to_tables, edges_to_intersections

if TYPE_CHECKING:
    from parsers.extract.cellgrid import BBox

logger = logging.getLogger(__name__)

#: A segment this far off the axis is still horizontal/vertical (in the caller's units).
AXIS_SLACK: Final = 0.5
#: Horizontal x vertical merged lines given to pdfplumber at most.
MAX_GRID: Final = 10_000
#: Points: a closed rectangle whose short side is under ``THIN`` is a drawn rule (Word and
#: WPS draw cell borders as thin filled boxes; Foxit's OFD rules are 0.2 mm = 0.57 pt tall).
THIN: Final = 2.0
#: Corners of a rectangle.
CORNERS: Final = 4
#: An edge's position, its other position, start and end, for each orientation.
_H_KEYS: Final = ("top", "bottom", "x0", "x1")
_V_KEYS: Final = ("x0", "x1", "top", "bottom")

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
    merged = merge_rules(rules, snap)
    if min_length:
        merged = [e for e in merged if _length(e) >= min_length]
    horizontal = sum(1 for e in merged if e["orientation"] == "h")
    if horizontal * (len(merged) - horizontal) > MAX_GRID:
        logger.warning("%s: ruling grid too dense, tables ignored", where)
        return []
    cells = intersections_to_cells(edges_to_intersections(merged, tolerance, tolerance))
    tables = [
        [(float(c[0]), float(c[1]), float(c[2]), float(c[3])) for c in table]
        for table in cells_to_tables(cells)
    ]
    return sorted(tables, key=lambda table: min(cell[1] for cell in table))


def merge_edges(edges: list[Edge], tolerance: float) -> list[Edge]:
    """The edges of pdfplumber's ``merge_edges`` (snap, join within ``tolerance``)."""
    return merge_rules(as_rules(edges), tolerance)


def merge_rules(rules: list[Rule], tolerance: float) -> list[Edge]:
    """The edges of pdfplumber's ``merge_edges``, from rules, in order and to the last bit.

    Lines whose positions chain within ``tolerance`` move to their mean (``pos + (mean -
    pos)``, as pdfplumber computes it), then edges on one line that overlap or come within
    ``tolerance`` are joined. pdfplumber copies a dict per edge and step (~2.5 ms for a
    report page's ~600 drawn rules).
    """
    out: list[Edge] = []
    for orientation, keys in (("h", _H_KEYS), ("v", _V_KEYS)):
        if orientation == "h":  # position, other position, start, end
            lines = [[t, b, x0, x1] for o, x0, t, x1, b in rules if o == "h"]
        else:
            lines = [[x0, x1, t, b] for o, x0, t, x1, b in rules if o == "v"]
        ids = _chain_ids([line[0] for line in lines], tolerance)
        totals: dict[int, list[float]] = {}
        for line in lines:
            total = totals.setdefault(ids[line[0]], [0.0, 0])
            total[0] += line[0]
            total[1] += 1
        for line in lines:
            total = totals[ids[line[0]]]
            delta = total[0] / total[1] - line[0]
            line[0], line[1] = line[0] + delta, line[1] + delta
        lines.sort(key=lambda line: line[0])
        for _, group in itertools.groupby(lines, key=lambda line: line[0]):
            joined: list[list[float]] = []
            for line in sorted(group, key=lambda line: line[2]):
                if joined and line[2] <= joined[-1][3] + tolerance:
                    joined[-1][3] = max(joined[-1][3], line[3])
                else:
                    joined.append(line)
            out.extend(_edge_dict(orientation, keys, line) for line in joined)
    return out


def _chain_ids(values: list[float], tolerance: float) -> dict[float, int]:
    """Each distinct value's cluster: sorted values within ``tolerance`` of the last chain."""
    ids: dict[float, int] = {}
    cluster = -1
    last = 0.0
    for value in sorted(set(values)):
        if cluster < 0 or value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _edge_dict(orientation: str, keys: tuple[str, ...], line: list[float]) -> Edge:
    values = dict(zip(keys, line, strict=True))
    out: Edge = dict(values)
    out["width"] = values["x1"] - values["x0"]
    out["height"] = values["bottom"] - values["top"]
    out["orientation"] = orientation
    out["object_type"] = "line"
    return out


def intersections_to_cells(
    intersections: dict[Point, dict[str, list[Edge]]],
) -> list[BBox]:
    """The cells of pdfplumber's ``intersections_to_cells``, its scans replaced by lookups.

    Same cells, same order: for each point in sorted order, the nearest point below and the
    nearest to its right that the same ruling lines join, closed by a fourth point. pdfplumber
    scans every later point for each point and rebuilds edge sets on each test (~8 ms a
    report page, a fifth of the PDF extraction); here each row and column of points and each
    point's edge sets are built once.
    """
    verticals = {p: {_bbox(e) for e in d["v"]} for p, d in intersections.items()}
    horizontals = {p: {_bbox(e) for e in d["h"]} for p, d in intersections.items()}
    below: dict[Point, list[Point]] = {}
    right: dict[Point, list[Point]] = {}
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    points = sorted(intersections)
    for point in reversed(
        points
    ):  # each point sees the later ones of its column and row
        column = columns.setdefault(point[0], [])
        row = rows.setdefault(point[1], [])
        below[point], right[point] = column[::-1], row[::-1]
        column.append(point)
        row.append(point)
    cells: list[BBox] = []
    for point in points:
        for down in below[point]:
            if verticals[point].isdisjoint(verticals[down]):
                continue
            corner = _corner(point, down, right[point], verticals, horizontals)
            if corner is not None:
                cells.append((point[0], point[1], corner[0], corner[1]))
                break
    return cells


def _corner(
    point: Point,
    down: Point,
    across: list[Point],
    verticals: dict[Point, set[BBox]],
    horizontals: dict[Point, set[BBox]],
) -> Point | None:
    """The first bottom-right corner closing a cell with ``point`` and ``down``."""
    for side in across:
        if horizontals[point].isdisjoint(horizontals[side]):
            continue
        corner = (side[0], down[1])
        if (
            corner in verticals
            and not verticals[corner].isdisjoint(verticals[side])
            and not horizontals[corner].isdisjoint(horizontals[down])
        ):
            return corner
    return None


def _bbox(e: Edge) -> BBox:
    return cast("BBox", (e["x0"], e["top"], e["x1"], e["bottom"]))


def _length(e: Edge) -> float:
    return cast("float", e["width"] if e["orientation"] == "h" else e["height"])
