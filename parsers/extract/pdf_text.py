r"""Positioned PDF characters -> text lines, the way pdfplumber lays them out, without pdfminer.

The report parser was tuned on ``pdfplumber``'s ``extract_text()`` (page text) and its table
cell texts, so the PDFium path lays its characters out with the same rules, here re-written
over plain tuples (pdfplumber's version builds a dict per word and per character; this one is
about 3x cheaper on a report page, and ``tests/parsers/test_extract_pdf_text.py`` checks
both give the same text on generated pages):

* characters are cut into runs of upright / rotated ones, in content order;
* each run is cut into lines: line keys (``top`` for upright characters, ``x0`` for rotated
  ones) within ``TOLERANCE`` of the previous key chain into one line, each line is sorted
  along the text (``x0``, or ``top`` for rotated characters);
* a line is cut into words at whitespace characters (dropped) and where the next character
  starts before the previous one, more than ``TOLERANCE`` after its end, or more than
  ``TOLERANCE`` above or below it;
* words are grouped into output lines by their ``top`` (again chained within ``TOLERANCE``),
  joined by one space; lines by ``\n``. Page text keeps consecutive words of one line
  together in reading order (pdfplumber's ``presorted`` text map); a cell's text sorts its
  words by line first.

Ligatures (``ﬁ``) are expanded as pdfplumber does.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from typing import TYPE_CHECKING, Final, NamedTuple

from parsers.extract.ruling_cells import chain_ids

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from parsers.extract.cellgrid import BBox

#: pdfplumber's default x and y tolerance (points).
TOLERANCE: Final = 3.0
LIGATURES: Final = {
    "ﬀ": "ff",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬆ": "st",
    "ﬅ": "st",
}


#: ``LIGATURES`` for ``str.translate`` (a character's text is one ligature or none).
_LIGATURES: Final = str.maketrans(LIGATURES)
_X0: Final = operator.itemgetter(1)  # a ``Char``'s left edge
_UPRIGHT: Final = operator.itemgetter(5)  # whether a ``Char`` is upright


class Char(NamedTuple):
    """One drawn character: its text and box (points, ``top`` measured from the page top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool


class Word(NamedTuple):
    """Characters of one word, joined; ``top`` decides its output line."""

    text: str
    top: float


def page_text(chars: list[Char]) -> str:
    """The page's text: lines of words in reading order (pdfplumber's ``extract_text()``)."""
    words = list(words_of(chars))
    ids = chain_ids((w.top for w in words), TOLERANCE)
    lines = (
        " ".join(w.text for w in group)
        for _, group in itertools.groupby(words, key=lambda w: ids[w.top])
    )
    return "\n".join(lines)


def block_text(chars: list[Char]) -> str:
    """The text of some characters (a table cell): words sorted into lines by ``top``."""
    if not chars:
        return ""
    if (
        len(chars) == 1
    ):  # a digit (most cells of a report's tables): its text or nothing
        text = chars[0].text
        return "" if text.isspace() else text.translate(_LIGATURES)
    top = chars[0].top
    if all(map(_UPRIGHT, chars)) and all(c.top == top for c in chars):
        return _line_text(sorted(chars, key=_X0))  # one line, most cells: no clustering
    words = list(words_of(chars))
    ids = chain_ids((w.top for w in words), TOLERANCE)
    ordered = sorted(words, key=lambda w: ids[w.top])
    return "\n".join(
        " ".join(w.text for w in group)
        for _, group in itertools.groupby(ordered, key=lambda w: ids[w.top])
    )


def _line_text(line: list[Char]) -> str:
    """``_split_words`` for upright characters on one ``top``, sorted by ``x0``, joined.

    Same words (nothing is above or below another on one line), joined by one space, without
    building a ``Word`` per word: most of a page's table cells are one such line.
    """
    words: list[str] = []
    word: list[str] = []
    start = end = 0.0
    for text, x0, x1, *_ in line:
        if text.isspace():
            if word:
                words.append("".join(word))
                word = []
            continue
        if word and (x0 < start or x0 > end + TOLERANCE):
            words.append("".join(word))
            word = []
        word.append(text)
        start, end = x0, x1
    if word:
        words.append("".join(word))
    return " ".join(words).translate(_LIGATURES)


def words_of(chars: Iterable[Char]) -> Iterator[Word]:
    """The words of ``chars``, line by line within each run of (non-)upright characters."""
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        yield from _run_words(list(run), upright=upright)


def _run_words(run: list[Char], *, upright: bool) -> Iterator[Word]:
    if (
        upright and len({c.top for c in run}) == 1
    ):  # one line (most cells): no clustering
        yield from _split_words(sorted(run, key=_X0), upright=True)
        return
    if upright:  # each line's characters, in run order, then sorted (stably) by x0
        ids = chain_ids((c.top for c in run), TOLERANCE)
        buckets: dict[int, list[Char]] = {}
        for char in run:
            buckets.setdefault(ids[char.top], []).append(char)
        for cluster in sorted(buckets):
            yield from _split_words(sorted(buckets[cluster], key=_X0), upright=True)
        return
    # rotated: lines are columns left to right, read top to bottom
    ids = chain_ids((c.x0 for c in run), TOLERANCE)
    lines = sorted(run, key=lambda c: (ids[c.x0], c.top, c.bottom))
    for _, line in itertools.groupby(lines, key=lambda c: ids[c.x0]):
        yield from _split_words(line, upright=False)


def _split_words(line: Iterable[Char], *, upright: bool) -> Iterator[Word]:
    """A sorted line cut into words (pdfplumber's ``char_begins_new_word``)."""
    word: list[Char] = []
    prev: Char | None = None
    for char in line:
        if char.text.isspace():
            if word:
                yield _word(word)
            word, prev = [], None
            continue
        if prev is not None:
            if upright:
                start, end, here = prev.x0, prev.x1, char.x0
                across = abs(char.top - prev.top)
            else:
                start, end, here = prev.top, prev.bottom, char.top
                across = abs(char.x0 - prev.x0)
            if here < start or here > end + TOLERANCE or across > TOLERANCE:
                yield _word(word)
                word = []
        word.append(char)
        prev = char
    if word:
        yield _word(word)


def _word(chars: list[Char]) -> Word:
    if len(chars) == 1:
        return _new_word((chars[0].text.translate(_LIGATURES), chars[0].top))
    text = "".join([c.text for c in chars]).translate(_LIGATURES)
    return _new_word((text, min([c.top for c in chars])))


#: ``Word(text, top)`` without the Python-level ``__new__`` (one call per word).
_new_word: Final = functools.partial(tuple.__new__, Word)


class CharIndex:
    """A page's characters sorted by their vertical middle, for the text of many cells.

    A character belongs to a cell when its centre lies in the cell (left and top edges
    inclusive, right and bottom exclusive: pdfplumber's ``Table.extract`` rule); each cell
    looks only at the band of characters whose middle lies between its top and bottom,
    sorted by their centres once for all the cells of a row (they share the band).
    """

    def __init__(self, chars: list[Char]) -> None:
        order = sorted(range(len(chars)), key=lambda i: chars[i].top + chars[i].bottom)
        self._chars = chars
        self._order = order
        self._mids = [(chars[i].top + chars[i].bottom) / 2 for i in order]
        self._centres = [(c.x0 + c.x1) / 2 for c in chars]
        self._bands: dict[tuple[float, float], tuple[list[int], list[float]]] = {}

    def cell_text(self, bbox: BBox) -> str:
        """The text of the characters centred in ``bbox`` (x0, top, x1, bottom)."""
        x0, top, x1, bottom = bbox
        band = self._bands.get((top, bottom))
        if band is None:
            start = bisect.bisect_left(self._mids, top)
            stop = bisect.bisect_left(self._mids, bottom)
            members = sorted(self._order[start:stop], key=self._centres.__getitem__)
            band = self._bands[(top, bottom)] = (
                members,
                [self._centres[i] for i in members],
            )
        members, centres = band
        picked = members[
            bisect.bisect_left(centres, x0) : bisect.bisect_left(centres, x1)
        ]
        if not picked:
            return ""
        picked.sort()  # content order
        chars = self._chars
        return block_text([chars[i] for i in picked])

    def any_text_between(self, top: float, bottom: float) -> bool:
        """Whether a visible character's top lies strictly inside (top + 1, bottom - 1)."""
        return any(
            top + 1 < c.top < bottom - 1 and not c.text.isspace() for c in self._chars
        )
