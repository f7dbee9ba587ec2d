"""Which optional system tools an extraction may use, chosen by the caller.

Extractors themselves stay ``(body, *, limits) -> Document`` and never look at the machine;
``parsers.extract`` reads these options and picks the extractor: OCR for a PDF without a text
layer (``ocr``, off by default: ~8 s per page, doc-extraction.md "PDF without a text layer"),
LibreOffice for DOC/WPS table grids (``libreoffice``, on by default, used only when ``soffice``
is installed). Both tools are optional Debian packages (docs/formats.md); asking for OCR on a
machine without Tesseract is a ``ToolMissingError`` at the start, not a silent no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits


@dataclass(frozen=True, slots=True)
class ExtractionOptions:
    """Optional tools and bounds for one ``parsers.extract`` call (picklable, for pools)."""

    #: OCR scanned PDFs with Tesseract (``chi_sim``); otherwise they stay ``needs_ocr``.
    ocr: bool = False
    #: Wall-clock bound on one document's OCR (~3-4 s per page measured; 300 pages would
    #: not fit, and a report that long is not one).
    ocr_timeout_s: float = 600.0
    #: Convert DOC/WPS to DOCX with LibreOffice for table grids, if ``soffice`` is installed.
    libreoffice: bool = True
    limits: ExtractionLimits = DEFAULT_LIMITS


#: What ``parsers.extract`` uses when the caller passes nothing.
DEFAULT_OPTIONS: Final = ExtractionOptions()
