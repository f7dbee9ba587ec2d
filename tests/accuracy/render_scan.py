"""Class ``ocr-scan``: reports scanned to image-only PDFs and read back by the OCR path.

Many organs publish their report as a scan of the signed paper copy: a PDF of page images, no
text layer. nianbao reads such a PDF by Tesseract (``parsers/extract/ocr.py``), cell by cell,
and OCR misreads digits (3/8, 1/7, 0/6): a misread digit in an otherwise consistent table is a
wrong number unless the confidence or the format's rules mark it. Each case is the ruled PDF
of ``render_pdf`` (the national tables as Word prints them) rendered to page images and saved
as an image-only PDF (``tests/parsers/docbuild_scan.py``, pdfium with the CJK font the tests
use), then degraded as scanners and copiers degrade pages, and read through
``parsers.extract`` with OCR on, as a crawl reads it. Sub-variants (``case.name``
``{dpi}dpi-{wear}-{size}-{fmt}-{seed}``):

* ``dpi``: 150, 200 or 300 (what scanners are set to);
* ``wear``: ``clean``; ``speckled`` (dust and a blur); ``askew`` (the sheet 1.5° off);
  ``jpeg`` (the page images saved as low-quality JPEG, as phone scans and copiers send them);
  ``faint`` (toner running out: grey ink, softened strokes);
* ``size``: ``plain`` numbers as the truth draws them, ``large`` ones (the truth scaled so
  most cells of parts 三 and 四 have four or five digits, more digits to misread).

Needs ``tesseract`` with ``chi_sim`` and the CJK font; without them the class has no cases
(skipped by the gate, failed under CI's ``NIANBAO_REQUIRE_TOOLS``).
"""

from __future__ import annotations

import io
import shutil
from typing import Final

import pypdfium2  # type: ignore[import-untyped]
from PIL import Image, ImageFilter

from parsers import ExtractionOptions, Source, extract
from parsers.errors import ExtractionError
from tests.accuracy import template as T
from tests.accuracy.render_number_forms import scaled
from tests.accuracy.render_pdf import build_pdf
from tests.accuracy.truth import Case
from tests.parsers.docbuild_scan import CJK_FONT, scan_pdf

CLASS: Final = "ocr-scan"
TOOL: Final = "tesseract"
#: (dpi, wear, size) of case i, i mod 10: every wear at 200 dpi, the others at 150 and 300.
SCHEDULE: Final = (
    (200, "clean", "large"),
    (150, "speckled", "plain"),
    (200, "jpeg", "large"),
    (300, "faint", "large"),
    (200, "askew", "plain"),
    (150, "clean", "large"),
    (200, "speckled", "large"),
    (150, "jpeg", "plain"),
    (200, "faint", "plain"),
    (300, "askew", "large"),
)
#: Factor of the ``large`` truths.
LARGE: Final = 97
#: Share of speckled pixels on a ``speckled`` page (the parser tests' worst readable scan).
SPECKLES: Final = 0.01
JPEG_QUALITY: Final = 25
#: Share of full black a ``faint`` page's ink keeps.
FAINT_INK: Final = 60


def available() -> bool:
    """Whether this machine can build and read the class's scans."""
    return shutil.which(TOOL) is not None and CJK_FONT.exists()


def cases(seed: int, n: int) -> list[Case]:
    """``n`` scans in ``SCHEDULE`` order, both formats; none without Tesseract or the font."""
    if not available():
        return []
    out = []
    fmts = ("2019", "2021")
    for index, case_seed, _rng, base in T.seeded_truths(seed, n, "scan", fmts):
        dpi, wear, size = SCHEDULE[index % len(SCHEDULE)]
        truth = scaled(base, LARGE) if size == "large" else base
        pdf = build_pdf(truth, ruled=True, furniture="dash", title="title1")
        scan = worn(pdf, dpi, wear, case_seed)
        try:
            document = extract(
                Source(body=scan, media_type="application/pdf"),
                options=ExtractionOptions(ocr=True),
            )
        except ExtractionError:
            continue
        out.append(
            Case(
                cls=CLASS,
                name=f"{dpi}dpi-{wear}-{size}-{truth.fmt}-{case_seed}",
                truth=truth,
                document=document,
            )
        )
    return out


def worn(pdf: bytes, dpi: int, wear: str, seed: int) -> bytes:
    """``pdf`` scanned at ``dpi`` with ``wear``, as an image-only PDF."""
    if wear == "speckled":
        return scan_pdf(pdf, dpi=dpi, noise=SPECKLES, seed=seed)
    if wear == "askew":
        return scan_pdf(pdf, dpi=dpi, skew=1.5)
    if wear == "clean":
        return scan_pdf(pdf, dpi=dpi)
    return _reworked(pdf, dpi, wear)


def _reworked(pdf: bytes, dpi: int, wear: str) -> bytes:
    """``pdf``'s pages as images saved as low-quality JPEG (``jpeg``) or faded (``faint``)."""
    pages = _pages(pdf, dpi)
    if wear == "jpeg":
        out_pages = []
        for page in pages:
            buffer = io.BytesIO()
            page.convert("L").save(buffer, "JPEG", quality=JPEG_QUALITY)
            out_pages.append(Image.open(io.BytesIO(buffer.getvalue())))
        pages = out_pages
    else:
        pages = [
            page.convert("L")
            .point(lambda v: 255 - (255 - v) * FAINT_INK // 100)
            .filter(ImageFilter.GaussianBlur(0.5))
            for page in pages
        ]
    out = io.BytesIO()
    pages[0].save(
        out, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:]
    )
    return out.getvalue()


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """``pdf``'s pages rendered at ``dpi`` (as ``scan_pdf`` renders them)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document
        ]
    finally:
        document.close()
