r"""PDF (with a text layer) -> ``Document``: text in reading order, ruled tables as grids.

PDFium (pypdfium2) reads each page: characters with their boxes (``pdf_page``) and the ruling
paths (``pdf_paths``). The tables come from the project's own ruling geometry, as for OFD and
OCR (``ruling.tables_of_rules`` with pdfplumber's default tolerances: snap 3, intersect 3,
lines shorter than 3 rule nothing), cell texts and page text from ``pdf_text`` (pdfplumber's
layout rules), grids from ``cellgrid``: tables continued on the next page are joined by
``cellgrid.stitch_cells``, wrapped numbers (``1665\n9``) by ``cellgrid.join_cell_lines``.
A document without any ruled table gets its tables drawn without borders read from where
their words stand (``pdf_borderless``), all of them or none.
Every generated PDF of the tests and the accuracy suite gives the same text and grids as
pdfplumber did, for ~1/10 of the CPU (``bench/extract_bench.py``: ~182 against ~18 CPU-ms
for a two-page sample-portal report, through the sandbox with cold workers).

pdfplumber (``pdf_plumber.extract_pdf_plumber``, the previous extractor) stays as the
fallback where PDFium gives nothing: a file PDFium cannot open or whose pages it cannot load
(pdfminer reads some damaged files differently), and a text layer PDFium cannot read (too
few characters, or mostly glyphs without Unicode mapping), where pdfminer's own character
maps get a second try before the file is called a scan. On the sample portal's PDFs the
fallback never runs (the bench counts it); on a generated two-page scan the whole path takes
4.0 CPU-ms against 2.1 for pdfplumber alone, nothing beside OCR's seconds.

Bounds: only the first ``limits.max_pages`` pages are read; streams that would inflate past a
quarter of ``limits.memory_bytes`` are refused before PDFium reads them (``pdf_guard``: PDFium
aborts the process where pdfminer raised ``MemoryError``); pages are closed after use.
Errors: user password -> ``EncryptedDocumentError``; no text layer or only ``(cid:N)``
glyphs -> ``NeedsOcrError``; anything PDFium and pdfminer both reject ->
``CorruptDocumentError``.
"""

from __future__ import annotations

import logging
import operator
from typing import TYPE_CHECKING, Final

import pypdfium2  # type: ignore[import-untyped]

from parsers.errors import CorruptDocumentError, NeedsOcrError
from parsers.extract.cellgrid import CellBox, PageTable, grid_from_cells, stitch_cells
from parsers.extract.pdf_borderless import borderless_tables
from parsers.extract.pdf_guard import check_inflated_size
from parsers.extract.pdf_lines import page_lines
from parsers.extract.pdf_page import PageContent, open_pdfium, read_page
from parsers.extract.pdf_plumber import extract_pdf_plumber
from parsers.extract.pdf_text import CharIndex, page_text
from parsers.extract.ruling import tables_of_rules
from parsers.extract.strike import without_struck_text
from parsers.extract.zipguard import check_body_size
from parsers.model import POSITIONED_TABLES, Document, Table

if TYPE_CHECKING:
    from parsers.extract.limits import ExtractionLimits

__all__ = ["extract_pdf", "open_pdfium"]

logger = logging.getLogger(__name__)

#: Share of the page height treated as header/footer margin when deciding a table runs on.
MARGIN_BAND: Final = 0.08
#: Fewer text characters than this per page on average means a scan (doc-extraction.md).
MIN_CHARS_PER_PAGE: Final = 5
#: ``(cid:N)`` tokens are glyphs without a Unicode mapping; this share of the text is a scan.
MAX_CID_SHARE: Final = 0.3
#: pdfplumber's table settings: snap/join and intersection tolerance, shortest rule (points).
SNAP: Final = 3.0
MIN_RULE: Final = 3.0
#: Share of ``limits.memory_bytes`` the streams may inflate to (PDFium needs ~2x, plus Python).
INFLATE_SHARE: Final = 4
_TEXT: Final = operator.itemgetter(0)  # a ``Char``'s text


def extract_pdf(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The PDF's text and table grids; raise an ``ExtractionError`` subclass if impossible."""
    check_body_size(body, limits=limits)
    check_inflated_size(body, budget=limits.memory_bytes // INFLATE_SHARE)
    try:
        pdf = open_pdfium(body)
        try:
            document, chars = _read(pdf, limits)
        finally:
            pdf.close()
        _check_text_layer(document, chars)
    except (CorruptDocumentError, NeedsOcrError) as exc:
        logger.info("pdf: nothing from PDFium (%s); trying pdfminer", exc)
        return extract_pdf_plumber(body, limits=limits)
    return document


def _read(pdf: pypdfium2.PdfDocument, limits: ExtractionLimits) -> tuple[Document, int]:
    """The document and its count of visible characters (for the scan test)."""
    total = len(pdf)
    if total <= 0:
        msg = "the page tree holds no pages"
        logger.warning("pdf unreadable: %s", msg)
        raise CorruptDocumentError(msg)
    read = min(total, limits.max_pages)
    texts: list[str] = []
    found: list[PageTable] = []
    unruled: list[tuple[int, PageContent]] = []
    chars = struck_chars = 0
    for number in range(read):
        try:
            page = pdf[number]
        except pypdfium2.PdfiumError as exc:
            msg = f"page {number + 1} cannot be loaded: {exc}"
            logger.warning("pdf unreadable: %s", msg)
            raise CorruptDocumentError(msg) from exc
        try:
            content = read_page(page)
        finally:
            page.close()
        struck = without_struck_text(content.chars, content.edges)
        if struck.dropped:
            struck_chars += struck.dropped
            content = PageContent(struck.chars, struck.edges, content.height)
        visible = map(str.isspace, map(_TEXT, content.chars))
        chars += len(content.chars) - sum(visible)
        texts.append(page_text(content.chars))
        tables_here = _page_tables(number, content)
        if tables_here:
            found.extend(tables_here)
        else:  # kept for a borderless table, even a page holding one row of it
            unruled.append((number, content))
    grids = (grid_from_cells(cells) for cells in stitch_cells(found))
    tables: tuple[Table, ...] = tuple(g for g in grids if g is not None)
    positioned = _borderless(unruled) if not tables and unruled else ()
    meta = {"pages": str(total), "pages_read": str(read)}
    if positioned:
        tables = positioned
        meta["tables"] = POSITIONED_TABLES
    if struck_chars:
        meta["struck_chars"] = str(struck_chars)
        logger.info("pdf: %d struck-through characters left out", struck_chars)
    document = Document(
        text="\n".join(texts),
        tables=tables,
        meta=meta,
        media_type="application/pdf",
        extractor="pdfium",
    )
    return document, chars


def _borderless(pages: list[tuple[int, PageContent]]) -> tuple[Table, ...]:
    """Tables drawn without borders on pages without ruled ones (``pdf_borderless``)."""
    lines = [
        line
        for number, content in pages
        for line in page_lines(content.chars, page=number, height=content.height)
    ]
    return tuple(borderless_tables(lines))


def _check_text_layer(document: Document, chars: int) -> None:
    """``NeedsOcrError`` for a scan: too few characters, or mostly ``(cid:N)`` glyphs."""
    read = int(document.meta["pages_read"])
    if chars < MIN_CHARS_PER_PAGE * read:
        msg = f"no text layer: {chars} characters on {read} pages"
        raise NeedsOcrError(msg)
    text = document.text
    cids = text.count("(cid:")
    if cids and cids * len("(cid:0)") > MAX_CID_SHARE * len(text):
        msg = f"{cids} glyphs without Unicode mapping ((cid:N))"
        raise NeedsOcrError(msg)


def _page_tables(number: int, content: PageContent) -> list[PageTable]:
    """The ruled tables of one page, top to bottom, with their cell boxes and texts."""
    tables = tables_of_rules(
        content.edges,
        snap=SNAP,
        tolerance=SNAP,
        min_length=MIN_RULE,
        where=f"pdf page {number + 1}",
    )
    if not tables:
        return []
    index = CharIndex(content.chars)
    height = content.height
    out: list[PageTable] = []
    for position, boxes in enumerate(tables):
        cells = tuple(
            CellBox(bbox, index.cell_text(bbox))
            for bbox in sorted(boxes, key=lambda b: (b[1], b[0]))
        )
        top = min(c.bbox[1] for c in cells)
        bottom = max(c.bbox[3] for c in cells)
        above = position == 0 and not index.any_text_between(height * MARGIN_BAND, top)
        below = position == len(tables) - 1 and not index.any_text_between(
            bottom, height * (1 - MARGIN_BAND)
        )
        out.append(PageTable(number, cells, clear_above=above, clear_below=below))
    return out
