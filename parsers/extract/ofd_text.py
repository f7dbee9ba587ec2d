"""OFD text: TextObject/TextCode -> positioned runs, runs -> lines, and the runs inside a cell.

TextCode holds Unicode (no font decoding needed), at X/Y relative to the object's Boundary
origin, with ``DeltaX`` advances (``g count value`` repeats). Real 数科/福昕 files often write
one TextObject per glyph, each with its own Boundary: a run is then one character, and lines
and cells are rebuilt from positions alone. A glyph's width is clipped to its Boundary (the
standard clips an object to it), which is tighter than the font size for Latin digits.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.extract.ofd_geometry import PT_PER_MM, Placement, finite_number

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

#: Baselines closer than this share of the font size are one line.
SAME_LINE: Final = 0.3


@dataclass(frozen=True, slots=True)
class Glyphs:
    """One TextCode run: its text, baseline origin and width, in points."""

    x: float
    y: float
    width: float
    size: float
    text: str


def text_runs(obj: Element, placement: Placement) -> list[Glyphs] | None:
    """The TextCode runs of one TextObject; ``None`` if its numbers are unusable (skip it)."""
    font_size = finite_number(obj.get("Size") or "0")
    if font_size is None:
        return None
    scale = abs(placement.a)
    size = font_size * scale * PT_PER_MM
    right = (placement.bx + placement.width) * PT_PER_MM if placement.width else None
    runs: list[Glyphs] = []
    x = y = 0.0
    for code in obj.iterfind("{*}TextCode"):
        new_x = finite_number(code.get("X")) if code.get("X") else x
        new_y = finite_number(code.get("Y")) if code.get("Y") else y
        if new_x is None or new_y is None:
            return None
        x, y = new_x, new_y
        text = code.text or ""
        advance = _advance(code.get("DeltaX"), len(text)) + font_size
        left, base = placement.point(x, y)
        width = advance * scale * PT_PER_MM
        if right is not None and left < right < left + width:
            width = right - left
        runs.append(Glyphs(left, base, width, size, text))
    return runs


def _advance(delta_x: str | None, chars: int) -> float:
    """Sum of the first ``chars - 1`` DeltaX values, ``g`` repeats counted, not expanded.

    Garbage and non-finite values count as 0, so a hostile DeltaX cannot misplace the run by
    more than its own length nor cost more than linear time.

    >>> _advance("g 3 2.5 1", 5)
    8.5
    """
    tokens = (delta_x or "").split()
    wanted = max(chars - 1, 0)
    if "g" not in tokens:  # the common case, at C speed
        try:
            total = sum(map(float, tokens[:wanted]))
        except ValueError:
            pass
        else:
            if math.isfinite(total):
                return total
    total = 0.0
    i = 0
    while i < len(tokens) and wanted > 0:
        if tokens[i] == "g" and i + 2 < len(tokens):
            count = finite_number(tokens[i + 1]) or 0.0
            repeat = min(max(int(count), 0), wanted)
            total += repeat * (finite_number(tokens[i + 2]) or 0.0)
            wanted -= repeat
            i += 3
        else:
            total += finite_number(tokens[i]) or 0.0
            wanted -= 1
            i += 1
    return total


def reading_order(runs: list[Glyphs]) -> str:
    """Runs grouped into lines by baseline, left to right; a wide gap becomes a tab."""
    lines: list[list[Glyphs]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= run.size * SAME_LINE:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        text = ""
        end = None
        for run in sorted(line, key=lambda r: r.x):
            if end is not None and run.x - end > run.size:
                text += "\t"
            text += run.text
            end = run.x + run.width
        out.append(text)
    return "\n".join(out)


class RunIndex:
    """Runs sorted by the height that decides their row, for the text of many cells.

    Per-glyph files have thousands of runs per page; scanning them all for every cell is
    quadratic, so each cell looks only at the slice of runs whose anchor lies in its rows.
    """

    def __init__(self, runs: list[Glyphs]) -> None:
        self._runs = sorted(runs, key=_anchor)
        self._keys = [_anchor(r) for r in self._runs]

    def cell_text(self, bbox: tuple[float, float, float, float]) -> str:
        """The text of the runs centred in ``bbox`` (x0, top, x1, bottom), in reading order."""
        x0, top, x1, bottom = bbox
        start = bisect.bisect_left(self._keys, top)
        stop = bisect.bisect_right(self._keys, bottom)
        inside = [r for r in self._runs[start:stop] if x0 <= r.x + r.width / 2 <= x1]
        return reading_order(inside)


def _anchor(run: Glyphs) -> float:
    """A third of the font size above the baseline: inside the cell the glyph is drawn in."""
    return run.y - run.size / 3
