"""A scanned report in the archive: ``needs_ocr`` at crawl time, read by ``reparse --ocr`` later.

OCR is off by default (seconds per page), so the path a user takes is: crawl, see scans counted
as ``needs_ocr``, run ``nianbao reparse --ocr``. The report row then says ``tesseract`` as its
extractor, and so does every exported cell.
"""

from __future__ import annotations

import io
import json
import random

import pytest
from click.testing import CliRunner

from archive import Archive, export, reparse
from crawler.cli import cli
from crawler.sampleportal.reportgen import generate_numbers
from parsers.extract import ocr_tool
from tests.parsers.docbuild import cells_of
from tests.parsers.docbuild_layout import build_pdf
from tests.parsers.docbuild_scan import scan_pdf
from tests.tools import require_cjk_font, require_tool

PDF = (("Content-Type", "application/pdf"),)


@pytest.mark.slow
def test_reparse_with_ocr_reads_the_scans_left_as_needs_ocr(archive_dir, make_capture):
    require_tool("tesseract")
    require_cjk_font()
    numbers = generate_numbers(random.Random(3), "2021")  # noqa: S311
    scan = scan_pdf(build_pdf(numbers, 2022), dpi=200)
    with Archive.open(archive_dir, software_version="t") as arch:
        stored = arch.store(
            make_capture(
                url="http://demo.test/P020230101.pdf",
                body=scan,
                kind="attachment",
                response_headers=PDF,
            )
        )
        outcome = arch.parse_document(stored.sha256)
    assert outcome.error is not None
    assert outcome.error.startswith("needs_ocr:")

    assert reparse(archive_dir).reparsed == 0  # up to date, and OCR was not asked for
    summary = reparse(archive_dir, ocr=True)
    assert (summary.reparsed, summary.reports, summary.failed) == (1, 1, 0)
    assert reparse(archive_dir, ocr=True).reparsed == 0  # done: not OCR'd twice

    with Archive.open(archive_dir, software_version="t") as arch:
        (report,) = arch.db.table("reports").rows
        text = next(row for row in arch.db.table("texts").rows if row["error"] is None)
    assert (report["status"], report["extractor"]) == ("ok", "tesseract")
    assert json.loads(text["meta"])["ocr_language"] == "chi_sim"

    out = io.StringIO()
    export(archive_dir, table="values", fmt="jsonl", out=out)
    cells = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {cell["extractor"] for cell in cells} == {"tesseract"}
    by_key = {
        (c["section"], c["row_id"], c["column_id"]): c["value_number"] for c in cells
    }
    assert {k: v for k, v in by_key.items() if k[0] == "applications"} == {
        k: v for k, v in cells_of(numbers).items() if k[0] == "applications"
    }


def test_reparse_ocr_without_tesseract_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_tool.shutil, "which", lambda _name: None)
    result = CliRunner().invoke(
        cli, ["reparse", "--ocr", "--archive", str(tmp_path / "a")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: OCR needs Tesseract")
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in result.output
    assert not (tmp_path / "a").exists()  # refused before the archive was touched


@pytest.mark.slow
def test_parse_one_scanned_file_with_ocr_prints_its_report(tmp_path):
    require_tool("tesseract")
    require_cjk_font()
    numbers = generate_numbers(random.Random(5), "2019")  # noqa: S311
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf(build_pdf(numbers, 2020), dpi=200))

    without = CliRunner().invoke(cli, ["parse", str(scan)])
    assert without.exit_code == 1
    assert without.output.startswith("Error: no text layer")

    result = CliRunner().invoke(cli, ["parse", str(scan), "--ocr", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["year"], report["format"], report["status"]) == (2020, "2019", "ok")
