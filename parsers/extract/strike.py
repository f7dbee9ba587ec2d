"""Struck-through text on a PDF page: found from the page's lines, and left out.

A Word or WPS report saved as PDF while its tracked changes were shown prints each corrected
number twice: the old digits struck through, the new ones beside them (underlined). The text
layer holds both, so ``43`` corrected to ``0`` read as ``430``. A reader sees the line through
the old digits and reads ``0``; so does this module: a horizontal line drawn through the middle
band of the characters under it (not at their foot, where an underline is), about as long as
they are wide, strikes them out. Those characters are dropped before text and cells are built,
and the line is not a ruling either (it would cut its cell in two).

A line only counts when it lies inside the characters' middle band and its length is mostly
covered by them, so a table border, which spans whole cells and runs between lines of text,
never strikes anything.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from parsers.extract.pdf_text import Char
    from parsers.extract.ruling import Rule

#: The middle band of a character's box a strike-through line crosses (share of its height,
#: from its top): Word and LibreOffice draw it at ~55 %, an underline at ~90 %.
BAND_TOP: Final = 0.3
BAND_BOTTOM: Final = 0.75
#: A line longer than its struck characters are wide by more than this share is not theirs
#: (a border passing by), nor is one that leaves more than this share of itself uncovered.
SLACK: Final = 0.5
#: Points of play at the line's ends (it starts and stops a hair from the glyph boxes).
END_PLAY: Final = 1.0


@dataclass(frozen=True, slots=True)
class Struck:
    """A page's characters and rulings with the struck-through text taken out."""

    chars: list[Char]
    edges: list[Rule]
    #: characters left out (non-space)
    dropped: int


def without_struck_text(chars: list[Char], edges: list[Rule]) -> Struck:
    """``chars`` without the characters a line strikes through; ``edges`` without those lines."""
    # a table's borders share few heights: each height is looked up once
    heights: dict[float, list[Rule]] = {}
    for line in edges:
        if line[0] == "h":
            heights.setdefault((line[2] + line[4]) / 2, []).append(line)
    if not heights or not chars:
        return Struck(chars, edges, 0)
    struck: set[int] = set()
    strikes: set[Rule] = set()
    for y, crossing in _crossed(chars, sorted(heights)).items():
        for line in heights[y]:
            under = _struck_by(line, chars, crossing)
            if under:
                struck.update(under)
                strikes.add(line)
    if not struck:
        return Struck(chars, edges, 0)
    kept = [char for number, char in enumerate(chars) if number not in struck]
    dropped = sum(not chars[number].text.isspace() for number in struck)
    return Struck(kept, [e for e in edges if e not in strikes], dropped)


def _crossed(chars: list[Char], ys: list[float]) -> dict[float, list[int]]:
    """For each height of ``ys`` (sorted) inside some characters' middle band, those characters.

    Characters of one text line share their box's height, so the band is worked out once per
    run of them; borders between lines of text fall in no band and get no entry.
    """
    found: dict[float, list[int]] = {}
    last: tuple[float, float] | None = None
    inside: list[float] = []
    for number, char in enumerate(chars):
        if (char.top, char.bottom) != last:
            last = (char.top, char.bottom)
            height = char.bottom - char.top
            low = char.top + BAND_TOP * height
            high = char.top + BAND_BOTTOM * height
            first = bisect.bisect_left(ys, low)
            inside = ys[first : bisect.bisect_right(ys, high, first)]
        if inside and char.upright and not char.text.isspace():
            for y in inside:
                found.setdefault(y, []).append(number)
    return found


def _struck_by(line: Rule, chars: list[Char], crossing: list[int]) -> list[int]:
    """Indexes of the characters ``line`` strikes through, or [].

    ``crossing`` are the characters whose middle band holds the line's height ``y``; those
    whose centre lies along the line are under it.
    """
    _, x0, _, x1, _ = line
    under = [
        number
        for number in crossing
        if x0 - END_PLAY <= (chars[number].x0 + chars[number].x1) / 2 <= x1 + END_PLAY
    ]
    if not under:
        return []
    covered = sum(chars[n].x1 - chars[n].x0 for n in under)
    length = x1 - x0
    if length > (1 + SLACK) * covered + 2 * END_PLAY or covered < (1 - SLACK) * length:
        return []
    return under
