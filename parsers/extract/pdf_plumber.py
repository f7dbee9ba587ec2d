r"""The pdfplumber (pdfminer) PDF reader: the fallback where PDFium gives nothing.

``pdf.extract_pdf`` reads PDFs with PDFium and calls this reader only when PDFium cannot open
a file or finds no usable text layer in it (pdfminer's own character maps get a second try
before the file is called a scan); ``bench/extract_bench.py`` also runs it as the baseline.
Cost: ~180 CPU-ms for a two-page sample-portal report, most of it pdfminer's character
parsing, plus its CJK character maps loaded once per process. pdfplumber was the only
permissively licensed library that returned the exact application table grid
(doc-extraction.md, "PDF"); tables continued on the next page are joined by
``cellgrid.stitch_cells``, wrapped numbers (``1665\n9``) by ``cellgrid.join_cell_lines``.
A PDF pdfminer cannot open is re-saved once through pypdfium2 ("Guards" 7); pages are closed
after use ("Guards" 8, ~1.5 MB per page otherwise); only the first ``limits.max_pages`` pages
are read. Errors: user password -> ``EncryptedDocumentError``; no text layer or only
``(cid:N)`` glyphs -> ``NeedsOcrError``; anything pdfminer/pdfium reject -> ``CorruptDocumentError``.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any, Final

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from parsers.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    ExtractionError,
    NeedsOcrError,
    ResourceLimitError,
)
from parsers.extract.cellgrid import CellBox, PageTable, grid_from_cells, stitch_cells
from parsers.extract.pdf_page import open_pdfium
from parsers.extract.zipguard import check_body_size
from parsers.model import Document, Table

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

#: Share of the page height treated as header/footer margin when deciding a table runs on.
MARGIN_BAND: Final = 0.08
#: Fewer text characters than this per page on average means a scan (doc-extraction.md).
MIN_CHARS_PER_PAGE: Final = 5
#: ``(cid:N)`` tokens are glyphs without a Unicode mapping; this share of the text is a scan.
MAX_CID_SHARE: Final = 0.3


def extract_pdf_plumber(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The PDF's text and table grids; raise an ``ExtractionError`` subclass if impossible."""
    check_body_size(body, limits=limits)
    pdf = _open(body)
    try:
        text, tables, total, chars = _read_pages(pdf, limits)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise _corrupt("object structure nested too deeply", exc) from exc
    except MemoryError as exc:
        msg = "out of memory while reading the PDF"
        logger.warning("pdf refused: %s", msg)
        raise ResourceLimitError(msg) from exc
    except (PdfminerException, MalformedPDFException) as exc:
        raise _from_pdfminer(exc, "unreadable page content") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise _corrupt(f"unreadable page content: {exc!r}", exc) from exc
    finally:
        pdf.close()
    if total == 0:
        # A page tree that loops on itself yields no pages in pdfminer (measured here).
        msg = "the page tree holds no pages"
        logger.warning("pdf unreadable: %s", msg)
        raise CorruptDocumentError(msg)
    read = min(total, limits.max_pages)
    if read and chars < MIN_CHARS_PER_PAGE * read:
        msg = f"no text layer: {chars} characters on {read} pages"
        logger.warning("pdf needs OCR: %s", msg)
        raise NeedsOcrError(msg)
    cids = text.count("(cid:")
    if cids and cids * len("(cid:0)") > MAX_CID_SHARE * len(text):
        msg = f"{cids} glyphs without Unicode mapping ((cid:N))"
        logger.warning("pdf needs OCR: %s", msg)
        raise NeedsOcrError(msg)
    meta = {"pages": str(total), "pages_read": str(read)}
    return Document(
        text=text,
        tables=tables,
        meta=meta,
        media_type="application/pdf",
        extractor="pdfplumber",
    )


def _open(body: bytes) -> PDF:
    """Open with pdfplumber; on a syntax error, repair once through pypdfium2."""
    try:
        return _open_plumber(body)
    except EncryptedDocumentError:
        raise
    except CorruptDocumentError as first:
        repaired = _repair(body, first)
        logger.info("pdf repaired through pypdfium2 after: %s", first)
        return _open_plumber(repaired)


def _open_plumber(body: bytes) -> PDF:
    try:
        pdf = pdfplumber.open(io.BytesIO(body))
        _ = pdf.pages  # the page tree is parsed lazily; force it here
    except (PdfminerException, MalformedPDFException) as exc:
        raise _from_pdfminer(exc, "pdfminer cannot open it") from exc
    except RecursionError as exc:
        raise _corrupt("object structure nested too deeply", exc) from exc
    except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _corrupt(f"pdfminer cannot open it: {exc!r}", exc) from exc
    return pdf


def _repair(body: bytes, first: CorruptDocumentError) -> bytes:
    """The PDF re-saved by PDFium, which rebuilds a broken cross-reference table."""
    document = open_pdfium(body, failure=f"{first}; pdfium cannot open it either")
    try:
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


def _read_pages(
    pdf: PDF, limits: ExtractionLimits
) -> tuple[str, tuple[Table, ...], int, int]:
    pages = pdf.pages
    texts: list[str] = []
    found: list[PageTable] = []
    chars = 0
    for number, page in enumerate(pages[: limits.max_pages]):
        try:
            chars += sum(1 for char in page.chars if not str(char["text"]).isspace())
            texts.append(page.extract_text() or "")
            found.extend(_page_tables(page, number))
        finally:
            page.close()
    grids = (grid_from_cells(cells) for cells in stitch_cells(found))
    return "\n".join(texts), tuple(g for g in grids if g is not None), len(pages), chars


def _page_tables(page: Page, number: int) -> list[PageTable]:
    """The ruled tables of one page, top to bottom, with their cell boxes and texts."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    height = float(page.height)
    out: list[PageTable] = []
    for index, table in enumerate(tables):
        cells = _cells(table)
        if not cells:
            continue
        top, bottom = float(table.bbox[1]), float(table.bbox[3])
        above = index == 0 and not _text_between(page, height * MARGIN_BAND, top)
        below = index == len(tables) - 1 and not _text_between(
            page, bottom, height * (1 - MARGIN_BAND)
        )
        out.append(
            PageTable(number, tuple(cells), clear_above=above, clear_below=below)
        )
    return out


def _cells(table: Any) -> list[CellBox]:
    """Each cell's box with its text, from pdfplumber's rows (None = covered position)."""
    cells: list[CellBox] = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        for box, text in zip(row.cells, texts, strict=True):
            if box is not None:
                bbox = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
                cells.append(CellBox(bbox, text or ""))
    return cells


def _text_between(page: Page, top: float, bottom: float) -> bool:
    return any(
        top + 1 < float(char["top"]) < bottom - 1 and not str(char["text"]).isspace()
        for char in page.chars
    )


def _from_pdfminer(exc: Exception, context: str) -> ExtractionError:
    """The typed error for pdfplumber's wrapper around a pdfminer exception (Guards 5)."""
    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        msg = "the PDF needs a user password"
        logger.warning("pdf refused: %s", msg)
        return EncryptedDocumentError(msg)
    if isinstance(cause, MemoryError):
        # zlib's "Unable to allocate output buffer" under the sandbox's RLIMIT_AS.
        msg = f"out of memory while reading the PDF: {cause}"
        logger.warning("pdf refused: %s", msg)
        return ResourceLimitError(msg)
    if isinstance(cause, RecursionError):
        return _corrupt("object structure nested too deeply", cause)
    return _corrupt(f"{context}: {cause!r}", exc)


def _corrupt(msg: str, exc: BaseException) -> CorruptDocumentError:
    logger.warning("pdf unreadable: %s (%s)", msg, type(exc).__name__)
    return CorruptDocumentError(msg)
