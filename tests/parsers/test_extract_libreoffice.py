"""DOC/WPS through LibreOffice: real Word 97 files read back as exact grids, failures typed.

The fixtures are Word 97 binaries written by LibreOffice itself from the report DOCX, built
once per module (each soffice call costs ~1.3 s). Tests that need soffice start with
``require_tool``: skipped without it locally, a failure under CI's ``NIANBAO_REQUIRE_TOOLS``.
"""

from __future__ import annotations

import importlib
import random
import tempfile
import time
from pathlib import Path

import pytest

import parsers
from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    ResourceLimitError,
    ToolFailedError,
)
from parsers.extract import libreoffice
from parsers.extract.doc import F_ENCRYPTED
from parsers.extract.libreoffice import convert, extract_doc_converted, soffice_version
from parsers.extract.limits import DEFAULT_LIMITS, ExtractionLimits
from parsers.extract.sandbox import run_isolated
from parsers.report import parse_report
from tests.parsers.docbuild import AGENCY, build_docx, cells_of
from tests.parsers.docbuild_office import build_doc_lo, with_fib_flags
from tests.parsers.docbuild_ole import compound_file
from tests.tools import require_tool

FORMATS = {"2019": 2020, "2021": 2022}
#: The package, not ``parsers.extract`` the function that shadows it as an attribute.
extract_module = importlib.import_module("parsers.extract")


@pytest.fixture(scope="module")
def reports():
    """fmt -> (numbers, Word 97 bytes written by LibreOffice)."""
    require_tool("soffice")
    out = {}
    for fmt, year in FORMATS.items():
        numbers = generate_numbers(random.Random(2), fmt)  # noqa: S311 - seeded fixture
        out[fmt] = (numbers, build_doc_lo(numbers, year))
    return out


@pytest.fixture(scope="module")
def converted(reports):
    """fmt -> ``extract_doc_converted`` of that report (one soffice call each)."""
    return {
        fmt: extract_doc_converted(body, limits=DEFAULT_LIMITS)
        for fmt, (_, body) in reports.items()
    }


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A fresh directory that ``tempfile`` (and so ``convert``) puts its work directories in."""
    base = tmp_path / "tmp"
    base.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    return base


def _no_conversion(*args, **kwargs):
    raise AssertionError("LibreOffice must not see these bytes")


def _processes_mentioning(marker: str) -> list[int]:
    """Live processes whose command line contains ``marker`` (zombies have none)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue  # ended while we looked
        if marker.encode() in cmdline:
            pids.append(int(proc.name))
    return pids


@pytest.mark.parametrize("fmt", FORMATS)
def test_converted_doc_reads_every_generated_cell(reports, converted, fmt):
    require_tool("soffice")
    numbers, _ = reports[fmt]
    document = converted[fmt]
    assert document.extractor == "libreoffice+python-docx"
    assert document.media_type == "application/msword"
    assert document.meta["converter"] == soffice_version()
    report = parse_report(document)
    assert (report.year, report.agency, report.format) == (FORMATS[fmt], AGENCY, fmt)
    assert cells_of(report) == cells_of(numbers)
    assert report.status == "ok", report.problems[:3]


def test_the_application_grid_keeps_its_merged_shape(converted):
    require_tool("soffice")
    (grid,) = [t for t in converted["2021"].tables if t.width == 10]
    assert len(grid.rows) == 28
    # 申请人情况 spans 7 columns of row 0; the 3×3 note covers rows 0-2, columns 0-2.
    assert grid.rows[0][3:] == ("申请人情况",) * 7
    assert {(0, c) for c in range(4, 10)} <= grid.covered
    assert {(r, c) for r in range(3) for c in range(3)} - {(0, 0)} <= grid.covered
    assert (0, 0) not in grid.covered
    # 三、本年度办理结果 runs down column 0 from row 5: copies below it are covered.
    assert grid.rows[6][0] == grid.rows[5][0] == "三、本年度办理结果"
    assert (6, 0) in grid.covered
    assert (5, 0) not in grid.covered


def test_a_wps_copy_is_read_as_the_word_binary_it_is(reports, converted, tmp_path):
    # Kingsoft .wps files are Word 97 containers; the bytes decide, never the name (.wps
    # would make LibreOffice pick its Microsoft Works filter).
    require_tool("soffice")
    wps = tmp_path / "report.wps"
    wps.write_bytes(reports["2019"][1])
    from_wps = extract_doc_converted(wps.read_bytes(), limits=DEFAULT_LIMITS)
    assert from_wps.tables == converted["2019"].tables
    assert from_wps.text == converted["2019"].text


def test_an_encrypted_doc_is_refused_before_conversion(reports, monkeypatch):
    require_tool("soffice")
    body = with_fib_flags(reports["2021"][1], F_ENCRYPTED)
    monkeypatch.setattr(libreoffice, "convert", _no_conversion)
    with pytest.raises(EncryptedDocumentError):
        extract_doc_converted(body, limits=DEFAULT_LIMITS)


@pytest.mark.parametrize("case", ["random", "truncated", "ole-without-word-stream"])
def test_bytes_that_are_no_word_binary_never_reach_libreoffice(
    reports, monkeypatch, case
):
    # LibreOffice imports random bytes as plain text and exits 0 (doc-extraction.md).
    require_tool("soffice")
    body = {
        "random": random.Random(5).randbytes(60_000),  # noqa: S311 - seeded fixture
        "truncated": reports["2021"][1][: len(reports["2021"][1]) * 6 // 10],
        "ole-without-word-stream": compound_file({"Workbook": b"x" * 5000}),
    }[case]
    monkeypatch.setattr(libreoffice, "convert", _no_conversion)
    with pytest.raises(CorruptDocumentError):
        extract_doc_converted(body, limits=DEFAULT_LIMITS)


def test_a_file_libreoffice_cannot_load_is_tool_failed_and_leaves_nothing(
    private_tmp,
):
    # soffice prints "source file could not be loaded" and exits 0: no output is the signal.
    require_tool("soffice")
    numbers = generate_numbers(random.Random(2), "2021")  # noqa: S311 - seeded fixture
    truncated = build_docx(numbers, 2022)[:5000]
    with pytest.raises(ToolFailedError, match="wrote no doc file"):
        convert(truncated, "docx", "doc", limits=DEFAULT_LIMITS)
    assert list(private_tmp.iterdir()) == []


def test_the_deadline_kills_every_soffice_process_and_removes_the_temp_dir(
    reports, private_tmp
):
    require_tool("soffice")
    # soffice gets half of 1.2 s; a conversion takes > 1 s (~1.3 s measured), and at 0.5 s
    # soffice.bin is already running, so the group kill is what stops it.
    limits = ExtractionLimits(timeout_s=1.2)
    started = time.monotonic()
    with pytest.raises(ResourceLimitError, match="exceeded"):
        extract_doc_converted(reports["2021"][1], limits=limits)
    assert time.monotonic() - started < 5
    assert _processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []


def test_conversion_works_under_the_sandbox_memory_cap(reports):
    # The sandbox's RLIMIT_AS (2 GiB) is inherited by soffice; measured: it needs < 512 MiB.
    require_tool("soffice")
    numbers, body = reports["2021"]
    document = run_isolated(extract_doc_converted, body, limits=DEFAULT_LIMITS)
    assert document.extractor == "libreoffice+python-docx"
    assert cells_of(parse_report(document)) == cells_of(numbers)


def test_a_missing_soffice_is_tool_failed(monkeypatch):
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: None)
    with pytest.raises(ToolFailedError, match="not installed"):
        convert(b"x" * 100, "doc", "docx", limits=DEFAULT_LIMITS)


def test_the_version_names_libreoffice():
    require_tool("soffice")
    version = soffice_version()
    assert version is not None
    assert version.startswith("LibreOffice ")
    assert version.split()[1][0].isdigit()


@pytest.mark.parametrize(("suffix", "target"), [("../x", "docx"), ("doc", "docx;rm")])
def test_odd_suffixes_and_targets_are_refused(suffix, target):
    with pytest.raises(ValueError, match="bad conversion"):
        convert(b"x", suffix, target, limits=DEFAULT_LIMITS)


# ---------------------------------------------------------------- through parsers.extract


def test_extract_uses_libreoffice_for_doc_grids_when_installed(reports):
    numbers, body = reports["2021"]
    document = parsers.extract(parsers.Source(body=body))
    assert document.extractor == "libreoffice+python-docx"
    assert cells_of(parse_report(document)) == cells_of(numbers)


def test_extract_reads_text_only_when_libreoffice_is_switched_off(reports):
    _, body = reports["2021"]
    options = parsers.ExtractionOptions(libreoffice=False)
    document = parsers.extract(parsers.Source(body=body), options=options)
    assert document.extractor == "nianbao-doc"
    assert document.tables == ()


def test_a_failing_converter_falls_back_to_the_text_reader(
    reports, monkeypatch, caplog
):
    numbers, body = reports["2019"]
    real = extract_module.run_isolated

    def converter_fails(func, payload, *, limits):
        if func is extract_doc_converted:
            raise ToolFailedError("soffice exited 0 without output")
        return real(func, payload, limits=limits)

    monkeypatch.setattr(extract_module, "run_isolated", converter_fails)
    with caplog.at_level("WARNING", logger="parsers.extract"):
        document = parsers.extract(parsers.Source(body=body, url="http://x.test/a.doc"))
    assert document.extractor == "nianbao-doc"
    assert (
        document.meta["converter_error"]
        == "tool_failed: soffice exited 0 without output"
    )
    assert "LibreOffice gave no grid for http://x.test/a.doc" in caplog.text
    # the text reader still gives the parser every number (one cell per tab)
    assert cells_of(parse_report(document)) == cells_of(numbers)


def test_a_conversion_without_tables_is_not_preferred_to_the_text_reader(
    reports, monkeypatch
):
    numbers, body = reports["2021"]
    real = extract_module.run_isolated

    def converter_loses_the_tables(func, payload, *, limits):
        if func is extract_doc_converted:
            return parsers.Document(
                text="示范区人民政府", extractor="libreoffice+python-docx"
            )
        return real(func, payload, limits=limits)

    monkeypatch.setattr(extract_module, "run_isolated", converter_loses_the_tables)
    document = parsers.extract(parsers.Source(body=body))
    assert document.extractor == "nianbao-doc"
    assert document.meta["converter_error"].startswith("no_tables:")
    assert cells_of(parse_report(document)) == cells_of(numbers)
