"""Processes that never extract a binary file do not import the binary formats' libraries.

A crawl process writes the archive and hands documents to parse workers; the CLI commands read
the index. Neither extracts a PDF, Word, spreadsheet or OFD file, so neither should spend the
fifth of a second that PDFium, pdfplumber, Pillow, python-docx and openpyxl take to import.
The extractors still work: the sandbox imports them where a document is extracted.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

import parsers
from crawler.sampleportal.documents_layout import build_pdf
from crawler.sampleportal.documents_ole import build_doc
from crawler.sampleportal.reportgen import generate_numbers
from tests.parsers.docbuild import build_docx, build_xlsx, cells_of

#: Top-level packages only the binary formats' extractors need.
HEAVY = ("pypdfium2", "pdfplumber", "pdfminer", "PIL", "docx", "openpyxl", "xlrd")

_PROBE = f"""
import json, sys
import parsers, archive, crawler.pipelines, crawler.spiders.portal, crawler.cli
heavy = {HEAVY!r}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))))
"""


def test_importing_the_crawler_and_the_archive_loads_no_binary_format_library():
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("build", [build_pdf, build_docx, build_xlsx, build_doc])
def test_the_binary_extractors_still_run_where_a_document_is_extracted(build):
    numbers = generate_numbers(random.Random(3), "2021")  # noqa: S311 - seeded fixture
    options = parsers.ExtractionOptions(libreoffice=False)
    document = parsers.extract(
        parsers.Source(body=build(numbers, 2022)), options=options
    )
    assert cells_of(parsers.parse_report(document)) == cells_of(numbers)
