"""Scanned PDF -> ``Document`` by OCR, cell by cell, marked as OCR in its provenance.

Optional: ``parsers.extract`` calls this only when ``ExtractionOptions.ocr``
is on and the text-layer extractor said ``needs_ocr``. ``ocr_page`` renders each page, finds
its ruled cells and crops them; here Tesseract reads the pages' running text (tables blanked)
and every cell on its own, in one batch per segmentation mode, so the Chinese model is loaded
four times per document, not once per cell; the cells are stitched into grids like a PDF's,
and a number cell read as ideographs is marked doubtful there (``ocr_glyphs``).
Measured on generated 2-page reports scanned at 150 and 200 dpi: 6-10 s per document, every
cell of both formats read back exactly (tests/parsers/test_extract_ocr.py).

OCR misreads digits, and nianbao never passes on a silent wrong number. A number cell is
trusted only as one clean number read with at least ``MIN_NUMBER_CONFIDENCE``
(``ocr_text.cell_text``); any other gets ``DOUBTFUL_MARK``, which the report parser records as
an unreadable cell, and the format's own arithmetic rules check the rest (doc-extraction.md:
"never trust OCR'd numbers blindly"). The ``Document`` says it came from OCR: ``extractor`` is
``"tesseract"``, ``meta`` names the engine version, language model, resolution and the count
of doubtful cells, and the archive copies the extractor onto every report row.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

from parsers.errors import (
    ResourceLimitError,
    ToolFailedError,
    ToolMissingError,
)
from parsers.extract.cellgrid import (
    CellBox,
    PageTable,
    enclosing,
    grid_from_cells,
    stitch_cells,
)
from parsers.extract.ocr_glyphs import mark_misread_numbers
from parsers.extract.ocr_page import (
    OCR_DPI,
    PSM_BLOCK,
    PSM_CHAR,
    PSM_LINE,
    PSM_PAGE,
    Page,
    render_page,
)
from parsers.extract.ocr_text import CellReading, cell_text, page_lines, parse_tsv
from parsers.extract.ocr_tool import LANGUAGE, run_tesseract, tesseract_version
from parsers.extract.pdf import open_pdfium
from parsers.extract.zipguard import check_body_size
from parsers.model import DOUBTFUL_MARK, OCR_EXTRACTOR, Document

if TYPE_CHECKING:
    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

#: Confidence (0-100) under which a cell with digits is passed on as unreadable.
MIN_NUMBER_CONFIDENCE: Final = 60.0
#: The same on a speckled page (``ocr_specks``): a speck left inside a glyph turns a digit
#: into another (``0`` read as ``6`` with confidence 71, measured on the accuracy suite).
SPECKLED_MIN_CONFIDENCE: Final = 80.0
#: What a cell that was not cropped (no ink) reads as.
BLANK: Final = CellReading("", number=False, doubtful=False)
#: A scan on which more than this share of the number cells are doubtful is too poor for any
#: of its numbers to be trusted (clean scans measured 0-1 doubtful of ~110 number cells).
POOR_SCAN_SHARE: Final = 0.2
#: Header/footer band (share of page height) ignored when deciding a table runs on.
MARGIN_BAND: Final = 0.08
#: Seconds kept back from the time limit so Tesseract is stopped before the sandbox kills us.
RESERVE_S: Final = 2.0


def extract_pdf_ocr(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The scanned PDF's text and table grids by OCR; an ``ExtractionError`` if impossible."""
    check_body_size(body, limits=limits)
    deadline = time.monotonic() + limits.timeout_s - RESERVE_S
    try:
        version = tesseract_version()
    except ToolMissingError as exc:
        raise ToolFailedError(str(exc)) from exc
    pdf = open_pdfium(body)
    try:
        total = len(pdf)
        with tempfile.TemporaryDirectory(prefix="nianbao-ocr-") as name:
            folder = Path(name)
            pages = [
                render_page(pdf, number, folder)
                for number in range(min(total, limits.max_pages))
            ]
            return _read(pages, folder, deadline, version, total)
    finally:
        pdf.close()


def _read(
    pages: list[Page], folder: Path, deadline: float, version: str, total: int
) -> Document:
    crops = [crop for page in pages for crop in page.crops]
    page_tsv = _tesseract(
        [p.image for p in pages], folder / "pages.txt", PSM_PAGE, deadline
    )
    for index, words in parse_tsv(page_tsv).items():
        pages[index].words = words
    texts: dict[tuple[int, int, int], CellReading] = {}
    speckled = {page.number for page in pages if page.speckled}
    for psm in (PSM_CHAR, PSM_LINE, PSM_BLOCK):
        batch = [crop for crop in crops if crop.psm == psm]
        if not batch:
            continue
        tsv = _tesseract(
            [c.path for c in batch], folder / f"cells{psm}.txt", psm, deadline
        )
        cell_words = parse_tsv(tsv)
        for index, crop in enumerate(batch):
            words = cell_words.get(index, [])
            texts[(crop.page, crop.table, crop.cell)] = (
                _glyphs_lost(cell_text(words, SPECKLED_MIN_CONFIDENCE), psm)
                if crop.page in speckled
                else cell_text(words, MIN_NUMBER_CONFIDENCE)
            )
    numbers = sum(1 for reading in texts.values() if reading.number)
    doubtful = sum(1 for reading in texts.values() if reading.doubtful)
    poor = numbers > 0 and doubtful > POOR_SCAN_SHARE * numbers
    if poor:
        # Most digits of this scan were unreadable: the few that looked clean are as likely
        # misread (a 0 read as a confident 6 was seen on such a scan), so none is trusted.
        logger.warning(
            "ocr: %d of %d number cells doubtful; the scan is too poor to trust any",
            doubtful,
            numbers,
        )
        texts = {
            key: CellReading(r.text, r.number, r.number) for key, r in texts.items()
        }
    found: list[PageTable] = []
    lines: list[str] = []
    for page in pages:
        page_tables = _page_tables(page, texts)
        found.extend(page_tables)
        lines.extend(
            page_lines(page.words, [t.cells for t in page_tables], 72 / page.dpi)
        )
    grids = (grid_from_cells(cells) for cells in stitch_cells(found))
    tables = tuple(mark_misread_numbers(g) for g in grids if g is not None)
    meta = {
        "pages": str(total),
        "pages_read": str(len(pages)),
        "ocr": version,
        "ocr_language": LANGUAGE,
        "ocr_dpi": str(OCR_DPI),
        "ocr_doubtful_cells": str(doubtful),
        "ocr_number_cells": str(numbers),
        "ocr_quality": "poor" if poor else "usable",
        "ocr_skew_deg": " ".join(f"{page.skew:g}" for page in pages),
    }
    if doubtful:
        logger.info(
            "ocr: %d table cells read with low confidence, marked unreadable", doubtful
        )
    return Document(
        text="\n".join(lines),
        tables=tables,
        meta=meta,
        media_type="application/pdf",
        extractor=OCR_EXTRACTOR,
    )


def _glyphs_lost(reading: CellReading, psm: int) -> CellReading:
    """``reading`` (of a speckled page) marked doubtful if it is one digit from a wider crop.

    A cell is read in line mode only when its ink is wider than it is tall (``ocr_page``),
    that is, more than one digit; Tesseract's line mode sometimes drops a blurred leading
    digit and is sure of the rest (``50`` read as ``0`` with confidence 96 on a speckled
    150 dpi scan), and a row of zeros so made is consistent with its total, read the same
    way: a wrong number the rules confirm. Only speckled pages are asked: elsewhere a single
    digit's ink is wider than tall when a rule's remnant or a neighbour's edge stands beside
    it (a 4 degree askew scan), and its read was right.
    """
    digits = sum(ch.isdigit() for ch in reading.text)
    if psm == PSM_LINE and reading.number and digits == 1 and not reading.doubtful:
        return CellReading(reading.text, number=True, doubtful=True)
    return reading


def _page_tables(
    page: Page, texts: dict[tuple[int, int, int], CellReading]
) -> list[PageTable]:
    """The page's tables in points, each cell with its OCR'd text (doubtful ones marked)."""
    scale = 72 / page.dpi
    low, high = page.height * MARGIN_BAND, page.height * (1 - MARGIN_BAND)
    centres = [w.top + w.height / 2 for w in page.words]
    out = []
    for t, table in enumerate(page.tables):
        cells = []
        for c, box in enumerate(table):
            reading = texts.get((page.number, t, c), BLANK)
            text, doubtful = reading.text, reading.doubtful
            bbox = (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)
            cells.append(CellBox(bbox, DOUBTFUL_MARK + text if doubtful else text))
        _, top, _, bottom = enclosing(table)
        above = t == 0 and not any(low < y < top for y in centres)
        below = t == len(page.tables) - 1 and not any(
            bottom < y < high for y in centres
        )
        out.append(
            PageTable(page.number, tuple(cells), clear_above=above, clear_below=below)
        )
    return out


def _tesseract(images: list[Path], list_file: Path, psm: int, deadline: float) -> str:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        msg = "OCR ran out of time before all pages were read"
        logger.warning("ocr stopped: %s", msg)
        raise ResourceLimitError(msg)
    return run_tesseract(images, list_file, psm=psm, timeout_s=remaining)
