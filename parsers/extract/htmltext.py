"""An HTML element -> text lines and table grids, the way a reader sees the article.

One line per block element (p, div, li, h1-h6, br, ...). A table becomes one line per ``<tr>``
with its cells joined by tabs, a blank cell (``&nbsp;``, the usual empty cell on TRS and Hanweb
pages, portals.md §2.4) staying an empty field so columns never shift; and each table is also
built into a grid (``grid.py``). A table nested in a cell puts its text in that cell (rows as
lines, cells space-separated) and is emitted as its own grid too, after its parent. Tables whose
rows all have a single cell are page layout (old templates wrap the article in them): their
cells are rendered as ordinary blocks rather than squeezed onto one line.

Whitespace is normalised per line (runs of spaces, NBSP, full-width spaces collapse; a line is
stripped of spaces). Tabs survive as cell separators: in table rows, and in text where an editor
pasted a converted Word table as one ``<p>`` per row with ``&#9;`` between cells (the sample
portal's text layouts; ``parsers.report.layouts`` reads them), so a line holding only a tab (an
empty cell) is kept. A source line break and its indentation are markup, never a separator. Walks are iterative (``etree.iterwalk``), so
deep nesting cannot exhaust the Python stack; table nesting deeper than ``MAX_TABLE_DEPTH`` is
flattened to plain text.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Final

from lxml import etree

from parsers.errors import ResourceLimitError
from parsers.extract.grid import grid_of_rows, row_cells, table_rows

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from parsers.model import Table

logger = logging.getLogger(__name__)

#: Elements that end a line before and after themselves.
BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul", "body", "html",
    }
)  # fmt: skip
#: Elements whose content is never text (removed before rendering, listed here as a guard).
SKIP_TAGS: Final = frozenset(
    {"script", "style", "noscript", "template", "head", "title"}
)
MAX_TABLE_DEPTH: Final = 16
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]\s*")
_SPACES = re.compile(r"[^\S\t]+")
#: What a cell holding only whitespace (``&nbsp;``) becomes: blank, never dropped or shifted.
BLANK_CELL: Final = "\xa0"
#: Expanded grid cells over all tables of one document (colspan bombs stop here).
MAX_GRID_CELLS: Final = 2_000_000


#: Footnote marks set above or below the line (``15<sup>1</sup>``): their digits are kept as
#: superscript digits, so a mark never runs into the number it follows (``151``).
_RAISED_TAGS: Final = frozenset({"sup", "sub"})
_SUPERSCRIPT: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def normalise_line(text: str) -> str:
    r"""Collapse whitespace runs to one space, keeping tabs (cell separators); strip spaces.

    A source line break with the indentation around it is markup layout, never a separator. In
    a tab-separated line, a field holding only whitespace becomes one NBSP: a blank cell, which
    the report parser keeps, unlike the empty field between two adjacent tabs.

    >>> normalise_line("\u3000\u3000一、 总体\xa0情况\n")
    '一、 总体 情况'
    >>> normalise_line("本年新收 \t12\t\xa0\t3\n\t\t")
    '本年新收\t12\t\xa0\t3'
    """
    if text.isprintable() and "  " not in text:
        return text.strip(
            " "
        )  # fast path: no whitespace but single ASCII spaces (most cells)
    if "\t" not in text:
        # Without tabs both substitutions below make every whitespace run one space, which
        # is what split() and join do without the regex engine (``\s`` and ``str.split``
        # agree on what white space is).
        return " ".join(text.split())
    text = _SPACES.sub(" ", _LINE_BREAK.sub(" ", text))
    if "\t" not in text:
        return text.strip(" ")
    return "\t".join(_field(field) for field in text.split("\t"))


def _cell_field(text: str) -> str:
    """A cell's text as one field of a tab-separated row."""
    return text if text == BLANK_CELL else normalise_line(text.replace("\n", " "))


def _field(field: str) -> str:
    stripped = field.strip(" ")
    return stripped if stripped or not field else BLANK_CELL


class Renderer:
    """Renders one container; collects the grids of its tables in document order."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.skipped_tables = 0
        self._grid_cells = 0

    def render(self, root: Element) -> list[str]:
        """The text lines of ``root`` and everything below it."""
        return self._lines(root, depth=0)

    def _lines(self, root: Element, depth: int) -> list[str]:
        leaf = _only_text_holder(root)
        if (
            leaf is not None
        ):  # most table cells (<td><p><span>12</span></p></td>): no walk
            line = normalise_line(leaf.text or "")
            return [line] if line else []
        lines: list[str] = []
        buffer: list[str] = []

        def flush() -> None:
            line = normalise_line("".join(buffer))
            buffer.clear()
            if line:
                lines.append(line)

        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if tag in SKIP_TAGS or not tag:
                    walker.skip_subtree()
                    continue
                if tag == "table" and element is not root:
                    if buffer:
                        flush()
                    lines.extend(self._table(element, depth + 1))
                    walker.skip_subtree()
                    continue
                if buffer and (tag in BLOCK_TAGS or tag == "br"):
                    flush()
                if element.text:
                    raised = tag in _RAISED_TAGS
                    buffer.append(
                        element.text.translate(_SUPERSCRIPT) if raised else element.text
                    )
            else:
                if buffer and tag in BLOCK_TAGS:
                    flush()
                if element is not root and element.tail:
                    buffer.append(element.tail)
        if buffer:
            flush()
        return lines

    def _table(self, table: Element, depth: int) -> list[str]:
        if depth > MAX_TABLE_DEPTH:
            return [normalise_line(" ".join(table.itertext()))]
        slot = len(self.tables)
        rows = [row_cells(row) for row in table_rows(table)]
        layout = bool(rows) and all(len(cells) <= 1 for cells in rows)
        lines: list[str] = []
        # Each cell is rendered once, here, for its line and for its place in the grid.
        texts: list[list[str]] = []
        for cells in rows:
            row_texts: list[str] = []
            fields: list[str] = []
            for cell in cells:
                leaf = _only_text_holder(cell)
                if leaf is None:
                    cell_lines = self._lines(cell, depth)
                else:  # ``_lines``' first step, without the call (most cells)
                    line = normalise_line(leaf.text or "")
                    cell_lines = [line] if line else []
                text = _cell_text(cell, cell_lines)
                row_texts.append(text)
                if layout:
                    lines.extend(cell_lines)
                elif len(cell_lines) == 1 and text is cell_lines[0]:
                    fields.append(text)  # one line without tabs: already a field
                else:
                    fields.append(_cell_field(text))
            texts.append(row_texts)
            if fields and any(field.strip() for field in fields):
                lines.append("\t".join(fields))
        grid = grid_of_rows(rows, texts)
        if grid is None:
            if rows:
                self.skipped_tables += 1
                logger.warning("table skipped: larger than the grid bounds")
            return lines
        self._grid_cells += len(grid.rows) * grid.width
        if self._grid_cells > MAX_GRID_CELLS:
            msg = f"tables expand to more than {MAX_GRID_CELLS} cells"
            raise ResourceLimitError(msg)
        self.tables.insert(slot, grid)
        return lines


def _cell_text(cell: Element, lines: list[str]) -> str:
    """A cell's content: its lines joined by newlines, nested-table tabs made spaces.

    A cell whose content is only whitespace (``&nbsp;``) is ``BLANK_CELL``; a cell with no
    content at all is "". A single line without tabs is returned as the same object, which
    ``Renderer._table`` takes as "already a field": ``normalise_line`` gives a line without tabs
    back unchanged.
    """
    if len(lines) == 1:
        line = lines[0]
        return line.replace("\t", " ") if "\t" in line else line
    if not lines:
        return BLANK_CELL if any(cell.itertext()) else ""
    return "\n".join([line.replace("\t", " ") for line in lines])


#: White space that is only markup layout between elements: spaces and line breaks (a tab or
#: an NBSP may be a cell separator or a blank, so they take the full walk).
_LAYOUT_SPACE: Final = frozenset(" \r\n")
#: Children that end the chain: never text (``SKIP_TAGS``), or more than text.
_NOT_TEXT_HOLDERS: Final = SKIP_TAGS | {"table", "br"}


def _only_text_holder(root: Element) -> Element | None:
    """The one element holding all of ``root``'s text, if ``root`` is a chain of single children.

    Only layout white space may sit beside them (``<td><p><span>12</span></p></td>``). Its text, normalised, is then the whole of ``root``'s lines, as the full walk would find.
    None when ``root`` holds anything else (several children, a table, a break, text between
    elements).
    """
    element = root
    while True:
        children = len(element)
        if children == 0:
            return element
        if children > 1:
            return None
        text = element.text
        if text and not _LAYOUT_SPACE.issuperset(text):
            return None
        child = element[0]
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT_HOLDERS:
            return None
        tail = child.tail
        if tail and not _LAYOUT_SPACE.issuperset(tail):
            return None
        element = child
