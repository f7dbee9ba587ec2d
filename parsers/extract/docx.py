"""DOCX -> ``Document``: paragraphs and tables in document order, merged cells as grids.

python-docx (MIT) opens the package (zip, relationships, core properties): it returned the
exact application grid of python-docx-written files and is 2× faster than docx2python
(doc-extraction.md, "DOCX"). The body is then read from its XML here, because python-docx's
``row.cells`` and ``paragraph.text`` only see direct ``w:tc``/``w:r`` children, and Word files
put cells and text elsewhere: cells and rows inside content controls (``w:sdt``) or custom XML
were skipped, shifting the rest of the row one column left; runs inside tracked insertions,
smart tags and simple fields were dropped (a number typed with track changes on vanished, the
row came out short); legacy ``w:hMerge`` left the spanned positions blank; and a ``w:vMerge``
continuation without a cell starting at its column above (a misaligned merge, or one in the
first row) made the whole file unreadable. ``docx_table_grid`` gives the grid the HTML
extractor gives for the same rowspan/colspan: the anchor's text in every position it spans,
the copies listed in ``Table.covered``. The zip is checked by ``zipguard`` before python-docx
opens it (a 1 GiB-XML bomb otherwise takes 4 GiB).
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import TYPE_CHECKING, Final

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract.cellgrid import MAX_COLS, MAX_ROWS, table_text
from parsers.extract.zipguard import open_guarded_zip
from parsers.model import Document, Table

if TYPE_CHECKING:
    from collections.abc import Iterator

    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Wrappers whose content belongs to the enclosing level (content controls, custom XML).
_WRAPPERS: Final = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})
#: Text under these is not shown: deleted or moved-away revisions, the duplicate fallback of
#: an alternate-content drawing, nested tables (read as tables of their own cell, not text).
_HIDDEN: Final = frozenset(
    {f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback", f"{_W}sdtPr", f"{_W}rPr"}
)
_CHARS: Final = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def extract_docx(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The DOCX's paragraphs and tables; raise an ``ExtractionError`` subclass if impossible."""
    open_guarded_zip(body, limits=limits).close()
    try:
        document = docx.Document(io.BytesIO(body))
        parts: list[str] = []
        tables: list[Table] = []
        for block in _blocks(document.element.body):
            if block.tag == f"{_W}p":
                parts.append(paragraph_text(block))
                continue
            grid = docx_table_grid(block)
            if grid is not None:
                tables.append(grid)
                parts.append(table_text(grid))
    except etree.XMLSyntaxError as exc:
        # Under the memory cap a huge part surfaces as "unknown error"; entity amplification
        # as "amplification factor" (doc-extraction.md, "Hostile inputs").
        text = str(exc)
        if "amplification" in text or "unknown error" in text or "huge" in text:
            logger.warning("docx refused: %s", text)
            raise ResourceLimitError(f"document XML too large: {text}") from exc
        logger.warning("docx unreadable: %s", text)
        raise CorruptDocumentError(f"malformed document XML: {text}") from exc
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        AttributeError,  # python-docx on a malformed [Content_Types].xml (measured)
        TypeError,
    ) as exc:
        logger.warning("docx unreadable: %r", exc)
        raise CorruptDocumentError(f"not a readable DOCX: {exc!r}") from exc
    meta = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return Document(
        text="\n".join(parts),
        tables=tuple(tables),
        meta=meta,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extractor="python-docx",
    )


def _children(parent: etree._Element, tags: frozenset[str]) -> Iterator[etree._Element]:
    """Children of ``parent`` with a tag in ``tags``, looking through content-control wrappers."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _blocks(body: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of the body (or of a cell) in document order."""
    return _children(body, frozenset({f"{_W}p", f"{_W}tbl"}))


def paragraph_text(paragraph: etree._Element) -> str:
    """The text a reader sees in ``w:p``: every run, wherever it is nested, in order.

    Runs inside insertions, hyperlinks, smart tags, fields and inline content controls count;
    deleted text (``w:delText``, ``w:moveFrom``), hidden runs (``w:vanish``) and duplicate
    drawing fallbacks do not.
    """
    out: list[str] = []

    def walk(element: etree._Element, raised: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _HIDDEN or not isinstance(tag, str):
                continue
            if tag == f"{_W}t":
                text = child.text or ""
                out.append(text.translate(_SUPERSCRIPT) if raised else text)
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            elif tag == f"{_W}r" and _is_vanished(child):
                continue  # hidden text: an old figure or a note the reader never sees
            else:
                walk(child, raised or (tag == f"{_W}r" and _is_raised(child)))

    walk(paragraph, False)
    return "".join(out)


#: A footnote mark typed as a raised run (``15`` then a superscript ``1``) keeps its digits as
#: superscript digits, so it never runs into the number it follows (``151``).
_SUPERSCRIPT: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _is_vanished(run: etree._Element) -> bool:
    """Whether a run is hidden text (``w:vanish``): Word shows and prints none of it.

    Read, an old figure hidden before the new one ran into it (``9`` and ``15`` gave 915).
    """
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val") not in ("0", "false", "off")


def _is_raised(run: etree._Element) -> bool:
    align = run.find(f"{_W}rPr/{_W}vertAlign")
    return align is not None and align.get(f"{_W}val") in ("superscript", "subscript")


def _cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs (and those of tables nested in it), one line each."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{_W}p":
            lines.append(paragraph_text(block))
        else:
            lines.extend(
                _cell_text(inner)
                for row in _children(block, frozenset({f"{_W}tr"}))
                for inner in _children(row, frozenset({f"{_W}tc"}))
            )
    return "\n".join(lines).strip()


def _int_prop(parent: etree._Element | None, path: str, default: int) -> int:
    """An integer ``w:val`` at ``path`` under ``parent`` (gridSpan, gridBefore …), bounded."""
    if parent is None:
        return default
    found = parent.find(path)
    if found is None:
        return default
    try:
        return max(0, min(int(found.get(f"{_W}val", default)), MAX_COLS + 1))
    except ValueError:
        return default


def _merge(tc: etree._Element, name: str) -> str | None:
    """``"restart"``, ``"continue"`` or None for the cell's ``w:vMerge``/``w:hMerge``."""
    found = tc.find(f"{_W}tcPr/{_W}{name}")
    if found is None:
        return None
    return str(found.get(f"{_W}val", "continue"))


def docx_table_grid(tbl: etree._Element) -> Table | None:
    """The ``w:tbl`` as a full grid (anchor text repeated, copies in ``covered``), or None.

    Positions follow Word's layout grid: ``w:gridBefore``/``w:gridAfter`` leave empty positions,
    ``w:gridSpan`` and legacy ``w:hMerge`` continue a cell to the right, a ``w:vMerge``
    continuation belongs to whatever cell occupies its columns in the row above (or is an
    empty cell of its own when nothing does). Text typed into a continuation cell is kept,
    appended to its anchor's, so no number disappears silently.
    """
    owners: list[list[int | None]] = []
    texts: list[str] = []
    for tr in _children(tbl, frozenset({f"{_W}tr"})):
        above = owners[-1] if owners else []
        row: list[int | None] = [None] * _int_prop(tr, f"{_W}trPr/{_W}gridBefore", 0)
        for tc in _children(tr, frozenset({f"{_W}tc"})):
            span = max(1, _int_prop(tc, f"{_W}tcPr/{_W}gridSpan", 1))
            text = _cell_text(tc)
            owner = _continued(tc, row, above, span)
            if owner is None:
                owner = len(texts)
                texts.append(text)
            elif text:
                texts[owner] = f"{texts[owner]}\n{text}" if texts[owner] else text
            start = len(row)
            for c in range(start, start + span):
                inherited = above[c] if "v" in _kind(tc) and c < len(above) else None
                row.append(inherited if inherited is not None else owner)
            if len(row) > MAX_COLS:
                logger.warning("docx table skipped: wider than %d columns", MAX_COLS)
                return None
        owners.append(row)
        if len(owners) > MAX_ROWS:
            logger.warning("docx table skipped: longer than %d rows", MAX_ROWS)
            return None
    if not owners:
        return None
    width = max(len(row) for row in owners)
    seen: set[int] = set()
    covered: set[tuple[int, int]] = set()
    rows: list[tuple[str, ...]] = []
    for r, row in enumerate(owners):
        row.extend([None] * (width - len(row)))
        for c, owner in enumerate(row):
            if owner is None:
                continue
            if owner in seen:
                covered.add((r, c))
            seen.add(owner)
        rows.append(tuple("" if o is None else texts[o] for o in row))
    return Table(rows=tuple(rows), covered=frozenset(covered))


def _kind(tc: etree._Element) -> str:
    """``"v"`` for a vertical continuation, ``"h"`` for a legacy horizontal one, else ``""``."""
    if _merge(tc, "vMerge") == "continue":
        return "v"
    if _merge(tc, "hMerge") == "continue":
        return "h"
    return ""


def _continued(
    tc: etree._Element, row: list[int | None], above: list[int | None], span: int
) -> int | None:
    """The cell ``tc`` continues (its anchor's index), or None when it is an anchor itself."""
    kind = _kind(tc)
    start = len(row)
    if kind == "h" and row and row[-1] is not None:
        return row[-1]
    if kind == "v":
        for c in range(start, min(start + span, len(above))):
            if above[c] is not None:
                return above[c]
    return None
