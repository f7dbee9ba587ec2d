"""Build report attachments (DOCX, XLSX, PDF, OFD) at test time from generated numbers.

Fixtures are never downloaded or committed: each builder turns one ``ReportNumbers`` (from the
sample portal's seeded generator, with its own labels) into the bytes of a document, so a test
can extract it and compare every parsed cell with the numbers. The report's shape follows
``crawler.sampleportal.reporthtml``: title, preface, six parts, the part 二 tables each under its
heading, the merged application table (part 三) and the review table (part 四).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import docx
import openpyxl
from docx.shared import Pt

from crawler.sampleportal import reportlabels as L
from crawler.sampleportal.reportprose import part_text, preface
from crawler.sampleportal.reporttables import (
    Cell,
    ReportTable,
    active_tables,
    application_table,
    review_table,
    to_grid,
)

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers

AGENCY = "示范区人民政府"
TITLE = "示范区人民政府{year}年政府信息公开工作年度报告"


@dataclass(frozen=True, slots=True)
class Placed:
    """A table cell at its top-left grid position with its spans."""

    row: int
    col: int
    cell: Cell


Block = str | ReportTable


def report_blocks(numbers: ReportNumbers, year: int) -> list[Block]:
    """The report as paragraphs and tables in reading order (title first)."""
    blocks: list[Block] = [TITLE.format(year=year), preface(AGENCY, year)]
    for index, heading in enumerate(L.PART_TITLES, start=1):
        blocks.append(f"{L.PART_NUMERALS[index - 1]}、{heading}")
        blocks.extend(part_text(index, AGENCY, year))
        if index == L.PART_ACTIVE:
            for table in active_tables(numbers):
                blocks.extend((table.heading, table))
        elif index == L.PART_APPLICATIONS:
            blocks.append(application_table(numbers))
        elif index == L.PART_REVIEW:
            blocks.append(review_table(numbers))
    return blocks


def placed_cells(table: ReportTable) -> tuple[list[Placed], int, int]:
    """Anchored cells of ``table`` and the grid's (rows, columns)."""
    grid = to_grid(table)
    placed = [
        Placed(r, c, cell)
        for r, row in enumerate(grid)
        for c, cell in enumerate(row)
        if cell is not None
    ]
    return placed, len(grid), max(len(row) for row in grid)


def build_docx(numbers: ReportNumbers, year: int) -> bytes:
    """A DOCX with real merged cells (``cell.merge``) for every rowspan/colspan."""
    document = docx.Document()
    for block in report_blocks(numbers, year):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        placed, height, width = placed_cells(block)
        table = document.add_table(rows=height, cols=width)
        table.style = "Table Grid"
        for p in placed:
            anchor = table.cell(p.row, p.col)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                corner = table.cell(
                    p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1
                )
                anchor = anchor.merge(corner)
            anchor.text = p.cell.text
            for paragraph in anchor.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_xlsx(numbers: ReportNumbers, year: int) -> bytes:
    """An XLSX: prose in column A, each table below it with merged ranges, numbers as numbers.

    Integers are written as floats (``2415.0``) as XLS exporters do, so the extractor's
    integral-float formatting is exercised (doc-extraction.md, "XLS / XLSX").
    """
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    row = 1
    for block in report_blocks(numbers, year):
        if isinstance(block, str):
            sheet.cell(row=row, column=1, value=block)
            row += 1
            continue
        placed, height, _ = placed_cells(block)
        for p in placed:
            value: object = p.cell.text
            if p.cell.is_number:
                value = float(p.cell.text) if "." not in p.cell.text else p.cell.text
            sheet.cell(row=row + p.row, column=1 + p.col, value=value)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                sheet.merge_cells(
                    start_row=row + p.row,
                    start_column=1 + p.col,
                    end_row=row + p.row + p.cell.rowspan - 1,
                    end_column=p.col + p.cell.colspan,
                )
        row += height + 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bytes(
    members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A zip of ``members`` (name -> content), deterministic timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, content)
    return out.getvalue()


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
