"""Ruling segments -> merged lines -> cell boxes -> tables: pdfplumber's table geometry on tuples.

pdfplumber finds a ruled table in four steps (``merge_edges``, ``edges_to_intersections``,
``intersections_to_cells``, ``cells_to_tables``), each over a dict per edge; a report page's
~600 drawn rules cost ~2 ms there, about a tenth of reading the page. The same four steps run
here over tuples and lookups, with the same results to the last bit and in the same order
(``tests/parsers/test_extract_pdf_pdfium.py`` compares each step with pdfplumber's on random
rulings):

* ``merged_lines``: positions chaining within the tolerance move to their mean (``pos +
  (mean - pos)``, as pdfplumber computes it); lines on one position that overlap or come
  within the tolerance are joined;
* ``intersections``: where a vertical line meets a horizontal one (within the tolerance),
  with the lines through each point, named by their boxes (pdfplumber's edge identity);
* ``cells``: for each point in sorted order, the nearest point below and the nearest to its
  right joined to it by the same lines, closed by a fourth point (each row and column of
  points and each point's lines built once, instead of pdfplumber's scan of every later
  point);
* ``tables``: cells grouped by shared corners, in pdfplumber's order (its repeated passes
  over the remaining cells, without its ``list.remove``), top to bottom, single cells left out.
"""

from __future__ import annotations

import itertools
import operator
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parsers.extract.cellgrid import BBox
    from parsers.extract.ruling import Point, Rule

#: A point's lines: the boxes of the vertical ones, then of the horizontal ones.
Crossing = tuple[set["BBox"], set["BBox"]]


def merged_lines(rules: list[Rule], tolerance: float) -> list[Rule]:
    """The rules snapped and joined as pdfplumber's ``merge_edges``: horizontal, then vertical."""
    out: list[Rule] = []
    for orientation in ("h", "v"):
        if orientation == "h":  # position, other position, start, end
            lines = [(t, b, x0, x1) for o, x0, t, x1, b in rules if o == "h"]
        else:
            lines = [(x0, x1, t, b) for o, x0, t, x1, b in rules if o == "v"]
        positions = [line[0] for line in lines]
        ids = chain_ids(positions, tolerance)
        clusters = len(set(ids.values()))
        sums = [0.0] * clusters
        counts = [0] * clusters
        for position in positions:  # each cluster's mean, summed in pdfplumber's order
            cluster = ids[position]
            sums[cluster] += position
            counts[cluster] += 1
        shifts = {p: sums[c] / counts[c] - p for p, c in ids.items()}
        snapped: dict[float, list[tuple[float, float, float, float]]] = {}
        for position, other, start, end in lines:
            delta = shifts[position]
            moved = position + delta
            snapped.setdefault(moved, []).append((start, end, moved, other + delta))
        for key in sorted(snapped):  # one line's rules, in their order, joined
            joined: list[list[float]] = []
            for start, end, position, other in sorted(snapped[key], key=_START):
                if joined and start <= joined[-1][1] + tolerance:
                    joined[-1][1] = max(joined[-1][1], end)
                else:
                    joined.append([start, end, position, other])
            if orientation == "h":
                out.extend(("h", x0, t, x1, b) for x0, x1, t, b in joined)
            else:
                out.extend(("v", x0, t, x1, b) for t, b, x0, x1 in joined)
    return out


_START: Final = operator.itemgetter(0)


def chain_ids(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each distinct value's cluster: sorted values within ``tolerance`` of the last chain.

    pdfplumber's ``cluster_list``; also how ``pdf_text`` groups characters into lines.
    """
    ids: dict[float, int] = {}
    cluster = -1
    last = 0.0
    for value in sorted(set(values)):
        if cluster < 0 or value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def intersections(lines: list[Rule], tolerance: float) -> dict[Point, Crossing]:
    """Points where a vertical line meets a horizontal one (pdfplumber's test, both ways)."""
    verticals = [line for line in lines if line[0] == "v"]
    horizontals = [line for line in lines if line[0] == "h"]
    out: dict[Point, Crossing] = {}
    for _, vx, vtop, vx1, vbottom in verticals:
        v_box = (vx, vtop, vx1, vbottom)
        for _, hx0, htop, hx1, hbottom in horizontals:
            if (
                vtop <= htop + tolerance
                and vbottom >= htop - tolerance
                and vx >= hx0 - tolerance
                and vx <= hx1 + tolerance
            ):
                crossing = out.get((vx, htop))
                if crossing is None:
                    crossing = out[(vx, htop)] = (set(), set())
                crossing[0].add(v_box)
                crossing[1].add((hx0, htop, hx1, hbottom))
    return out


def cells(points: dict[Point, Crossing]) -> list[BBox]:
    """The cells of pdfplumber's ``intersections_to_cells``, in its order."""
    ordered = sorted(points)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in ordered:  # columns top to bottom, rows left to right
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    in_column: dict[float, int] = {}
    in_row: dict[float, int] = {}
    out: list[BBox] = []
    for point in ordered:  # its place in its column and row: the points before it there
        x, y = point
        below = in_column[x] = in_column.get(x, -1) + 1
        right = in_row[y] = in_row.get(y, -1) + 1
        verticals = points[point][0]
        for down in itertools.islice(columns[x], below + 1, None):
            if verticals.isdisjoint(points[down][0]):
                continue
            corner = _corner(point, down, rows[y], right + 1, points)
            if corner is not None:
                out.append((x, y, corner[0], corner[1]))
                break
    return out


def _corner(
    point: Point,
    down: Point,
    row: list[Point],
    start: int,
    points: dict[Point, Crossing],
) -> Point | None:
    """The first corner right of ``row[start]`` that closes a cell with ``point``, ``down``."""
    horizontals = points[point][1]
    for side in itertools.islice(row, start, None):
        if horizontals.isdisjoint(points[side][1]):
            continue
        corner = points.get((side[0], down[1]))
        if (
            corner is not None
            and not corner[0].isdisjoint(points[side][0])
            and not corner[1].isdisjoint(points[down][1])
        ):
            return (side[0], down[1])
    return None


def tables(found: list[BBox]) -> list[list[BBox]]:
    """The cells grouped as pdfplumber's ``cells_to_tables``: same tables, same cell order.

    pdfplumber passes over the remaining cells again and again, adding each cell that shares
    a corner with the table so far, until a pass adds none; then the next remaining cell
    starts a table. Tables are sorted by their top-left cell; one-cell tables are dropped.
    """
    out: list[list[BBox]] = []
    remaining = list(found)
    while remaining:
        first = remaining[0]
        table = [first]
        corners = set(_corners(first))
        rest = remaining[1:]
        grew = True
        while grew:
            grew = False
            left: list[BBox] = []
            for cell in rest:
                x0, top, x1, bottom = cell
                if (
                    (x0, top) in corners
                    or (x0, bottom) in corners
                    or (x1, top) in corners
                    or (x1, bottom) in corners
                ):
                    corners.update(_corners(cell))
                    table.append(cell)
                    grew = True
                else:
                    left.append(cell)
            rest = left
        out.append(table)
        remaining = rest
    ordered = sorted(out, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def _corners(cell: BBox) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
