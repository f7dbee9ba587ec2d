"""Hostile attachments end as typed errors, quickly, in a memory-capped child process.

Each case runs through ``sandbox.run_isolated`` with a low ``RLIMIT_AS`` and a short timeout
(truncated PDF, random bytes and an HTML page named .pdf, a DOCX zip
bomb, a 1 GB-declared zip entry, nested/recursive PDF objects, an encrypted PDF, an oversized
file), plus the sandbox's own mapping of timeouts, kills and foreign exceptions.
"""

from __future__ import annotations

import io
import os
import random
import signal
import time

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from crawler.sampleportal.reportgen import generate_numbers
from parsers.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    NeedsOcrError,
    ResourceLimitError,
)
from parsers.extract.doc import extract_doc
from parsers.extract.docx import extract_docx
from parsers.extract.limits import ExtractionLimits
from parsers.extract.ofd import extract_ofd
from parsers.extract.pdf import extract_pdf
from parsers.extract.sandbox import Extractor, run_isolated
from parsers.extract.sheet import extract_sheet
from parsers.model import Document
from tests.parsers.docbuild import (
    bomb_docx,
    inflate_bomb_pdf,
    looping_pdf,
    lying_zip,
    nested_pdf,
)
from tests.parsers.docbuild_layout import build_pdf

#: Low caps: every case must finish well inside them.
LIMITS = ExtractionLimits(memory_bytes=512 * 1024 * 1024, timeout_s=20.0)
#: Wall-clock bound asserted per case (seconds), far below the timeout.
QUICK = 8.0
NOISE = random.Random(1).randbytes(200_000)  # noqa: S311 - seeded fixture


def _report_pdf() -> bytes:
    return build_pdf(generate_numbers(random.Random(2), "2021"), 2022)  # noqa: S311


def _isolated(
    func: Extractor, body: bytes, limits: ExtractionLimits = LIMITS
) -> Document:
    start = time.monotonic()
    try:
        return run_isolated(func, body, limits=limits)
    finally:
        assert time.monotonic() - start < QUICK


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            _report_pdf()[: len(_report_pdf()) * 6 // 10], id="truncated-at-60%"
        ),
        pytest.param(b"%PDF-1.5\n" + NOISE, id="pdf-header-random"),
        pytest.param(NOISE, id="random-bytes"),
        pytest.param(
            b"<!DOCTYPE html><html><body>404 Not Found</body></html>", id="html-page"
        ),
        pytest.param(looping_pdf(), id="page-tree-containing-itself"),
    ],
)
def test_broken_pdfs_are_corrupt(body):
    with pytest.raises(CorruptDocumentError):
        _isolated(extract_pdf, body)


def test_deeply_nested_pdf_objects_are_read_within_bounds():
    # pdfminer resolves objects lazily and parses nesting with its own stack (measured): a page
    # whose resources nest 100 000 arrays deep is read, without recursion, in bounded time.
    document = _isolated(extract_pdf, nested_pdf(100_000))
    assert document.text == "annual report"


def test_a_content_stream_inflating_past_the_memory_cap_is_a_resource_limit():
    with pytest.raises(ResourceLimitError):
        _isolated(
            extract_pdf, inflate_bomb_pdf(256), ExtractionLimits(memory_bytes=256 << 20)
        )


def test_an_encrypted_pdf_keeps_its_type_across_the_process_boundary():
    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=StandardEncryption("user", "owner"))
    pdf.drawString(100, 700, "report")
    pdf.showPage()
    pdf.save()
    with pytest.raises(EncryptedDocumentError):
        _isolated(extract_pdf, out.getvalue())


def test_a_docx_zip_bomb_is_refused_before_opening():
    body = bomb_docx(64 * 1024 * 1024)
    assert len(body) < 200_000  # small file, 64 MiB of XML inside
    limits = ExtractionLimits(ratio_floor_bytes=16 << 20, zip_max_ratio=200)
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="expands"):
        extract_docx(body, limits=limits)
    assert time.monotonic() - start < 0.5  # nothing was inflated


@pytest.mark.parametrize(
    ("func", "member"),
    [
        (extract_docx, "word/document.xml"),
        (extract_sheet, "xl/worksheets/sheet1.xml"),
        (extract_ofd, "OFD.xml"),
    ],
)
def test_a_member_declaring_one_gibibyte_is_refused(func, member):
    with pytest.raises(ResourceLimitError, match="declares"):
        _isolated(func, lying_zip(1 << 30, name=member))


@pytest.mark.parametrize(
    "func", [extract_pdf, extract_docx, extract_sheet, extract_ofd, extract_doc]
)
def test_an_oversized_file_is_refused_by_every_extractor(func):
    with pytest.raises(ResourceLimitError, match="exceeds"):
        func(b"%PDF-1.4\n" + bytes(2048), limits=ExtractionLimits(max_bytes=1024))


def test_the_sandbox_returns_what_the_extractor_returns_inline():
    body = _report_pdf()
    inline = extract_pdf(body, limits=LIMITS)
    assert _isolated(extract_pdf, body) == inline


def _sleeps(body: bytes, *, limits: ExtractionLimits) -> Document:
    time.sleep(60)
    return Document(text="never")


def _raises_key_error(body: bytes, *, limits: ExtractionLimits) -> Document:
    raise KeyError("/Root")


def _raises_needs_ocr(body: bytes, *, limits: ExtractionLimits) -> Document:
    raise NeedsOcrError("scan")


def _killed(body: bytes, *, limits: ExtractionLimits) -> Document:
    os.kill(os.getpid(), signal.SIGKILL)
    return Document(text="never")


def _allocates(body: bytes, *, limits: ExtractionLimits) -> Document:
    return Document(text=str(len(bytearray(limits.memory_bytes))))


def test_a_child_past_its_deadline_is_killed_as_a_resource_limit():
    start = time.monotonic()
    with pytest.raises(ResourceLimitError, match="exceeded"):
        run_isolated(_sleeps, b"", limits=ExtractionLimits(timeout_s=1.0))
    assert time.monotonic() - start < 5


def test_a_child_over_its_memory_cap_is_a_resource_limit():
    with pytest.raises(ResourceLimitError, match="memory"):
        _isolated(_allocates, b"", ExtractionLimits(memory_bytes=256 << 20))


def test_a_child_killed_by_sigkill_is_a_resource_limit():
    with pytest.raises(ResourceLimitError, match="SIGKILL"):
        _isolated(_killed, b"")


def test_a_foreign_exception_in_the_child_is_corrupt_with_its_cause():
    with pytest.raises(CorruptDocumentError, match="KeyError"):
        _isolated(_raises_key_error, b"")


def test_parse_errors_from_the_child_keep_their_type_and_reason():
    with pytest.raises(NeedsOcrError) as error:
        _isolated(_raises_needs_ocr, b"")
    assert error.value.reason == "needs_ocr"
