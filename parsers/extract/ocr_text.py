"""Tesseract's TSV -> words, a cell's text, and a page's text lines in reading order.

TSV rather than plain text because it keeps each word's box (to order a page's lines among its
tables, and to tell whether a table runs on past the page break) and its confidence (to refuse
a doubtful number). Tesseract separates Chinese characters with spaces (``示范 区 人 民政 府``);
words are re-joined as wrapped cell lines are (``cellgrid.join_pieces``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.extract.cellgrid import join_cell_lines, join_pieces

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.extract.cellgrid import CellBox

#: TSV columns: level page_num block_num par_num line_num word_num left top width height conf text.
TSV_COLUMNS: Final = 12
WORD_LEVEL: Final = "5"
_DIGIT = re.compile(r"\d")
#: A CJK ideograph marks a label cell (extraction does not depend on the report package).
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A count, a change or an amount as Tesseract reads one: an optional minus (part 二's 本年增/减
#: column), digits, one decimal point, maybe a percent.
_CLEAN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word: its line key (block, paragraph, line), box in pixels, confidence."""

    line: tuple[int, int, int]
    left: float
    top: float
    width: float
    height: float
    confidence: float
    text: str


def parse_tsv(tsv: str) -> dict[int, list[Word]]:
    """Words per input image, keyed by the image's index in the batch (from 0)."""
    out: dict[int, list[Word]] = defaultdict(list)
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) != TSV_COLUMNS or parts[0] != WORD_LEVEL or not parts[11].strip():
            continue
        try:
            page, block, par, line = (int(v) for v in parts[1:5])
            left, top, width, height = (float(v) for v in parts[6:10])
            confidence = float(parts[10])
        except ValueError:
            continue
        out[page - 1].append(
            Word(
                (block, par, line),
                left,
                top,
                width,
                height,
                confidence,
                parts[11].strip(),
            )
        )
    return dict(out)


def join_words(words: Sequence[Word]) -> str:
    """The words of one line, with spaces only between Latin/digit neighbours."""
    return join_pieces(word.text for word in words)


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    grouped: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        grouped[word.line].append(word)
    lines = [sorted(line, key=lambda w: w.left) for line in grouped.values()]
    return sorted(lines, key=lambda line: min(w.top for w in line))


@dataclass(frozen=True, slots=True)
class CellReading:
    """One cell as read: its text, whether it is a number cell, whether that number is doubtful."""

    text: str
    number: bool
    doubtful: bool


def cell_text(words: Sequence[Word], min_confidence: float) -> CellReading:
    """A cell's text (wrapped lines joined), and whether it is a number not to be trusted.

    A cell without CJK characters that holds digits is a number cell, and it is trusted only
    as clean words read with at least ``min_confidence``, one word per line: Tesseract reads a
    number as one word (one per line when the cell wraps it), so ``0 3`` is a number and a
    speck (the parser would join them into 3), and ``3:`` or ``2,`` carry noise that hides
    which digit was meant. Label cells (``1.属于国家秘密``) are never marked: a misread label
    fails to match and leaves its row missing, not wrong.
    """
    lines = _lines(words)
    text = join_cell_lines("\n".join(join_words(line) for line in lines))
    if not _DIGIT.search(text) or _CJK.search(text):
        return CellReading(text, number=False, doubtful=False)
    clean = (
        all(len(line) == 1 for line in lines)
        and _CLEAN_NUMBER.fullmatch(text) is not None
        and all(word.confidence >= min_confidence for word in words)
    )
    return CellReading(text, number=True, doubtful=not clean)


def page_lines(
    words: Sequence[Word], tables: Sequence[Sequence[CellBox]], scale: float
) -> list[str]:
    """The page's text: OCR'd lines and table rows (cells tab-separated), top to bottom.

    ``words`` are in pixels, the tables' cells in points; ``scale`` converts the first into
    the second.
    """
    placed: list[tuple[float, str]] = [
        (min(w.top for w in line) * scale, join_words(line)) for line in _lines(words)
    ]
    for cells in tables:
        rows: dict[float, list[CellBox]] = defaultdict(list)
        for cell in cells:
            rows[round(cell.bbox[1], 0)].append(cell)
        for top, row in rows.items():
            ordered = sorted(row, key=lambda c: c.bbox[0])
            placed.append((top, "\t".join(join_cell_lines(c.text) for c in ordered)))
    return [text for _, text in sorted(placed, key=lambda item: item[0]) if text]
