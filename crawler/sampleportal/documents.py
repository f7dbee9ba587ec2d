"""A generated report as attachment bytes: the block order, DOCX and XLSX (and the zip writer).

The sample portal serves reports as attachments (PDF, DOC, DOCX, WPS, XLSX, OFD) and the extractor tests
compare every parsed cell with the numbers, so both need the same deterministic builders; they
live here, in the package, because the portal builds attachments at run time. Each builder turns
one ``ReportNumbers`` into a document's bytes. The report's shape follows
``crawler.sampleportal.reporthtml``: title, preface, six parts, the part 二 tables each under
their heading, the merged application table (part 三) and the review table (part 四). PDF and
OFD are in ``documents_layout``, DOC/WPS in ``documents_ole``.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import docx
import openpyxl  # type: ignore[import-untyped]  # no stubs; see docs/formats.md
from docx.shared import Pt
from openpyxl.xml.functions import tostring  # type: ignore[import-untyped]

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
#: Timestamp written into document properties and zip entries, so bytes are reproducible
#: (python-docx and openpyxl stamp both with "now"; core properties are naive datetimes).
FIXED_TIME = datetime.datetime(2024, 1, 1)
TITLE = "示范区人民政府{year}年政府信息公开工作年度报告"


@dataclass(frozen=True, slots=True)
class Placed:
    """A table cell at its top-left grid position with its spans."""

    row: int
    col: int
    cell: Cell


Block = str | ReportTable


def report_blocks(
    numbers: ReportNumbers, year: int, agency: str = AGENCY
) -> list[Block]:
    """The report as paragraphs and tables in reading order (title first)."""
    title = TITLE.replace(AGENCY, agency).format(year=year)
    blocks: list[Block] = [title, preface(agency, year)]
    for index, heading in enumerate(L.PART_TITLES, start=1):
        blocks.append(f"{L.PART_NUMERALS[index - 1]}、{heading}")
        blocks.extend(part_text(index, agency, year))
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


def build_docx(numbers: ReportNumbers, year: int, agency: str = AGENCY) -> bytes:
    """A DOCX with real merged cells (``cell.merge``) for every rowspan/colspan.

    python-docx stamps the core properties with the current time; they are fixed here so the
    portal serves the same bytes on every run (its ETags and payload digests depend on it).
    """
    document = docx.Document()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.last_printed = FIXED_TIME
    for block in report_blocks(numbers, year, agency):
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
    return rezip(out.getvalue())


def build_xlsx(numbers: ReportNumbers, year: int, agency: str = AGENCY) -> bytes:
    """An XLSX: prose in column A, each table below it with merged ranges, numbers as numbers.

    Integers are written as floats (``2415.0``) as XLS exporters do, so the extractor's
    integral-float formatting is exercised (doc-extraction.md, "XLS / XLSX").
    """
    book = openpyxl.Workbook()
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    sheet = book.active
    assert sheet is not None  # noqa: S101 (a new workbook always has its first sheet)
    row = 1
    for block in report_blocks(numbers, year, agency):
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
    # openpyxl stamps "modified" with the time of saving; write the properties again, fixed
    book.properties.modified = FIXED_TIME
    core = tostring(book.properties.to_tree())
    return rezip(out.getvalue(), replace={"docProps/core.xml": core})


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


def rezip(body: bytes, *, replace: dict[str, bytes] | None = None) -> bytes:
    """``body`` (a zip) rewritten with fixed timestamps, members in order, some replaced."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return zip_bytes(members | (replace or {}))
