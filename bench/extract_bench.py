"""Attachment extraction throughput: documents/s per format, inline and in the sandbox.

Usage: ``python bench/extract_bench.py [--docs N] [--slow-docs M] [--seed S]``. Builds N
generated reports per format (DOCX, XLSX, DOC, OFD, PDF with a one-page and a page-split
application table) with the test fixture builders, and, when the optional tools are installed,
M each of the slow ones: XLS and DOC written by LibreOffice (the DOC read through LibreOffice
for grids) and a scanned PDF read by OCR. It then times (a) ``extract_<fmt>`` called inline and (b) the same call
through ``sandbox.run_isolated`` (forkserver child with RLIMIT_AS and a timeout), and checks
that every document parses to its generated numbers. Building the fixtures is not timed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.sampleportal.documents_ofd import REALISTIC
from crawler.sampleportal.reportgen import ReportNumbers, generate_numbers
from parsers.extract.doc import extract_doc
from parsers.extract.docx import extract_docx
from parsers.extract.libreoffice import extract_doc_converted
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ocr import extract_pdf_ocr
from parsers.extract.ofd import extract_ofd
from parsers.extract.pdf import extract_pdf
from parsers.extract.sandbox import Extractor, preload_modules, run_isolated
from parsers.extract.sheet import extract_sheet
from parsers.report import parse_report
from tests.parsers.docbuild import build_docx, build_xlsx, cells_of
from tests.parsers.docbuild_layout import build_ofd, build_pdf
from tests.parsers.docbuild_office import build_doc_lo, build_xls_lo
from tests.parsers.docbuild_ole import build_doc
from tests.parsers.docbuild_scan import scan_pdf

FORMATS = (
    ("docx", build_docx, extract_docx),
    ("xlsx", build_xlsx, extract_sheet),
    ("doc", build_doc, extract_doc),
    ("ofd", build_ofd, extract_ofd),
    (
        "ofd-real",  # as 数科/福昕 write it, and as the sample portal serves it
        lambda n, y: build_ofd(n, y, split=True, variant=REALISTIC),
        extract_ofd,
    ),
    ("pdf", build_pdf, extract_pdf),
    ("pdf-split", lambda n, y: build_pdf(n, y, split=True), extract_pdf),
)
#: (name, tool it needs, builder, extractor): seconds per document, so fewer documents.
SLOW_FORMATS = (
    ("xls", "soffice", build_xls_lo, extract_sheet),
    ("doc-lo", "soffice", build_doc_lo, extract_doc_converted),
    (
        "scan-ocr",
        "tesseract",
        lambda n, y: scan_pdf(build_pdf(n, y, split=True), dpi=200),
        extract_pdf_ocr,
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--slow-docs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    numbers = [
        generate_numbers(random.Random(args.seed + i), ("2019", "2021")[i % 2])
        for i in range(args.docs)
    ]
    # This script imports the fixture builders; without preloading them every sandbox child
    # re-imports them when it re-runs this script as __mp_main__ (see preload_modules).
    preload_modules(
        [
            "tests.parsers.docbuild_layout",
            "tests.parsers.docbuild_ole",
            "tests.parsers.docbuild_office",
            "tests.parsers.docbuild_scan",
        ]
    )
    run_isolated(
        extract_docx, build_docx(numbers[0], 2022), limits=DEFAULT_LIMITS
    )  # warm up
    print(
        f"{'format':<10} {'kB/doc':>7} {'inline docs/s':>14} {'sandbox docs/s':>15} {'cells ok':>9}"
    )
    runs = [(name, build, extract, numbers) for name, build, extract in FORMATS]
    for name, tool, build, extract in SLOW_FORMATS:
        if shutil.which(tool) is None:
            print(f"{name:<10} skipped: {tool} is not installed")
            continue
        runs.append((name, build, extract, numbers[: args.slow_docs]))
    for name, build, extract, batch in runs:
        _measure(name, build, extract, batch)


def _measure(
    name: str,
    build: Callable[[ReportNumbers, int], bytes],
    extract: Extractor,
    numbers: list[ReportNumbers],
) -> None:
    """Print one format's line: size, inline and sandboxed docs/s, cells read back."""
    bodies = [build(n, 2020 + i % 2 * 2) for i, n in enumerate(numbers)]
    start = time.perf_counter()
    documents = [extract(body, limits=DEFAULT_LIMITS) for body in bodies]
    inline = time.perf_counter() - start
    start = time.perf_counter()
    for body in bodies:
        run_isolated(extract, body, limits=DEFAULT_LIMITS)
    isolated = time.perf_counter() - start
    correct = sum(
        cells_of(parse_report(d)) == cells_of(n)
        for d, n in zip(documents, numbers, strict=True)
    )
    size = sum(map(len, bodies)) / len(bodies) / 1024
    print(
        f"{name:<10} {size:>7.1f} {len(bodies) / inline:>14.1f}"
        f" {len(bodies) / isolated:>15.1f} {correct:>5}/{len(bodies)}"
    )


if __name__ == "__main__":
    main()
