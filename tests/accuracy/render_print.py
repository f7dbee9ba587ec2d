"""Class ``pdf-from-html``: report pages printed to PDF by a browser (Chromium), A4.

Organs often publish the PDF of their web page ("打印" → save as PDF) beside or instead of the
page, and other crawlers archive pages that way. Printed, the page keeps its ruled tables but
loses what only HTML says: a title too long for the line wraps wherever the width ends
(``…工作年度`` / ``报告``), a table runs over pages, and a label merged down many rows
(``三、本年度办理结果``) is drawn once, wherever the browser centres it. The pages are the
``html`` class's (merged cells, blank totals and zeros, units and notes, mixed shapes, own
numbering, part 四 on one row), printed by Chromium, a writer the PDF reader did not help to
design.

All reports of one call are printed in one Chromium run, one report per page break, and the
PDF is cut back into one PDF per report at the pages where each report's title starts. The
printing needs ``chromium``: without it, ``cases`` gives none (the accuracy tests then skip
the class, or fail under CI's ``NIANBAO_REQUIRE_TOOLS``).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2  # type: ignore[import-untyped]

from tests.accuracy import render_html

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

CLASS = "pdf-from-html"
TOOL = "chromium"
#: Seconds one Chromium run may take for a call's pages.
TIMEOUT_S = 300
#: Characters of a report's title that must open the first page of its part of the PDF.
PREFIX = 6
#: Page margins in cm, report by report in turn: the text width decides where a long title
#: wraps (before its year, inside it, after it, inside 年度报告).
MARGINS = (1.0, 1.6, 2.0, 2.5, 3.2)
_PAGE = "".join(
    f"@page m{index} {{ size: A4; margin: {cm}cm }} .m{index} {{ page: m{index} }}"
    for index, cm in enumerate(MARGINS)
)
_STYLE = f"<style>{_PAGE} .report {{ break-before: page }}</style>"
_BODY = re.compile(rb"<body[^>]*>(.*)</body>", re.DOTALL)
_TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)


def cases(seed: int, n: int) -> list[Case]:
    """``n`` pages of the ``html`` class, each printed to a PDF of its own (none without Chromium)."""
    if shutil.which(TOOL) is None:
        return []
    pages = [case for case in render_html.cases(seed, n) if case.source is not None]
    pdfs = print_all([case.source[0] for case in pages if case.source is not None])
    return [
        replace(case, cls=CLASS, source=(pdf, "application/pdf"))
        for case, pdf in zip(pages, pdfs, strict=True)
    ]


def print_all(pages: list[bytes]) -> list[bytes]:
    """Each HTML page printed to PDF, in order, by one Chromium run."""
    titles = [_title(page) for page in pages]
    bodies = b"".join(
        f'<div class="report m{index % len(MARGINS)}">'.encode()
        + _body(page)
        + b"</div>"
        for index, page in enumerate(pages)
    )
    document = (
        b"<html><head><meta charset='utf-8'>" + _STYLE.encode() + b"</head><body>"
    )
    with tempfile.TemporaryDirectory(prefix="accuracy-print-") as tmp:
        work = Path(tmp)
        source = work / "reports.html"
        source.write_bytes(document + bodies + b"</body></html>")
        printed = work / "reports.pdf"
        subprocess.run(
            [
                str(shutil.which(TOOL)),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={work / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={printed}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        return _split(printed.read_bytes(), titles)


def _split(pdf_bytes: bytes, titles: list[str]) -> list[bytes]:
    """The printed PDF cut into one PDF per report: a report starts on the page its title opens."""
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        openings = [_page_text(pdf, number) for number in range(len(pdf))]
        starts: list[int] = []
        for title in titles:
            after = starts[-1] + 1 if starts else 0
            starts.append(
                next(
                    number
                    for number in range(after, len(openings))
                    if openings[number].startswith(title[:PREFIX])
                )
            )
        out = []
        for start, end in zip(starts, [*starts[1:], len(pdf)], strict=True):
            part = pypdfium2.PdfDocument.new()
            part.import_pages(pdf, list(range(start, end)))
            buffer = io.BytesIO()
            part.save(buffer)
            part.close()
            out.append(buffer.getvalue())
        return out
    finally:
        pdf.close()


def _page_text(pdf: pypdfium2.PdfDocument, number: int) -> str:
    page = pdf[number]
    try:
        textpage = page.get_textpage()
        try:
            return "".join(str(textpage.get_text_range()).split())
        finally:
            textpage.close()
    finally:
        page.close()


def _title(page: bytes) -> str:
    found = _TITLE.search(page)
    return "".join(found.group(1).decode().split()) if found else ""


def _body(page: bytes) -> bytes:
    found = _BODY.search(page)
    return found.group(1) if found else page
