"""Attachment extraction throughput: PDF old path vs new path, then documents/s per format.

Usage: ``python bench/extract_bench.py [--portal-size P] [--rounds R] [--skip-formats]
[--docs N] [--slow-docs M] [--seed S]``.

**PDF, old vs new**: the sample portal's PDF attachments (``build_portal(seed,
size=P)``, the bytes the portal serves; the HTML error page and the half PDF left out) are
extracted through ``sandbox.run_isolated`` — the entry the pipeline calls, so in sandbox
workers, not inline — by the pdfplumber path (``pdf_plumber.extract_pdf_plumber``, the old
extractor) and the PDFium path (``pdf.extract_pdf``), in R interleaved rounds (old, new, new,
old, ...). Every round starts with cold workers (the pool's idle workers are stopped, so fonts
and character maps load again). CPU is the whole process tree's (this process, the
forkserver and every worker, from /proc), so the figure is documents per CPU-second as the
pipeline spends it; wall-clock docs/s are printed beside it. Both paths must give every
document the cells of its generated numbers.

**Per format**: builds N
generated reports per format (DOCX, XLSX, DOC, OFD, PDF with a one-page and a page-split
application table) with the test fixture builders, and, when the optional tools are installed,
M each of the slow ones: XLS and DOC written by LibreOffice (the DOC read through LibreOffice
for grids) and a scanned PDF read by OCR. It then times (a) ``extract_<fmt>`` called inline and (b) the same call
through ``sandbox.run_isolated`` (forkserver child with RLIMIT_AS and a timeout), and checks
that every document parses to its generated numbers. Building the fixtures is not timed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.sampleportal import build_portal
from crawler.sampleportal.documents_ofd import REALISTIC
from crawler.sampleportal.files import attachment_bytes
from crawler.sampleportal.reportgen import ReportNumbers, generate_numbers
from parsers.extract import workers
from parsers.extract.doc import extract_doc
from parsers.extract.docx import extract_docx
from parsers.extract.libreoffice import extract_doc_converted
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ocr import extract_pdf_ocr
from parsers.extract.ofd import extract_ofd
from parsers.extract.pdf import extract_pdf
from parsers.extract.pdf_plumber import extract_pdf_plumber
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
    parser.add_argument("--portal-size", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--skip-formats", action="store_true")
    args = parser.parse_args()
    # This script imports the fixture builders; without preloading them every sandbox child
    # re-imports them when it re-runs this script as __mp_main__ (see preload_modules).
    preload_modules(
        [
            "crawler.sampleportal",
            "tests.parsers.docbuild_layout",
            "tests.parsers.docbuild_ole",
            "tests.parsers.docbuild_office",
            "tests.parsers.docbuild_scan",
        ]
    )
    compare_pdf_paths(size=args.portal_size, rounds=args.rounds, seed=args.seed)
    if args.skip_formats:
        return
    numbers = [
        generate_numbers(random.Random(args.seed + i), ("2019", "2021")[i % 2])
        for i in range(args.docs)
    ]
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


def compare_pdf_paths(*, size: int, rounds: int, seed: int) -> None:
    """Print docs per CPU-second (process tree) of the old and new PDF path, cold workers."""
    portal = build_portal(seed=seed, size=size)
    bodies, truths = [], []
    for attachment in portal.files.values():
        report = (
            portal.report_by_key(attachment.report_key)
            if attachment.report_key
            else None
        )
        if attachment.kind != "pdf" or attachment.hostile or attachment.oversized:
            continue
        if report is not None and report.numbers is not None:
            bodies.append(attachment_bytes(attachment, report))
            truths.append(cells_of(report.numbers))
    print(f"PDF: {len(bodies)} sample-portal PDFs (seed {seed}, size {size})")
    paths = {"old": extract_pdf_plumber, "new": extract_pdf}
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    wall: dict[str, list[float]] = {"old": [], "new": []}
    for index in range(rounds):
        order = ("old", "new") if index % 2 == 0 else ("new", "old")
        for name in order:
            workers.shutdown()  # cold workers: fonts and character maps load again
            cpu_start, wall_start = tree_cpu(), time.perf_counter()
            documents = [
                run_isolated(paths[name], body, limits=DEFAULT_LIMITS)
                for body in bodies
            ]
            cpu[name].append(tree_cpu() - cpu_start)
            wall[name].append(time.perf_counter() - wall_start)
            right = sum(
                cells_of(parse_report(d)) == t
                for d, t in zip(documents, truths, strict=True)
            )
            print(
                f"  round {index + 1} {name}: {len(bodies) / cpu[name][-1]:7.1f} docs/CPU-s"
                f" {len(bodies) / wall[name][-1]:7.1f} docs/s wall,"
                f" cells right {right}/{len(bodies)},"
                f" read by pdfplumber {sum(d.extractor == 'pdfplumber' for d in documents)}"
            )
    for name in ("old", "new"):
        rates = sorted(len(bodies) / c for c in cpu[name])
        print(
            f"  {name}: {rates[0]:.1f}-{rates[-1]:.1f} docs per CPU-second"
            f" (median {rates[len(rates) // 2]:.1f}), {1000 * sum(cpu[name]) / len(bodies) / rounds:.1f} CPU-ms/doc"
        )
    ratios = sorted(o / n for o, n in zip(cpu["old"], cpu["new"], strict=True))
    print(f"  CPU old / new per round: {ratios[0]:.1f}x-{ratios[-1]:.1f}x")


def tree_cpu() -> float:
    """CPU seconds spent so far by this process, its children and all their descendants.

    A live descendant counts its own time and its reaped children's (``/proc/PID/stat``
    fields 14-17); processes this one reaped are in ``RUSAGE_CHILDREN``.
    """
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for stat in _descendant_stats(os.getpid()):
        total += sum(int(v) for v in stat[11:15]) / tick
    return total


def _descendant_stats(root: int) -> list[list[str]]:
    """The /proc stat fields (after the command name) of every live descendant of ``root``."""
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            stats[int(entry.name)] = text[text.rindex(")") + 2 :].split()
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(pid)
    out, pending = [], list(children.get(root, []))
    while pending:
        pid = pending.pop()
        out.append(stats[pid])
        pending.extend(children.get(pid, []))
    return out


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
