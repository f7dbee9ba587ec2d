"""Ruling lines -> table cell rectangles, for extractors that find tables by their rules.

OFD pages draw their rules as path data, scanned pages as pixels; both end up as axis-aligned
segments in one coordinate space, and pdfplumber's own geometry (``merge_edges`` ->
``edges_to_intersections`` -> ``intersections_to_cells`` -> ``cells_to_tables``, the code that
finds the PDF tables) turns them into cells. Its cell search is superlinear (a 100 x 100 grid
takes ~5 s), so a grid denser than any report's (~40 x 12) is refused here, once for every
caller, not in each of them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

if TYPE_CHECKING:
    from parsers.extract.cellgrid import BBox

logger = logging.getLogger(__name__)

#: A segment this far off the axis is still horizontal/vertical (in the caller's units).
AXIS_SLACK: Final = 0.5
#: Horizontal x vertical merged lines given to pdfplumber at most.
MAX_GRID: Final = 10_000

Point = tuple[float, float]
Edge = dict[str, object]


def edge(p: Point, q: Point) -> list[Edge]:
    """The segment p-q as a pdfplumber edge if it is horizontal or vertical (else none)."""
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if bottom - top < AXIS_SLACK and x1 - x0 >= AXIS_SLACK:
        orientation = "h"
    elif x1 - x0 < AXIS_SLACK and bottom - top >= AXIS_SLACK:
        orientation = "v"
    else:  # diagonal, or a dot that would add a stray intersection
        return []
    return [
        {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": orientation,
            "object_type": "line",
        }
    ]


def ruled_tables(
    edges: list[Edge], *, snap: float, tolerance: float, where: str
) -> list[list[BBox]]:
    """The tables the edges rule, each a list of cell boxes, top to bottom.

    ``snap``: distance within which edges are one line (merged and joined); ``tolerance``:
    how near two lines must come to intersect. A grid over ``MAX_GRID`` gives no table, with
    one warning naming ``where``.
    """
    merged = merge_edges(edges, snap, snap, snap, snap)
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
