"""A PDF page's characters -> lines of positioned words, for reading tables drawn without rules.

A table typed in Word without borders prints no ruling lines, so its rows and columns can only
be seen in where its words stand. This module gives each word its left and right edge (the
page text of ``pdf_text`` keeps none) and each line its page and its top, so
``pdf_borderless`` can find columns of numbers and the label fragments wrapped between them.

Lines chain characters whose tops lie within ``pdf_text.TOLERANCE`` (a label and the numbers
of its row may be set in two fonts, a point apart); words are cut where the next character
starts more than ``WORD_GAP`` after the previous one ends: the padding between two cells
is wider than that, the gap between two characters of a word is nothing. Only upright
characters outside the page's header and footer bands are read (a page number must not
become a row).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

from parsers.extract.pdf_text import TOLERANCE
from parsers.extract.ruling_cells import chain_ids

if TYPE_CHECKING:
    from parsers.extract.pdf_text import Char

#: Points between two characters that start a new word (pdfplumber's x tolerance).
WORD_GAP: Final = 3.0
#: Share of the page height at its top and bottom left out (running headers, page numbers).
MARGIN_BAND: Final = 0.06
#: A count or an amount as a table cell prints it: digits, thousands commas, decimals, and
#: a sign (part 二 of the 2019 format prints the year's change, ``-5``).
NUMBER: Final = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
#: The format's item numbers (``（二）``, ``三、``, ``1.``): where a row's label starts, in
#: the pattern's text so that a reader may also look for one inside a label.
ITEM_NUMBERS: Final = (
    r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、](?!\d)"
)
ITEM_NUMBER: Final = re.compile(ITEM_NUMBERS)


class Word(NamedTuple):
    """Characters of one word on one line, joined, with their left and right edges."""

    text: str
    x0: float
    x1: float

    @property
    def is_number(self) -> bool:
        """Whether the word is a cell's number (``1.`` of a numbered label is not)."""
        return NUMBER.fullmatch(self.text) is not None


class Line(NamedTuple):
    """The words of one printed line, left to right, with the page and top they stand on."""

    page: int
    top: float
    height: float
    words: tuple[Word, ...]

    @property
    def numbers(self) -> tuple[Word, ...]:
        """The trailing run of numbers: a table row's cells (empty for any other line).

        A table row prints its label, then only numbers; a sentence that holds a number
        (``2025 年``) goes on after it, so it is no row.
        """
        return self.words[self._numbers_from() :]

    @property
    def labels(self) -> tuple[Word, ...]:
        """The words before ``numbers``: a row's label pieces, or all words of another line."""
        return self.words[: self._numbers_from()]

    @property
    def is_row(self) -> bool:
        """Whether the line ends in numbers (a table row's line)."""
        return bool(self.words) and self.words[-1].is_number

    def _numbers_from(self) -> int:
        words = self.words
        start = len(words)
        while start > 0 and words[start - 1].is_number:
            start -= 1
        return start


def is_consecutive(upper: Line, lower: Line, *, step: float) -> bool:
    """Whether ``lower`` is the next line of print after ``upper`` (a page break allowed).

    On one page, its top lies within ``step`` line heights of ``upper``'s; over a break, it
    is on the next page (the header and footer bands are already left out).
    """
    if lower.page == upper.page:
        return lower.top - upper.top <= step * max(upper.height, lower.height)
    return lower.page == upper.page + 1


def page_lines(chars: list[Char], *, page: int, height: float) -> list[Line]:
    """The page's lines top to bottom, header and footer bands left out."""
    low, high = height * MARGIN_BAND, height * (1 - MARGIN_BAND)
    kept = [
        c for c in chars if c.upright and not c.text.isspace() and low < c.top < high
    ]
    if not kept:
        return []
    ids = chain_ids((c.top for c in kept), TOLERANCE)
    buckets: dict[int, list[Char]] = {}
    for char in kept:
        buckets.setdefault(ids[char.top], []).append(char)
    lines = []
    for cluster in sorted(buckets):
        members = sorted(buckets[cluster], key=lambda c: c.x0)
        top = min(c.top for c in members)
        size = max(c.bottom - c.top for c in members)
        lines.append(Line(page, top, size, tuple(_words(members))))
    return lines


def _words(chars: list[Char]) -> list[Word]:
    words: list[Word] = []
    text: list[str] = []
    x0 = x1 = 0.0
    for char in chars:
        if text and char.x0 > x1 + WORD_GAP:
            words.append(Word("".join(text), x0, x1))
            text = []
        if not text:
            x0 = char.x0
        text.append(char.text)
        x1 = max(x1, char.x1) if len(text) > 1 else char.x1
    if text:
        words.append(Word("".join(text), x0, x1))
    return words
