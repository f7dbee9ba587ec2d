"""Test-only document builders: hostile files and helpers over the package's report builders.

The report builders (DOCX, XLSX, the zip writer, the block order) live in
``crawler.sampleportal.documents`` because the sample portal serves them at run time; they are
re-exported here so the extractor tests keep one import. What stays here is what only tests
want: the cell comparison helper, the wrapped-number seed finder and the hostile inputs
(zip bombs, lying zip headers, nested and looping PDFs).
"""

from __future__ import annotations

import io
import zipfile

from crawler.sampleportal.documents import (
    AGENCY,
    TITLE,
    Block,
    Placed,
    build_docx,
    build_xlsx,
    placed_cells,
    report_blocks,
    zip_bytes,
)

__all__ = [
    "AGENCY",
    "TITLE",
    "Block",
    "Placed",
    "build_docx",
    "build_xlsx",
    "placed_cells",
    "report_blocks",
    "zip_bytes",
]

SECTIONS = ("active_disclosure", "applications", "review_litigation")


def cells_of(report_or_numbers: object) -> dict[tuple[str, str, str], object]:
    """Every cell of a ``Report`` or ``ReportNumbers`` keyed (section, row, column)."""
    return {
        (section, row, column): value
        for section in SECTIONS
        for row, columns in getattr(report_or_numbers, section).items()
        for column, value in columns.items()
    }


def seed_with_large_numbers(fmt: str, minimum: int = 1000) -> int:
    """The first seed whose application totals reach ``minimum`` (wrapped-number fixtures)."""
    import random

    from crawler.sampleportal.reportgen import generate_numbers

    for seed in range(500):
        numbers = generate_numbers(random.Random(seed), fmt)  # type: ignore[arg-type]  # noqa: S311
        if (
            max(int(v) for v in numbers.applications["total_handled"].values())
            >= minimum
        ):
            return seed
    raise AssertionError("no seed below 500 draws large numbers")


def bomb_docx(expanded_bytes: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml really inflates to ``expanded_bytes`` (~1000:1 deflate)."""
    head = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>'
    chunk = b" " * (1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            member.write(head)
            for _ in range(expanded_bytes // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def lying_zip(declared: int, name: str = "word/document.xml") -> bytes:
    """A tiny zip whose member declares ``declared`` uncompressed bytes (headers patched)."""
    body = bytearray(zip_bytes({"[Content_Types].xml": b"<Types/>", name: b"<x/>"}))
    size = declared.to_bytes(4, "little")
    local = body.rfind(b"PK\x03\x04", 0, body.find(name.encode()))
    body[local + 22 : local + 26] = size
    central = body.rfind(b"PK\x01\x02")
    body[central + 24 : central + 28] = size
    return bytes(body)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A classic PDF (header, numbered objects, xref, trailer) around ``objects``; 1 is /Root."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _page_pdf(page_extra: bytes, contents: bytes, *, filter_name: bytes = b"") -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> " + page_extra + b" >> >>",
            b"<< /Length %d %s >>\nstream\n%s\nendstream"
            % (len(contents), filter_name, contents),
            font,
        ]
    )


def nested_pdf(depth: int) -> bytes:
    """A one-page PDF whose page resources hold arrays nested ``depth`` deep."""
    text = b"BT /F1 12 Tf 10 10 Td (annual report) Tj ET"
    return _page_pdf(b"/X " + b"[" * depth + b"]" * depth, text)


def looping_pdf() -> bytes:
    """A PDF whose page tree contains itself (Kids -> the same Pages node)."""
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Parent 2 0 R /Count 1 >>",
        ]
    )


def inflate_bomb_pdf(mebibytes: int) -> bytes:
    """A small PDF whose content stream inflates to ``mebibytes`` MiB (doc-extraction.md)."""
    import zlib

    compressor = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    data = b"".join(
        [compressor.compress(chunk) for _ in range(mebibytes)] + [compressor.flush()]
    )
    return _page_pdf(b"", data, filter_name=b"/Filter /FlateDecode")
