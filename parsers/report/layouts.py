"""Cut a document into one flat stream of cells, whatever its layout.

The readers (``sections.py``) never look at lines or grid positions: they walk a stream of
cells in reading order, where a label cell is followed by the value cells of its row. Every
layout seen in real reports flattens to that stream:

* tab-separated rows (2020-beihai, 2024-xinhua) and pipe-separated rows: one cell per field;
* one cell per line, with or without blank lines between rows and with a tab in front of every
  cell (2020-changchun-nanguan-shuguang, 2021-changchun-nanguan-xingfu, 2020-fenyang): an empty
  line separates, a line holding only a tab is an empty cell;
* table grids from extraction: row by row, left to right, skipping the copies a merged cell
  leaves in the positions it covers (``Table.covered``), so a ``rowspan`` label is read once.

Work is bounded: at most ``MAX_LINES`` lines and ``MAX_CELLS`` cells are examined, so a huge
input costs linear time and bounded memory.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Final

from parsers.report.cells import Cell, read_cell, read_grid_cell
from parsers.report.gluedtext import glued_cells, is_glued
from parsers.report.labels import NUMBERING, PAGE_FURNITURE, fold_width
from parsers.report.rows import is_row_label

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from parsers.model import Table

MAX_LINES: Final = 20_000
MAX_CELLS: Final = 60_000
#: Longest line examined; the rest of a longer line is prose and cannot hold a table row.
MAX_LINE_CHARS: Final = 4_000
#: A spaced row holds a label and a number at least.
MIN_WORDS_IN_ROW: Final = 2
#: A longer line is cut into sentences (a dump's whole page on one line).
MAX_SENTENCE_CHARS: Final = 200
#: A spaced line with clause breaks is a row only with this many numbers (a one-line dump's
#: tables after a sentence); fewer is a sentence quoting a figure (收到申请 12 件，…).
MIN_NUMBERS_IN_PROSE_ROW: Final = 5
#: A terminator between two grids, so the last row of one table never runs into the next.
TABLE_BREAK: Final = Cell("text", "", label="")

#: An unfilled grid cell: a blank that keeps its column.
GRID_BLANK: Final = Cell("blank", "")

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def cells_from_text(text: str) -> list[Cell]:
    """The cells of a plain-text rendering, in reading order."""
    cells: list[Cell] = []
    glued_text = is_glued(text)  # no line can be glued when the whole text is not
    carriage_returns = "\r" in text
    for raw_line in itertools.islice(_lines(text), MAX_LINES):
        if len(cells) >= MAX_CELLS:
            break
        line = raw_line[:MAX_LINE_CHARS]
        if carriage_returns:
            line = line.rstrip("\r")
        if not line:
            continue  # a blank line separates rows (2020-fenyang) and is never a cell
        # one-cell-per-line exports put a tab in front of each cell (2020-changchun-…)
        line = line.removeprefix("\t")
        if glued_text and is_glued(line):
            cells.extend(glued_cells(line))
            continue
        if "|" in line:
            # (a tab or a pipe: the same cut as the regex's, by str methods)
            fields = line.replace("\t", "|").split("|")
        elif "\t" in line:
            fields = line.split("\t")  # (the same cut, without the regex engine)
        elif " " in line or "\u3000" in line:
            fields = split_spaced(line) or [line]
        else:
            cells.append(read_cell(line))
            continue
        cells.extend(map(read_cell, fields))
    return cells[:MAX_CELLS]


def _starts_label(word: str) -> bool:
    """Whether a word opens a label: numbered (一、 （一） 1.) or a row's name (规章)."""
    return NUMBERING.match(fold_width(word)) is not None or is_row_label(
        read_cell(word)
    )


def _lines(text: str) -> Iterator[str]:
    """The text's lines; a line longer than a table row is cut after each sentence (。).

    Crawler dumps put a whole page on one line, prose and tables together; its sentences end
    in 。, and no table row holds one.
    """
    lines = text.split("\n")
    if max(map(len, lines), default=0) <= MAX_SENTENCE_CHARS:
        yield from lines  # the usual case: no line to cut
        return
    for line in lines:
        if len(line) <= MAX_SENTENCE_CHARS:
            yield line
        else:
            yield from (part + "。" for part in line.split("。"))


def split_spaced(line: str) -> list[str] | None:
    """A table row printed with spaces between its cells, cut into cells; None for prose.

    A line is a row when some of its space-separated words are numbers and it holds no
    clause break (，；) outside brackets (labels bracket theirs: （区分处理的，只计这一情形…）);
    a sentence of a one-line dump that runs into the tables holds both, and many numbers.
    Words that are not numbers stay together (a label with a space inside), except where a
    word starts a numbered label (``三、本年度办理结果 （一）予以公开``).

    >>> split_spaced("二、上年结转政府信息公开申请数量 0 11 0 0 0 0 11")
    ['二、上年结转政府信息公开申请数量', '0', '11', '0', '0', '0', '0', '11']
    >>> split_spaced("2020年，本机关收到申请 12 件") is None
    True
    """
    words = line.split()
    if len(words) < MIN_WORDS_IN_ROW or PAGE_FURNITURE.fullmatch(line.strip()):
        return None
    numbers = sum(1 for w in words if read_cell(w).kind == "number")
    clauses = any(mark in _BRACKETED.sub("", line) for mark in "，；")
    if clauses and numbers < MIN_NUMBERS_IN_PROSE_ROW:
        return None
    if not numbers:
        # no numbers: a label with a fragment of a vertical label before it (度 （一）予以公开)
        starts = [k for k, w in enumerate(words) if k and _starts_label(w)]
        if not starts:
            return None
        cut = [0, *starts, len(words)]
        return [" ".join(words[a:b]) for a, b in itertools.pairwise(cut)]
    fields: list[str] = []
    text_run = False
    for word in words:
        is_text = read_cell(word).kind == "text"
        if is_text and text_run and not _starts_label(word):
            fields[-1] += " " + word
        else:
            fields.append(word)
        text_run = is_text
    return fields


def cells_from_tables(tables: Iterable[Table]) -> list[Cell]:
    """The cells of extracted table grids, in reading order, merged-cell copies skipped.

    Unfilled cells before a row's label are in the label columns: no value's place, so
    nothing. They are what is left of a label merged down many rows when a printed table runs
    over a page break (``三、本年度办理结果`` drawn on one page, its cell's other part blank on
    the next) or when a converter splits such a cell into one per row; read as blank values
    they went to the row before, whose values then no longer matched its columns. A row
    without a label (part 四's numbers) keeps its leading blank: that one is a value's place.
    """
    cells: list[Cell] = []
    for table in tables:
        for r, row in enumerate(table.rows):
            if len(cells) >= MAX_CELLS:
                return cells
            read = [
                read_grid_cell(text[:MAX_LINE_CHARS])
                for c, text in enumerate(row[:200])
                if (r, c) not in table.covered
            ]
            first = next((cell for cell in read if cell.kind != "empty"), None)
            leading = (
                first is not None and first.kind == "text"
            )  # blanks before a label
            for cell in read:
                if leading and cell.kind == "empty":
                    continue
                leading = False
                # a grid position is certain: an unfilled cell holds its column (a blank 总计
                # that was simply not filled in), it is not the nothing between separators
                cells.append(GRID_BLANK if cell.kind == "empty" else cell)
        cells.append(TABLE_BREAK)
    return cells[:MAX_CELLS]
